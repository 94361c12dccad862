"""KPI charts as static SVG, made at build time with matplotlib.

Charts are deterministic (identical bytes for identical data: a fixed hash salt, no dates in
the metadata, text kept as text) and cached on disk by a hash of everything drawn, so a
rebuild draws only what changed. Series are told apart by marker shape and line style as well
as colour, and every chart comes with a text alternative that states the trend.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import matplotlib
from matplotlib.axes import Axes
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
from matplotlib.figure import Figure
from matplotlib.ticker import StrMethodFormatter

from generator.content.model import Point
from generator.content.parse_cache import cache_dir
from generator.facts.derive import KpiView
from generator.facts.series import segments
from generator.render.chart_words import axis_floor, chart_data
from generator.render.urls import chart_path

STYLE_VERSION = "7"
"""Bump when the drawing code changes, so cached charts are redrawn."""

INK = "#1f2933"
LINE = "#283593"
TARGET = "#8a4b00"
GRID = "#d5d9e0"

matplotlib.rcParams.update(
    {
        "svg.hashsalt": "progress-site",  # stable element ids
        "svg.fonttype": "none",  # text stays text: smaller, selectable, readable by tools
        "font.family": ["sans-serif"],
        "font.size": 11,
        "axes.edgecolor": INK,
        "axes.labelcolor": INK,
        "xtick.color": INK,
        "ytick.color": INK,
        "path.simplify": False,
    }
)


def _cached(kind: str, data: object, draw: Callable[[], str]) -> str:
    key = json.dumps(
        {"kind": kind, "data": data, "style": STYLE_VERSION, "mpl": matplotlib.__version__},
        sort_keys=True,
        default=str,
    )
    digest = hashlib.sha256(key.encode()).hexdigest()
    path = cache_dir() / "charts" / f"{digest}.svg"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        pass
    svg = draw()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp"
        ) as tmp:
            tmp.write(svg)
        os.replace(tmp.name, path)
    except OSError:
        pass  # an unwritable cache only costs time
    return svg


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def _x(points: Sequence[Point]) -> list[float]:
    return [float(date2num(p.date)) for p in points]


def _kpi_data(kpi: KpiView) -> dict[str, object]:
    k = kpi.kpi

    def pts(points: Sequence[Point]) -> list[tuple[str, float]]:
        return [(p.date.isoformat(), p.value) for p in points]

    return {
        "values": pts(kpi.values),
        "notes": [(p.date.isoformat(), p.note, p.starts_segment) for p in kpi.values],
        "baseline": pts([k.baseline] if k.baseline else []),
        "milestones": pts(k.milestones),
        "target": pts([k.target] if k.target else []),
        "unit": k.unit,
    }


def _marks(axes: Axes, points: Sequence[Point], label: str, **style: Any) -> None:
    """Points drawn as markers only, told apart by shape."""
    axes.plot(_x(points), [p.value for p in points], linestyle="none", label=label, **style)


def _series(axes: Axes, kpi: KpiView) -> None:
    """The reported values, one line per segment (never joined across a break), a dotted
    line at each break and a numbered marker at each value with a note."""
    for index, segment in enumerate(kpi.segments):
        if index:
            before = kpi.segments[index - 1][-1]
            middle = (_x([before])[0] + _x([segment[0]])[0]) / 2
            axes.axvline(
                middle,
                color=INK,
                linestyle=":",
                linewidth=1.2,
                label="Series break" if index == 1 else None,
            )
        axes.plot(
            _x(segment),
            [p.value for p in segment],
            color=LINE,
            linewidth=2,
            marker="o",
            markersize=5,
            label="Reported value" if index == 0 else None,
        )
    if kpi.notes:
        axes.set_ymargin(0.2)  # room above the values for the numbered markers
    for number, point in kpi.notes:
        axes.annotate(
            str(number),
            (_x([point])[0], point.value),
            xytext=(0, 11),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=8,
            color=INK,
            bbox={"boxstyle": "circle,pad=0.25", "facecolor": "white", "edgecolor": INK},
        )


def kpi_chart(kpi: KpiView) -> str:
    """The KPI's series with its baseline, milestones and target marked, as SVG text."""

    def draw() -> str:
        k = kpi.kpi
        figure = Figure(figsize=(4.6, 2.9), dpi=100)
        axes = figure.add_axes((0.15, 0.15, 0.82, 0.8))  # fixed margins: no layout pass
        axes.grid(True, color=GRID, linewidth=0.8)
        axes.set_axisbelow(True)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        _series(axes, kpi)
        hollow = {"markerfacecolor": "white", "markeredgewidth": 2}
        if k.baseline:
            _marks(
                axes,
                [k.baseline],
                "Baseline",
                marker="s",
                markersize=8,
                **hollow,
                markeredgecolor=INK,
            )
        if k.milestones:
            _marks(
                axes,
                k.milestones,
                "Milestone",
                marker="D",
                markersize=7,
                **hollow,
                markeredgecolor=TARGET,
            )
        if k.target:
            axes.axhline(k.target.value, color=TARGET, linestyle="--", linewidth=1.5)
            _marks(axes, [k.target], "Target", marker="*", markersize=13, color=TARGET)
        locator = AutoDateLocator(minticks=3, maxticks=7)
        axes.xaxis.set_major_locator(locator)
        axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
        axes.yaxis.set_major_formatter(StrMethodFormatter("{x:,g}"))
        floor = axis_floor(kpi)
        if floor is not None:
            axes.set_ylim(bottom=floor)  # counts from zero; see chart_words.axis_note
        if k.unit not in ("count", "number"):
            # a unit is text, never mathtext; tabs and line breaks have no glyph, spaces do
            axes.set_ylabel(" ".join(k.unit.split()), parse_math=False)
        if len(axes.get_legend_handles_labels()[0]) > 1:
            axes.legend(frameon=False, loc="best", fontsize=9)
        return _svg(figure)

    return _cached("kpi", _kpi_data(kpi), draw)


def sparkline(values: Sequence[Point]) -> str:
    """A small trend line with the latest value marked, as SVG text.

    Written directly rather than drawn by matplotlib: it is a single polyline, and a
    release's pages carry one per indicator.
    """
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

    lines = "".join(
        f'<polyline points="{" ".join(f"{x(p):.1f},{y(p):.1f}" for p in segment)}" '
        f'fill="none" stroke="{LINE}" stroke-width="2" stroke-linejoin="round" '
        'stroke-linecap="round"/>'
        for segment in segments(values)  # never joined across a break
    )
    end = values[-1]
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
