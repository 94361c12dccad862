"""The printable report, the per-recommendation feeds and the embeds, below the browser."""

import re
import xml.etree.ElementTree as ET

from generator.content.validate import load_content
from generator.facts.derive import release_views
from generator.facts.printable import printable_sections
from generator.render.embed import iframe_snippet
from generator.render.printable import css_string
from generator.render.recfeed import all_lines, feed_entries, recommendation_feed
from tests.conftest import SMALL_PLAN

ATOM = "{http://www.w3.org/2005/Atom}"


def _views():
    return release_views(load_content(SMALL_PLAN))


def test_a_recommendation_under_two_groups_is_set_out_once_and_referred_to_after():
    sections = printable_sections(_views()[-1])
    layout = [
        (
            s.group.group.id if s.group else None,
            [
                (e.recommendation.recommendation.id, e.set_out_under and e.set_out_under.id)
                for e in s.entries
            ],
        )
        for s in sections
    ]
    assert layout == [
        ("aip-1", [("1", None)]),
        ("aip-8", [("8", None)]),
        ("aip-9", [("8", "aip-8"), ("13", None), ("14", None), ("13/14", None)]),
    ]


def test_css_strings_escape_every_character():
    assert css_string("A: b") == '"\\000041\\00003a\\000020\\000062"'
    hostile = css_string('x"; } </style><script>alert(1)</script>\n\\')
    assert re.fullmatch(r'"(\\[0-9a-f]{6})+"', hostile)


def test_a_recommendation_feed_has_an_entry_where_its_actions_changed():

    views = _views()
    said = all_lines(views)
    entries = feed_entries(views, "1", said)
    assert [(e.view.release.id, e.lines) for e in entries] == [
        (
            "2014-06",
            (
                "Recommendation 1 in the plan.",
                "Action 1.2: Planned.",
                "Action 1.4: Planned.",
                "Action 1.6: Not reported.",
            ),
        ),
        (
            "2014-10",
            (
                "Action 1.2: Planned → Completed.",
                "Action 1.2: progress narrative updated.",
                "Action 1.4: Planned → On track.",
                "Action 1.4: progress narrative updated.",
            ),
        ),
        (
            "2015-01",
            (
                "Action 1.4: progress narrative updated.",
                "Action 1.6 was withdrawn.",
                "Assessed by Ofsted on 20 January 2015: Insufficient progress.",
            ),
        ),
    ]
    merged = feed_entries(views, "13", said)
    assert [(e.view.release.id, e.lines[0]) for e in merged] == [
        ("2014-06", "Recommendation 13 in the plan."),
        (
            "2014-10",
            "Recommendation 13 was merged into recommendation 13/14. Reason given: Combined "
            "with recommendation 14.",
        ),
    ]
    rec = views[-1].content.recommendations[0]
    feed = ET.fromstring(recommendation_feed(views, rec, said))
    assert feed.find(f"{ATOM}title").text.endswith(": recommendation 1")
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == [
        "Recommendation 1: January 2015",
        "Recommendation 1: October 2014",
        "Recommendation 1: June 2014",
    ]
    assert entries[0].find(f"{ATOM}link").get("href") == "../../2015-01/recommendations/1/"


def test_the_iframe_snippet_escapes_the_title_and_uses_the_sites_address():
    view = _views()[-1]
    kpi = view.kpis[0]
    assert iframe_snippet(view, kpi) == (
        f'<iframe src="2015-01/embed/kpis/{kpi.kpi.id}/" title="Children in care council members '
        '(Barking and Dagenham children&#x27;s services action plan)" width="100%" '
        'height="560" style="border: 0" loading="lazy"></iframe>'
    )


def test_the_iframe_snippet_is_absolute_and_shows_a_hostile_title_as_text():
    from dataclasses import replace

    view = _views()[-1]
    site = view.content.site.model_copy(
        update={"url": "https://plan.example.gov.uk/p/", "title": '<b onmouseover="x">'}
    )
    view = replace(view, content=replace(view.content, site=site))
    snippet = iframe_snippet(view, view.kpis[0])
    assert snippet.startswith(
        '<iframe src="https://plan.example.gov.uk/p/2015-01/embed/kpis/cicc-members/" '
        'title="Children in care council members (&lt;b onmouseover=&quot;x&quot;&gt;)"'
    )


def test_a_merged_recommendations_feed_says_what_it_was_merged_into():

    views = _views()
    said = all_lines(views)
    entries = feed_entries(views, "13", said)
    assert [(e.view.release.id, e.lines) for e in entries][-1] == (
        "2014-10",
        (
            "Recommendation 13 was merged into recommendation 13/14. Reason given: Combined "
            "with recommendation 14.",
        ),
    )
