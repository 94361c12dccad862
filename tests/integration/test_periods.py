"""KPI values with periods, publication dates and a revision, and indicators placed in the plan,
end to end: built, then read as the public reads it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import SMALL_PLAN
from tests.integration.conftest import build_once, run_cli
from tests.integration.linkcheck import broken_links
from tests.integration.test_build import text_of

VALUES = """kpi,date,value,period,published
cicc-members,2014-04-30,7,2013-14,
cicc-members,2014-10-31,9,2014-15 Q2,
neet,2014-04-30,34,2013-14,
neet,2014-09-30,28,2014 Q3,2014-10-15
neet,2014-09-30,27,2014 Q3,2015-01-20
neet,2014-12-31,30,2014 Q4,2015-02-20
"""


@pytest.fixture(scope="module")
def periods_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    content = tmp_path_factory.mktemp("periods") / "content"
    shutil.copytree(SMALL_PLAN, content)
    (content / "kpi-values.csv").write_text(VALUES, encoding="utf-8")
    kpis = content / "kpis.yaml"
    text = kpis.read_text(encoding="utf-8")
    text = text.replace(
        "    code: NI148\n", "    code: NI148\n    headline: true\n    groups: [aip-1]\n"
    )
    kpis.write_text(text, encoding="utf-8")
    return build_once(tmp_path_factory, "periods-site", content)


def test_each_release_shows_what_was_published_by_its_date(periods_site):
    october = json.loads((periods_site / "2014-10/data/kpis.json").read_text())
    january = json.loads((periods_site / "2015-01/data/kpis.json").read_text())
    values = {k["kpi"]: [(v["period"], v["value"]) for v in k["values"]] for k in october["kpis"]}
    assert values["neet"] == [("2013-14", 34), ("2014 Q3", 28)]
    values = {k["kpi"]: [(v["period"], v["value"]) for v in k["values"]] for k in january["kpis"]}
    assert values["neet"] == [("2013-14", 34), ("2014 Q3", 27)]  # revised; 2014 Q4 not yet out
    csv = (periods_site / "2015-01/data/kpis.csv").read_text()
    assert "%,lower,2014-09-30,27,,,2014 Q3,2015-01-20\n" in csv


def test_the_comparison_says_revised_and_no_new_value(periods_site):
    page = (periods_site / "2015-01/changes/index.html").read_text()
    assert "revised from 28% to 27% (2014 Q3)" in page
    assert "no new value" in page
    assert "no change" not in page
    assert broken_links(periods_site, periods_site / "2015-01/changes/index.html") == []


def test_the_home_page_opens_with_the_headline_indicator(periods_site):
    home = (periods_site / "2015-01/index.html").read_text()
    assert 'id="headline-indicators">Headline indicators' in home
    assert '<p class="ps-tile__value">27%</p>\n\n<p class="ps-caption">in 2014 Q3</p>' in home
    kpis = text_of(periods_site / "2015-01/kpis/index.html")
    assert kpis.index("Police protection") < kpis.index("Children in care council")
    group = (periods_site / "2015-01/pillars/aip-1/index.html").read_text()
    assert "Care leavers not in education, employment or training</a>" in group
    assert broken_links(periods_site, periods_site / "2015-01/index.html") == []


def test_chart_and_table_name_the_periods(periods_site):
    page = (periods_site / "2015-01/kpis/neet/index.html").read_text()
    assert "fell by 7 percentage points between 2013-14 and 2014 Q3</strong>" in page
    assert "<th>Period</th>" in page and "<td>2014 Q3</td>" in page
    svg = (periods_site / "2015-01/kpis/neet.svg").read_text()
    assert ">2013-14</text>" in svg


def test_an_unknown_group_is_refused_with_its_line(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SMALL_PLAN, content)
    kpis = content / "kpis.yaml"
    kpis.write_text(
        kpis.read_text().replace("    code: NI148\n", "    code: NI148\n    groups: [nope]\n")
    )
    result = run_cli("build", "--content", str(content), "--out", str(tmp_path / "site"))
    assert result.returncode == 1
    assert "kpis.yaml:13: KPI neet: field 'groups': unknown area for improvement 'nope'" in (
        result.stderr
    )
    assert not (tmp_path / "site").exists()
