"""End-to-end builds of the shipped content and of the small fixture plan."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from generator.content.validate import load_content
from tests.conftest import DEFAULT_CONTENT, SMALL_PLAN
from tests.integration.conftest import run_cli, tree_digest


def text_of(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    article = re.search(r"<article.*?</article>", html, re.S).group(0)
    article = re.sub(r"<svg.*?</svg>", "", article, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", article))


def test_versions_json_lists_every_release_newest_first(default_site):
    versions = json.loads((default_site / "versions.json").read_text())
    assert versions == [
        {
            "version": "2017-04",
            "title": 'April 2017 progress update <time class="ps-version-date" '
            'datetime="2017-04-30">30 April 2017</time>',
            "aliases": ["latest"],
        },
        {
            "version": "2016-08",
            "title": 'August 2016 response to the inspection <time class="ps-version-date" '
            'datetime="2016-08-23">23 August 2016</time>',
            "aliases": [],
        },
    ]


def test_every_version_has_its_pages_at_permanent_urls(default_site):
    content = load_content(DEFAULT_CONTENT)
    for release in content.releases:
        root = default_site / release.id
        assert (root / "index.html").is_file()
        assert (root / "releases/index.html").is_file()
        for group in content.groups:
            assert (root / "pillars" / group.id / "index.html").is_file()
        for rec in content.recommendations:
            page = root / "recommendations" / rec.slug / "index.html"
            html = page.read_text()
            for action in rec.actions:
                if action.lifecycle.added and action.lifecycle.added > release.id:
                    assert f'id="{action.anchor}"' not in html
                else:
                    assert f'id="{action.anchor}"' in html
    for kpi in content.kpis:
        assert (default_site / "2017-04/kpis" / kpi.id / "index.html").is_file()
        assert not (default_site / "2016-08/kpis" / kpi.id).exists()


def test_latest_and_root_lead_to_the_newest_release(default_site):
    assert 'url=2017-04/"' in (default_site / "index.html").read_text()
    assert 'url=../2017-04/"' in (default_site / "latest/index.html").read_text()
    deep = (default_site / "latest/kpis/open-cases/index.html").read_text()
    assert 'url=../../../2017-04/kpis/open-cases/"' in deep
    assert not (default_site / "latest/2016-08").exists()


def test_version_selector_and_outdated_banner_are_configured(default_site):
    html = (default_site / "2016-08/index.html").read_text()
    assert '"version": {"default": "latest", "provider": "mike"}' in html
    assert "You are reading an earlier progress report." in html
    assert "Go to the latest report" in html


def test_home_page_answers_found_doing_working(default_site):
    home = text_of(default_site / "2016-08/index.html")
    assert "What was found Ofsted judged the services Inadequate (5 August 2016)." in home
    assert "What is being done 18 recommendations 57 actions, in 3 pillars." in home
    assert "Is it working? Completed 27 In progress 20 Planned 10 " in home
    assert (
        'aria-label="57 actions&#58; Completed 27, In progress 20, Planned 10"'
        in (default_site / "2016-08/index.html").read_text()
    )


def test_status_is_shown_as_words(default_site):
    rec = text_of(default_site / "2016-08/recommendations/9/index.html")
    assert "Status: Planned" in rec and "Status: In progress" in rec
    assert "Timescale: Aug 16 (due 31 August 2016)" in rec


def test_kpi_page_shows_values_and_derived_direction(default_site):
    page = text_of(default_site / "2017-04/kpis/open-cases/index.html")
    assert "Latest: 1,784 on 30 April 2017, −40 since 23 April 2017." in page
    assert "Direction of travel: Improving" in page
    assert "2 April 2017 1,864" in page
    lac = text_of(default_site / "2017-04/kpis/lac-visits-outstanding/index.html")
    assert "Direction of travel: Worsening" in lac


def test_no_escaping_artefacts_leak_into_pages(default_site):
    for page in default_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "&amp;#58;" not in html, page
        assert "\\." not in text_of(page) if "<article" in html else True


def test_small_plan_shows_merges_withdrawals_and_overdue(small_site):
    assert not (small_site / "2014-06/recommendations/13-14").exists()
    merged = text_of(small_site / "2014-10/recommendations/13/index.html")
    assert "Merged in release 2014-10" in merged
    assert "This recommendation was merged into 13/14. Reason given: Combined with" in merged
    january = text_of(small_site / "2015-01/recommendations/1/index.html")
    assert "Overdue : past its due date and not complete" in january
    assert "Withdrawn in release 2015-01. Reason given: Repetition of action 1.4" in january
    groups = text_of(small_site / "2015-01/pillars/index.html")
    assert groups.startswith(" Areas for improvement")
    kpi = text_of(small_site / "2015-01/kpis/neet/index.html")
    assert "Code: NI148" in kpi and "Baseline: 34% on 30 April 2014" in kpi
    assert "Target: 28% by 31 March 2015" in kpi


def test_releases_page_links_to_earlier_versions(small_site):
    html = (small_site / "2015-01/releases/index.html").read_text()
    assert 'href="../../2014-06/"' in html and 'href="../../2014-10/"' in html
    assert "2015-02" not in html
    older = (small_site / "2014-06/releases/index.html").read_text()
    assert "January 2015" not in older  # old versions never change when a release is added


def test_acronyms_explain_themselves_on_every_page(default_site):
    page = (default_site / "2017-04/recommendations/5/index.html").read_text()
    assert (
        '<abbr title="Multi-Agency Safeguarding Hub, where agencies share information about '
        'concerns for a child">MASH</abbr>'
    ) in page
    glossary = (default_site / "2017-04/glossary/index.html").read_text()
    assert "Independent Reviewing Officer" in glossary
    assert 'href="../../glossary/"' in page  # in the navigation


def test_every_kpi_has_a_chart_a_table_and_a_judgement(small_site, default_site):
    page = (small_site / "2015-01/kpis/neet/index.html").read_text()
    assert (
        '<img alt="Line chart of Care leavers not in education, employment or training, 3 values '
        "from 30 April 2014 to 31 December 2014: 34% at the start, 30% at the latest, +2% since "
        "the value before (worsening). Baseline 34% on 30 April 2014. Target 28% by 31 March "
        '2015. The values are in the table." src="../neet.svg"'
    ) in page
    assert (small_site / "2015-01/kpis/neet.svg").read_text().startswith("<?xml")
    assert "Behind: moderate progress</span>" in page
    assert "<td>31 December 2014</td>" in page
    for kpi in (default_site / "2017-04/kpis").glob("*/index.html"):
        assert f'src="../{kpi.parent.name}.svg"' in kpi.read_text()
        assert "No target has been set for this indicator" in kpi.read_text()
    home = (default_site / "2017-04/index.html").read_text()
    assert home.count('src="kpis/') == 18  # a sparkline per indicator
    assert 'class="ps-bar" role="img" aria-label="14 actions&#58; Not reported 14"' in home


def test_builds_are_byte_identical(small_site, tmp_path):
    serial = tmp_path / "serial"
    assert (
        run_cli(
            "build", "--content", str(SMALL_PLAN), "--out", str(serial), "--jobs", "1"
        ).returncode
        == 0
    )
    assert tree_digest(serial) == tree_digest(small_site)  # parallel and serial, default dates
    epoch = {"SOURCE_DATE_EPOCH": "1700000000"}
    first, second = tmp_path / "first", tmp_path / "second"
    for out in (first, second):
        assert (
            run_cli("build", "--content", str(SMALL_PLAN), "--out", str(out), env=epoch).returncode
            == 0
        )
    assert tree_digest(first) == tree_digest(second)
    assert tree_digest(first) != tree_digest(small_site)  # the sitemaps carry the epoch's date


def test_releases_dated_at_either_end_of_the_accepted_range_build(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SMALL_PLAN, content)
    releases = content / "releases.yaml"
    text = releases.read_text().replace("date: 2014-06-30", "date: 1900-01-01")
    releases.write_text(text.replace("date: 2015-01-31", "date: 2200-12-31"))
    result = run_cli("build", "--content", str(content), "--out", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    for release in ("2014-06", "2015-01"):
        assert (tmp_path / "site" / release / "sitemap.xml.gz").is_file()


def test_kpi_charts_speak_first_and_link_their_data(small_site, default_site):
    page = (small_site / "2015-01/kpis/neet/index.html").read_text()
    assert (
        '<figcaption><strong class="ps-chart__headline">Care leavers not in education, '
        "employment or training rose by 2 percentage points between 30 September 2014 and "
        "31 December 2014</strong><br>"
    ) in page
    assert page.index("ps-chart__headline") < page.index('<img alt="Line chart of')
    assert "The vertical axis starts at 20%, not zero&#58; this measure is not a count" in page
    data = small_site / "2015-01/kpis/neet/neet.csv"
    assert data.read_text().startswith(
        "kpi,title,unit,date,value,note,break,period,published\nneet,"
    )
    assert (
        '<a href="neet.csv">Download the data for this chart (<abbr title="Comma-separated '
        'values, a plain table format that spreadsheets open">CSV</abbr>, 1 KB)</a>'
    ) in page
    shipped = (default_site / "2017-04/kpis/open-cases/index.html").read_text()
    assert "No. of open cases fell by 40 in the week to 30 April 2017</strong>" in shipped
    assert "The vertical axis starts at" not in shipped  # a count: from zero
    assert (default_site / "2017-04/kpis/open-cases/open-cases.csv").is_file()


def test_a_title_with_markup_characters_is_escaped_once_in_the_head(tmp_path):
    import html

    content = tmp_path / "content"
    shutil.copytree(SMALL_PLAN, content)
    site_yaml = content / "site.yaml"
    text = site_yaml.read_text()
    site_yaml.write_text(
        re.sub(r"(?m)^title: .*$", "title: 'A & B \"plan\" <2014>'", text, count=1)
    )
    out = tmp_path / "site"
    assert run_cli("build", "--content", str(content), "--out", str(out)).returncode == 0
    page = (out / "2015-01/index.html").read_text()
    feed = re.search(r'<link rel="alternate" type="application/atom\+xml" title="([^"]*)"', page)
    title = re.search(r"<title>([^<]*)</title>", page)
    assert feed and title
    assert html.unescape(feed.group(1)) == 'A & B "plan" <2014>: progress reports'
    assert html.unescape(title.group(1)) == 'A & B "plan" <2014>'
