"""A KPI with a tolerance, notes and a break, end to end; and the shipped KPIs' tolerances."""

from __future__ import annotations

import json
import shutil

from tests.conftest import SMALL_PLAN, add_series_kpi
from tests.integration.conftest import run_cli
from tests.integration.linkcheck import broken_links


def test_the_kpi_page_shows_notes_the_break_and_the_tolerance(series_site):
    page = (series_site / "2015-01/kpis/visits-due/index.html").read_text()
    assert "Statutory visits due fell by 5 visits in January 2015</strong>" in page
    assert (
        "A move of up to 3 visits from one value to the next is treated as no significant" in page
    )
    assert "the first value after the break in the series" in page
    assert "<th>Note</th>" in page
    assert '<td data-label="Note">(1) partial month&#58; two weeks of records</td>' in page
    assert (
        '<td data-label="Note">New series. (2) new definition&#58; includes visits by partner '
        "agencies</td>" in page
    )
    assert "<li>31 August 2014: partial month&#58; two weeks of records</li>" in page
    assert (
        "The series breaks before 30 September 2014 (the dotted line): values after it are "
        "not compared with those before."
    ) in page
    assert broken_links(series_site, series_site / "2015-01/kpis/visits-due/index.html") == []
    data = (series_site / "2015-01/kpis/visits-due/visits-due.csv").read_text()
    assert data.splitlines()[0] == "kpi,title,unit,date,value,note,break,period,published"
    october = (series_site / "2014-10/kpis/visits-due/index.html").read_text()
    assert "No significant change</span>" in october
    assert "showed no significant change in October 2014" in october


def test_the_methods_page_explains_tolerance_and_breaks(series_site):
    page = (series_site / "2015-01/methods/index.html").read_text()
    assert "criteria for change" in page
    assert "Scotland" in page
    assert "a move of up to 3 visits" in page
    assert page.count("no tolerance set: every move counts") == 2
    assert '<h3 id="breaks-in-a-series">' in page


def test_open_data_carries_both_columns(series_site):
    text = (series_site / "2015-01/data/kpis.csv").read_text()
    assert text.splitlines()[0] == "kpi,title,unit,polarity,date,value,note,break,period,published"
    values = json.loads((series_site / "2015-01/data/kpis.json").read_text())
    kpi = next(k for k in values["kpis"] if k["kpi"] == "visits-due")
    assert kpi["tolerance"] == {"absolute": 3, "percent": None}
    assert kpi["values"][3] == {
        "date": "2014-09-30",
        "value": 60,
        "note": "new definition: includes visits by partner agencies",
        "break": True,
        "period": "",
        "published": None,
    }


def test_diff_judges_kpis_as_the_pages_do(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SMALL_PLAN, content)
    add_series_kpi(content)
    result = run_cli("diff", "2014-06", "2014-10", "--format", "json", "--content", str(content))
    assert result.returncode == 0, result.stderr
    kpis = {k["id"]: k for k in json.loads(result.stdout)["kpis"]}
    assert (kpis["visits-due"]["from"], kpis["visits-due"]["to"]) == (48, 58)
    assert kpis["visits-due"]["direction"] == "not comparable"  # a break lies between them
    page = run_cli("diff", "2014-06", "2014-10", "--content", str(content)).stdout
    assert "| Not comparable |" in page


def test_the_shipped_site_shows_no_significant_change_within_a_tolerance(default_site):
    page = (default_site / "2017-04/kpis/cp-plans/index.html").read_text()
    assert "No significant change</span>" in page
    assert (
        'No. of children subject to a <abbr title="Child protection, for a child at risk of '
        'significant harm">CP</abbr> Plan showed no significant change in the week to 30 April '
        "2017&#58; it fell by 1, within its tolerance of 5</strong>"
    ) in page
    kpis = (default_site / "2017-04/kpis/index.html").read_text()
    assert kpis.count("No significant change") >= 3
    releases = (default_site / "2017-04/releases/index.html").read_text()
    assert "Direction of travel of the weekly indicators" in releases
