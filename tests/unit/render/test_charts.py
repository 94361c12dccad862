import subprocess
import sys
import warnings
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree

import pytest

from generator.content.validate import load_content
from generator.facts.derive import release_view
from generator.render.charts.draw import HEIGHT, _width, cache_dir, kpi_chart, sparkline
from tests.conftest import SMALL_PLAN

DRAW = """
import sys
from pathlib import Path
from xml.etree import ElementTree
from generator.render.charts.draw import kpi_chart
from generator.facts.derive import release_view
from generator.content.validate import load_content
view = release_view(load_content(Path(sys.argv[1])), "2015-01")
sys.stdout.write(kpi_chart(view.kpis[1]))
"""


def neet(release: str = "2015-01"):
    return {k.kpi.id: k for k in release_view(load_content(SMALL_PLAN), release).kpis}["neet"]


def test_chart_marks_baseline_target_and_values():
    svg = kpi_chart(neet())
    assert svg.startswith("<?xml")
    for label in ("Reported value", "Baseline", "Target"):
        assert f">{label}<" in svg  # a legend entry, as text a reader can select
    assert "dc:date" not in svg


def test_charts_are_identical_bytes_across_processes(tmp_path):
    outputs = []
    for run in ("a", "b"):
        env = {"PROGRESS_SITE_CACHE": str(tmp_path / run), "PATH": "/usr/bin:/bin"}
        result = subprocess.run(
            [sys.executable, "-c", DRAW, str(SMALL_PLAN)],
            capture_output=True,
            text=True,
            env=env,
            cwd=Path(__file__).parents[3],
            check=True,
        )
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    assert len(list((tmp_path / "a" / "charts").glob("*.svg"))) == 1


def test_charts_come_from_the_cache_when_nothing_changed():
    kpi = neet()
    first = kpi_chart(kpi)
    [cached] = [p for p in (cache_dir() / "charts").glob("*.svg") if p.read_text() == first]
    cached.write_text(first.replace("Baseline", "From the cache"))
    assert "From the cache" in kpi_chart(kpi)
    cached.unlink()
    assert kpi_chart(kpi) == first  # redrawn


def test_new_data_draws_a_new_chart():
    assert kpi_chart(neet("2014-10")) != kpi_chart(neet("2015-01"))
    assert sparkline(neet().values) != kpi_chart(neet())


@pytest.mark.parametrize(
    ("unit", "drawn"),
    [
        ("$x^$", "$x^$"),
        ("$m^2$ per <1,000> & co", "$m^2$ per &lt;1,000&gt; &amp; co"),
        ("per\t1,000\nchildren", "per 1,000 children"),
    ],
)
def test_a_unit_is_drawn_as_written_never_as_mathtext(unit, drawn):
    kpi = neet()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph would be a warning on every build
        svg = kpi_chart(replace(kpi, kpi=kpi.kpi.model_copy(update={"unit": unit})))
    assert f">{drawn}</text>" in svg


def test_long_tick_numbers_and_a_long_unit_stay_inside_the_chart_and_clear_of_each_other():
    kpi = neet()
    k = kpi.kpi.model_copy(update={"unit": "pounds spent " * 30, "baseline": None})
    values = tuple(
        v.model_copy(update={"value": n})
        for v, n in zip(kpi.values, (1e12, -1e12, 5e11), strict=False)
    )
    svg = kpi_chart(replace(kpi, kpi=k, values=values))
    texts = ElementTree.fromstring(svg.split("\n", 1)[1]).iter("{http://www.w3.org/2000/svg}text")
    numbers = [t for t in texts if t.get("text-anchor") == "end"]
    assert "-1,000,000,000,000" in [t.text for t in numbers]
    for number in numbers:  # right-aligned, so each starts its width left of its x
        assert float(number.get("x")) - _width(number.text) >= 20  # the unit ends at x=17
    [unit] = [t for t in ElementTree.fromstring(svg.split("\n", 1)[1]).iter() if t.get("transform")]
    assert unit.text.startswith("pounds spent pounds") and unit.text.endswith("\u2026")
    assert _width(unit.text) <= HEIGHT - 40 - 12
