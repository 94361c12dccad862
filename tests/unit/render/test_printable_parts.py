"""The printable report in parts: when it is split, how, and where its links land."""

from generator.content.validate import load_content
from generator.facts.derive import release_views
from generator.facts.printable import PrintableSection, printable_sections
from generator.render import printable_parts
from generator.render.printable import holders, report_context
from generator.render.printable_parts import Indicators, split
from generator.render.urls import page_path
from tests.conftest import SMALL_PLAN


def _view():
    return release_views(load_content(SMALL_PLAN))[-1]


def _ids(part):
    return [
        i.recommendation.recommendation.id if hasattr(i, "recommendation") else i.kpi.id
        for i in part.items
    ]


def test_a_short_report_is_one_page():
    view = _view()
    assert printable_parts.report_weight(view) <= printable_parts.SPLIT_ABOVE
    assert split(view, printable_sections(view)) == ()
    context = report_context(view, printable_sections(view), (), "report.md", {})
    assert context["anchor_of"](view.recommendations[0]) == "#rec-1"
    assert context["part_count"] == 0


def _long(monkeypatch):
    """The small plan's report as if it were long: a page holds about two recommendations."""
    monkeypatch.setattr(printable_parts, "SPLIT_ABOVE", 0)
    monkeypatch.setattr(printable_parts, "PART_BYTES", 5_000)
    view = _view()
    sections = printable_sections(view)
    return view, sections, split(view, sections)


def test_a_long_report_is_in_parts_by_group_of_whole_recommendations(monkeypatch):
    view, sections, parts = _long(monkeypatch)
    layout = [[(page_path(p), p.page, p.pages, p.label, _ids(p)) for p in pages] for pages in parts]
    assert layout == [
        [("report/aip-1.md", 1, 1, "recommendation 1", ["1"])],
        [("report/aip-8.md", 1, 1, "recommendation 8", ["8"])],
        [
            ("report/aip-9.md", 1, 2, "recommendations 8 to 13", ["8", "13"]),
            ("report/aip-9/2.md", 2, 2, "recommendations 14 to 13/14", ["14", "13/14"]),
        ],
        [("report/indicators.md", 1, 1, "indicators 1 to 2", ["cicc-members", "neet"])],
    ]
    # each group's pages hold its recommendations in plan order, none divided between pages
    for section, pages in zip(sections, parts, strict=False):
        assert [e for p in pages for e in p.items] == list(section.entries)
    assert isinstance(parts[-1][0].of, Indicators)


def test_the_indicators_continue_on_numbered_pages_by_their_values(monkeypatch):
    monkeypatch.setattr(printable_parts, "KPI_BYTES", 3_000)
    view, _, parts = _long(monkeypatch)
    assert [(page_path(p), p.label) for p in parts[-1]] == [
        ("report/indicators.md", "indicator 1"),
        ("report/indicators/2.md", "indicator 2"),
    ]


def test_the_recommendations_under_no_group_have_a_part_of_their_own():
    section = PrintableSection(None, ())
    assert page_path(section) == "report/other-recommendations.md"


def test_links_land_on_the_part_that_sets_each_item_out(monkeypatch):
    view, sections, parts = _long(monkeypatch)
    recs = {r.recommendation.id: r for r in view.recommendations}
    front = report_context(view, sections, parts, "report.md", holders(parts))["anchor_of"]
    assert front(view.groups[2]) == "report/aip-9.md#group-aip-9"
    assert [front(a) for a in view.overdue] == ["report/aip-1.md#action-1.4"]
    on_9 = report_context(view, sections, parts, "report/aip-9.md", holders(parts))["anchor_of"]
    assert on_9(recs["13"]) == "#rec-13"  # on the same page
    assert on_9(recs["14"]) == "aip-9/2.md#rec-14"
    assert on_9(recs["8"]) == "aip-8.md#rec-8"  # set out in full under its first group
    assert on_9(view.kpis[1]) == "indicators.md#kpi-neet"
    assert on_9(view.kpis[1].kpi) == "indicators.md#kpi-neet"  # as an action's "Measured by"
    on_9_2 = report_context(view, sections, parts, "report/aip-9/2.md", holders(parts))["anchor_of"]
    assert on_9_2(recs["13"]) == "../aip-9.md#rec-13"
    assert on_9_2(view.groups[2]) == "../aip-9.md#group-aip-9"


def test_titles_in_the_list_of_parts_and_their_headings_stay_text(monkeypatch, tmp_path):
    from generator.render.pages import report_pages
    from generator.render.template import environment, render_page
    from generator.render.urls import Linker
    from tests.integration.payloads import poisoned_content

    monkeypatch.setattr(printable_parts, "SPLIT_ABOVE", 0)
    content = load_content(poisoned_content(SMALL_PLAN, tmp_path / "content"))
    view = release_views(content)[-1]
    env = environment()
    written = {
        page.path: render_page(
            env, page.template, view, Linker(page.path, view.release.id), **page.context
        )
        for page in report_pages(view)
    }
    assert "report/aip-9.md" in written and "report/indicators.md" in written
    listed = [line for line in written["report.md"].splitlines() if line.startswith("- [")]
    headings = [
        line for text in written.values() for line in text.splitlines() if line.startswith("#")
    ]
    assert len(listed) == len(written) - 1
    for line in listed + headings:
        assert "<script>" not in line and "<img" not in line and "{{" not in line, line
    assert any("&lt;script&gt;" in line for line in listed)
