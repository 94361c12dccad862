"""KPI charts as static SVG, written directly at build time.

Charts are deterministic (identical bytes for identical data) and cached on disk by a hash of
everything drawn, so each distinct chart is drawn once across versions. Text stays text, so
charts are small and readable by tools. Series are told apart by marker shape and line style
as well as colour, and every chart comes with a text alternative that states the trend.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

from generator.atomic import keep_file
from generator.content.model import Point
from generator.content.parse_cache import cache_dir
from generator.facts.derive import KpiView
from generator.facts.gaps import runs
from generator.facts.series import segments
from generator.render.charts.axes import Scale, date_scale, labelled, value_scale
from generator.render.charts.words import axis_floor, chart_data
from generator.render.format import COUNT_UNITS
from generator.render.urls import chart_path

STYLE_VERSION = "11"
"""Bump when the drawing code changes, so cached charts are redrawn."""

INK = "#1f2933"
LINE = "#283593"
TARGET = "#8a4b00"
GRID = "#d5d9e0"
BACKGROUND = "#ffffff"

WIDTH, HEIGHT = 380.0, 250.0
FONT = 'font-family="sans-serif"'


def _cached(kind: str, data: object, draw: Callable[[], str]) -> str:
    key = json.dumps({"kind": kind, "data": data, "style": STYLE_VERSION}, sort_keys=True)
    digest = hashlib.sha256(key.encode()).hexdigest()
    path = cache_dir() / "charts" / f"{digest}.svg"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        pass
    svg = draw()
    keep_file(path, svg.encode("utf-8"))  # an unwritable cache only costs time
    return svg


def _kpi_data(kpi: KpiView) -> dict[str, object]:
    k = kpi.kpi

    def pts(points: Sequence[Point]) -> list[tuple[str, float]]:
        return [(p.date.isoformat(), p.value) for p in points]

    periods = {"periods": [p.period for p in kpi.values]} if kpi.has_periods else {}
    return periods | {
        "values": pts(kpi.values),
        "notes": [(p.date.isoformat(), p.note, p.starts_segment) for p in kpi.values],
        "baseline": pts([k.baseline] if k.baseline else []),
        "milestones": pts(k.milestones),
        "target": pts([k.target] if k.target else []),
        "unit": k.unit,
    }


def _n(number: float) -> str:
    """A coordinate, to a tenth of a pixel."""
    return f"{number:.1f}".removesuffix(".0")


class _Plot:
    """The plotting area and the scales that place points in it."""

    def __init__(self, x: Scale, y: Scale, top: float, left: float) -> None:
        self.x_scale, self.y_scale = x, y
        self.left, self.right = left, WIDTH - 24
        self.top, self.bottom = top, HEIGHT - 40

    def x(self, ordinal: float) -> float:
        return self.left + (self.right - self.left) * self.x_scale.fraction(ordinal)

    def y(self, value: float) -> float:
        return self.bottom - (self.bottom - self.top) * self.y_scale.fraction(value)

    def at(self, point: Point) -> tuple[float, float]:
        return self.x(point.date.toordinal()), self.y(point.value)


def _text(
    x: float, y: float, text: str, anchor: str = "middle", size: int = 11, **extra: str
) -> str:
    more = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in extra.items())
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}" font-size="{size}" '
        f'fill="{INK}"{more}>{html.escape(text)}</text>'
    )


_EM = {**dict.fromkeys("0123456789", 0.56), **dict.fromkeys(",. ", 0.28), "-": 0.34}


def _width(text: str, size: int = 11) -> float:
    """About how wide ``text`` is drawn in a sans-serif font, in pixels; a little generous."""
    return size * sum(
        _EM.get(char, 1.0 if unicodedata.east_asian_width(char) in "WF" else 0.62) for char in text
    )


def _fitted(text: str, room: float, size: int = 11) -> str:
    """``text``, cut short with an ellipsis where it is wider than ``room``."""
    if _width(text, size) <= room:
        return text
    text = text[: int(room / (size * min(_EM.values())))]  # no more than could ever fit
    while text and _width(text + "…", size) > room:
        text = text[:-1]
    return text.rstrip() + "…"


_COS = [round(math.cos(math.pi * i / 5), 6) for i in range(10)]
_SIN = [round(math.sin(math.pi * i / 5), 6) for i in range(10)]


def _line(
    x1: float, y1: float, x2: float, y2: float, stroke: str, width: float, dash: str = ""
) -> str:
    """A straight line: a grid line, the target or a series break."""
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<line x1="{_n(x1)}" x2="{_n(x2)}" y1="{_n(y1)}" y2="{_n(y2)}" '
        f'stroke="{stroke}" stroke-width="{width:g}"{dashes}/>'
    )


BREAK_DASH = "1.5 3"
TARGET_DASH = "5 3"


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    """A point marker: a filled circle, a hollow square or diamond, or a filled star."""
    hollow = f'fill="{BACKGROUND}" stroke="{colour}" stroke-width="2"'
    if shape == "circle":
        return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="3" fill="{colour}"/>'
    if shape == "square":
        return f'<rect x="{_n(x - 4)}" y="{_n(y - 4)}" width="8" height="8" {hollow}/>'
    if shape == "diamond":
        corners = f"{_n(x)},{_n(y - 5)} {_n(x + 5)},{_n(y)} {_n(x)},{_n(y + 5)} {_n(x - 5)},{_n(y)}"
        return f'<polygon points="{corners}" {hollow}/>'
    star = " ".join(
        f"{_n(x + r * _SIN[i])},{_n(y - r * _COS[i])}" for i, r in enumerate([7.0, 2.9] * 5)
    )
    return f'<polygon points="{star}" fill="{colour}"/>'


def _axes(plot: _Plot, unit: str) -> list[str]:
    """The grid, the left and bottom axes with their ticks and labels, and the unit."""
    parts = []
    for tick in plot.y_scale.ticks:
        y = plot.y(tick.at)
        parts.append(_line(plot.left, y, plot.right, y, GRID, 0.8))
        parts.append(_text(plot.left - 7, y + 4, tick.label[0], anchor="end"))
    for tick in plot.x_scale.ticks:
        x = plot.x(tick.at)
        parts.append(_line(x, plot.top, x, plot.bottom, GRID, 0.8))
        for line, label in enumerate(tick.label):
            parts.append(_text(x, plot.bottom + 16 + 13 * line, label))
    parts.append(
        f'<path d="M{_n(plot.left)} {_n(plot.top)}V{_n(plot.bottom)}H{_n(plot.right)}" '
        f'fill="none" stroke="{INK}" stroke-width="1"/>'
    )
    if unit not in COUNT_UNITS:
        # a unit is text; tabs and line breaks have no glyph, spaces do. A unit longer than
        # the axis is cut short: the chart's subtitle gives it in full
        middle = (plot.top + plot.bottom) / 2
        label = _fitted(" ".join(unit.split()), plot.bottom - plot.top)
        parts.append(_text(14, middle, label, transform=f"rotate(-90 14 {_n(middle)})"))
    return parts


def _series(plot: _Plot, kpi: KpiView) -> list[str]:
    """The reported values, one line per segment (never joined across a break) broken at each
    gap in reporting (``facts.gaps``), a marker at every value, a dotted line at each break
    and a numbered marker at each value with a note."""
    parts = []
    for index, segment in enumerate(kpi.segments):
        if index:
            before = kpi.segments[index - 1][-1]
            x = (plot.at(before)[0] + plot.at(segment[0])[0]) / 2
            parts.append(_line(x, plot.top, x, plot.bottom, INK, 1.2, BREAK_DASH))
        for run in runs(segment, kpi.values):  # never joined across a gap in reporting
            if len(run) < 2:
                continue  # a value alone: its marker shows it
            points = " ".join(f"{_n(x)},{_n(y)}" for x, y in map(plot.at, run))
            parts.append(
                f'<polyline points="{points}" fill="none" stroke="{LINE}" stroke-width="2" '
                'stroke-linejoin="round"/>'
            )
        parts += [_marker("circle", *plot.at(p), LINE) for p in segment]
    for number, point in kpi.notes:
        x, y = plot.at(point)
        parts.append(
            f'<circle cx="{_n(x)}" cy="{_n(y - 19)}" r="7" fill="{BACKGROUND}" stroke="{INK}"/>'
        )
        parts.append(_text(x, y - 16, str(number), size=8))
    return parts


def _legend(entries: Sequence[tuple[str, str]]) -> tuple[list[str], float]:
    """The key above the plot, wrapped to the chart's width, and the height it takes."""
    parts, x, y = [], 14.0, 14.0
    for kind, label in entries:
        width = 30 + 6.2 * len(label)
        if x + width > WIDTH - 8 and x > 14:
            x, y = 14.0, y + 17
        sample = {
            "line": f'<path d="M{_n(x)} {_n(y)}h18" stroke="{LINE}" stroke-width="2"/>'
            + _marker("circle", x + 9, y, LINE),
            "break": f'<path d="M{_n(x + 9)} {_n(y - 7)}v14" stroke="{INK}" stroke-width="1.2" '
            f'stroke-dasharray="{BREAK_DASH}"/>',
            "baseline": _marker("square", x + 9, y, INK),
            "milestone": _marker("diamond", x + 9, y, TARGET),
            "target": f'<path d="M{_n(x)} {_n(y)}h18" stroke="{TARGET}" stroke-width="1.5" '
            f'stroke-dasharray="{TARGET_DASH}"/>' + _marker("star", x + 9, y, TARGET),
        }[kind]
        parts += [sample, _text(x + 24, y + 3.5, label, anchor="start", size=10)]
        x += width
    return parts, y + 14


def _date_axis(kpi: KpiView, marks: Sequence[Point], left: float) -> Scale:
    """The horizontal axis: ticked at whole days, months or years, or where the values name
    their periods, at those periods, as many as fit side by side."""
    scale = date_scale([p.date for p in marks])
    if not kpi.has_periods:
        return scale
    room = WIDTH - 24 - left
    cap = room / 2 - 10  # two ticks always fit: a longer line is cut short

    def fitted(text: str) -> str:
        return " ".join(_fitted(line, cap) for line in text.split(" ", 1))

    labels = [(p.date, fitted(p.period or f"{p.date:%b %Y}")) for p in kpi.values]
    widest = max(_width(line) for _, text in labels for line in text.split(" ", 1))
    return labelled(scale, labels, max(2, int(room // (widest + 10))))


def kpi_chart(kpi: KpiView) -> str:
    """The KPI's series with its baseline, milestones and target marked, as SVG text."""

    def draw() -> str:
        k = kpi.kpi
        marks = [*kpi.values, *k.milestones, *(p for p in (k.baseline, k.target) if p)]
        entries = [("line", "Reported value")]
        entries += [("break", "Series break")] if len(kpi.segments) > 1 else []
        entries += [("baseline", "Baseline")] if k.baseline else []
        entries += [("milestone", "Milestone")] if k.milestones else []
        entries += [("target", "Target")] if k.target else []
        legend, top = _legend(entries) if len(entries) > 1 else ([], 12.0)
        y = value_scale([p.value for p in marks], axis_floor(kpi), 0.2 if kpi.notes else 0.0)
        # the tick numbers sit right of the unit (when it is drawn), and the plot right of them
        widest = max(_width(tick.label[0]) for tick in y.ticks)
        left = max(62.0, widest + (34 if k.unit not in COUNT_UNITS else 14))
        plot = _Plot(_date_axis(kpi, marks, left), y, top + 6, left)
        parts = _axes(plot, k.unit)
        if k.target:
            at = plot.y(k.target.value)
            parts.append(_line(plot.left, at, plot.right, at, TARGET, 1.5, TARGET_DASH))
        parts += _series(plot, kpi)
        if k.baseline:
            parts.append(_marker("square", *plot.at(k.baseline), INK))
        parts += [_marker("diamond", *plot.at(p), TARGET) for p in k.milestones]
        if k.target:
            parts.append(_marker("star", *plot.at(k.target), TARGET))
        body = "\n".join([*legend, *parts])
        return (
            '<?xml version="1.0" encoding="utf-8"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:g} {HEIGHT:g}" '
            f'width="{WIDTH:g}" height="{HEIGHT:g}" {FONT}>\n'
            f'<rect width="100%" height="100%" fill="{BACKGROUND}"/>\n{body}\n</svg>\n'
        )

    return _cached("kpi", _kpi_data(kpi), draw)


def sparkline(values: Sequence[Point]) -> str:
    """A small trend line with the latest value marked, as SVG text."""
    width, height, pad = 160.0, 45.0, 4.0
    first, last = values[0].date.toordinal(), values[-1].date.toordinal()
    low, high = min(p.value for p in values), max(p.value for p in values)
    if high == low:
        low, high = low - 1, high + 1

    def x(point: Point) -> float:
        span = (last - first) or 1
        return pad + (width - 2 * pad) * (point.date.toordinal() - first) / span

    def y(point: Point) -> float:
        return height - pad - (height - 2 * pad) * (point.value - low) / (high - low)

    end = values[-1]
    lines = "".join(
        f'<polyline points="{" ".join(f"{x(p):.1f},{y(p):.1f}" for p in run)}" '
        f'fill="none" stroke="{LINE}" stroke-width="2" stroke-linejoin="round" '
        'stroke-linecap="round"/>'
        if len(run) > 1
        else f'<circle cx="{x(run[0]):.1f}" cy="{y(run[0]):.1f}" r="1.5" fill="{LINE}"/>'
        for segment in segments(values)  # never joined across a break, nor a gap
        for run in runs(segment, values)
        if len(run) > 1 or run[0] is not end
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height:g}" '
        f'width="{width:g}" height="{height:g}">{lines}'
        f'<circle cx="{x(end):.1f}" cy="{y(end):.1f}" r="3.5" fill="{LINE}"/></svg>\n'
    )


def write_charts(kpis: Sequence[KpiView], docs_dir: Path) -> list[str]:
    """Draw (or take from the cache) every chart of a release; return the docs paths written."""
    written = []
    for kpi in kpis:
        if not kpi.values:
            continue
        files = (
            ("chart", kpi_chart(kpi)),
            ("trend", sparkline(kpi.values)),
            ("data", chart_data(kpi)),
        )
        for kind, svg in files:
            target = docs_dir / chart_path(kpi, kind)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(svg, encoding="utf-8")
            written.append(chart_path(kpi, kind))
    return written
