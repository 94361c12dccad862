"""Non-text contrast (WCAG 1.4.11): status colours, patterns, icons and chart marks reach 3:1.

axe checks the contrast of text only, so these ratios are worked out here from the
stylesheet and from the SVG the charts are drawn as.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator import TEMPLATES_DIR
from generator.content.model import Meaning
from generator.content.validate import load_content
from generator.facts.derive import Direction, release_view
from generator.facts.targets import Judgement
from generator.render.charts import draw as charts
from tests.conftest import SMALL_PLAN

PAGE = "#ffffff"  # Material's light scheme, the only one the site offers
NON_TEXT = 3.0
CSS = (Path(TEMPLATES_DIR) / "assets/progress-site.css").read_text(encoding="utf-8")
HEX = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b")


def luminance(colour: str) -> float:
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def rules(css: str) -> dict[str, str]:
    """Each selector of the stylesheet's top-level rules (not inside @media) and its body."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*\s*\}", "", css)
    found: dict[str, str] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        for selector in selectors.split(","):
            found[" ".join(selector.split())] = found.get(" ".join(selector.split()), "") + body
    return found


RULES = rules(CSS)


def declaration(selector: str, prop: str) -> str:
    body = RULES[selector]
    match = re.search(rf"(?:^|;)\s*{re.escape(prop)}\s*:\s*([^;]+)", body)
    assert match, f"{selector} has no {prop}"
    return match[1].strip()


def colours(selector: str, prop: str) -> list[str]:
    return HEX.findall(declaration(selector, prop))


def kebab(name: str) -> str:
    return name.lower().replace("_", "-")


def test_the_contrast_formula():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast("#fff", "#ffffff") == 1


def test_the_stylesheet_is_read():
    assert colours(".ps-status--complete", "color") == ["#1b5e20"]
    assert ".ps-bar__part--not-reported" in RULES
    assert "@media" in CSS  # forced colours are styled apart, and not read as the default


def badge_classes() -> list[str]:
    return [
        *(f".ps-status--{m.value}" for m in Meaning),
        *(f".ps-direction--{kebab(d.name)}" for d in (Direction.IMPROVING, Direction.WORSENING)),
        *(
            f".ps-progress--{kebab(j.name)}"
            for j in Judgement
            if j is not Judgement.NOT_ENOUGH_DATA
        ),
    ]


@pytest.mark.parametrize("selector", badge_classes())
def test_status_icons_stand_out_from_the_page(selector):
    # the icons are drawn in the badge's text colour
    assert declaration(".ps-icon", "background-color") == "currentColor"
    [colour] = colours(selector, "color")
    assert contrast(colour, PAGE) >= NON_TEXT, selector


def test_the_status_bar_outline_stands_out_from_the_page():
    [border] = colours(".ps-bar", "border")
    assert contrast(border, PAGE) >= NON_TEXT


@pytest.mark.parametrize("meaning", list(Meaning))
def test_each_status_bar_segment_stands_out_from_its_neighbours(meaning):
    [separator] = colours(".ps-bar__part + .ps-bar__part", "border-left")
    fill = colours(f".ps-bar__part--{meaning.value}", "background")
    assert 1 <= len(fill) <= 2
    darkest = min(fill, key=luminance)
    # next to the page, the bar's outline and the gap between two segments
    assert contrast(darkest, separator) >= NON_TEXT
    assert contrast(darkest, PAGE) >= NON_TEXT
    if len(fill) == 2:  # the pattern itself is visible, not only its colour
        assert contrast(*fill) >= NON_TEXT, fill


def test_each_status_has_its_own_pattern():
    def shape(meaning: Meaning) -> str:
        background = declaration(f".ps-bar__part--{meaning.value}", "background")
        return HEX.sub("C", background)

    shapes = [shape(m) for m in Meaning]
    assert len(set(shapes)) == len(shapes), shapes


def test_status_bars_keep_their_patterns_in_forced_colours():
    forced = re.search(r"@media \(forced-colors: active\) \{(.*?)\n\}", CSS, re.S)
    assert forced, "no forced-colours styles"
    block = rules(forced[1])
    assert "CanvasText" in block[".ps-icon"]
    for meaning in Meaning:
        assert "CanvasText" in block[f".ps-bar__part--{meaning.value}"], meaning


def chart_colours(svg: str) -> set[str]:
    """Every colour a chart's lines, markers and text are drawn in."""
    return {c.lower() for c in re.findall(r'(?:stroke|fill)="(#[0-9a-fA-F]{6})"', svg)}


def test_chart_lines_and_markers_stand_out_from_the_chart_background():
    view = release_view(load_content(SMALL_PLAN), "2015-01")
    kpi = {k.kpi.id: k for k in view.kpis}["neet"]
    assert kpi.kpi.target and kpi.kpi.baseline  # every kind of mark is drawn
    svg = charts.kpi_chart(kpi)
    background = re.search(r'<rect width="100%" height="100%" fill="(#[0-9a-f]{6})"', svg)
    assert background and background[1] == PAGE
    drawn = chart_colours(svg) - {PAGE, charts.GRID.lower()}  # grid lines only guide the eye
    assert {charts.LINE.lower(), charts.TARGET.lower(), charts.INK.lower()} <= drawn
    assert {c: round(contrast(c, PAGE), 2) for c in drawn if contrast(c, PAGE) < NON_TEXT} == {}
    spark = charts.sparkline(kpi.values)
    assert 'fill="none"' in spark
    for colour in re.findall(r'(?:stroke|fill)="(#[0-9a-fA-F]{6})"', spark):
        assert contrast(colour, PAGE) >= NON_TEXT
