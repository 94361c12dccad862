import csv
import io
import json
import xml.etree.ElementTree as ET

from generator.content.validate import load_content
from generator.facts.derive import release_view, release_views
from generator.facts.terms import PlanTerm, PlanTerms
from generator.render.feed import atom_feed
from generator.render.opendata import ACTION_COLUMNS, action_column_docs, open_data
from tests.conftest import SMALL_PLAN

ATOM = "{http://www.w3.org/2005/Atom}"


def test_actions_and_kpis_as_csv_and_json():
    files = open_data(release_view(load_content(SMALL_PLAN), "2015-01"))
    header = files["data/actions.csv"].splitlines()[0]
    assert header == (  # the published columns, in order: scripts read them by name
        "release,recommendation,action,title,description,state,status,status_label,"
        "status_meaning,overdue,late_to_start,due,start,timescale,strategic_lead,"
        "operational_lead,lead,resources,outcome,kpis,narrative,page"
    )
    rows = list(csv.DictReader(io.StringIO(files["data/actions.csv"])))
    by_action = {r["action"]: r for r in rows}
    assert {k: by_action["1.4"][k] for k in ("status", "status_meaning", "overdue", "due")} == {
        "status": "on-track",
        "status_meaning": "in-progress",
        "overdue": "yes",
        "due": "2014-10-31",
    }
    assert (by_action["1.6"]["state"], by_action["1.6"]["status"]) == ("withdrawn", "")
    assert by_action["13.2"]["page"] == "recommendations/13-14/#13.2"
    kpis = list(csv.DictReader(io.StringIO(files["data/kpis.csv"])))
    assert files["data/kpis.csv"].splitlines()[0] == (
        "kpi,title,unit,polarity,date,value,note,break,period,published"
    )
    assert [(r["kpi"], r["date"], r["value"]) for r in kpis if r["kpi"] == "neet"] == [
        ("neet", "2014-04-30", "34"),
        ("neet", "2014-09-30", "28"),
        ("neet", "2014-12-31", "30"),
    ]
    data = json.loads(files["data/kpis.json"])
    neet = next(k for k in data["kpis"] if k["kpi"] == "neet")
    assert neet["target"] == {"date": "2015-03-31", "value": 28}
    assert (neet["direction"], neet["progress"]) == ("worsening", "behind")
    assert json.loads(files["data/actions.json"])["release"]["id"] == "2015-01"


def test_open_data_of_an_earlier_release_stops_at_its_date():
    files = open_data(release_view(load_content(SMALL_PLAN), "2014-06"))
    assert "2014-09-30" not in files["data/kpis.csv"]
    assert "13.2" not in files["data/actions.csv"]  # added in 2014-10


def test_atom_feed_newest_first():
    views = release_views(load_content(SMALL_PLAN))
    feed = ET.fromstring(atom_feed(views))
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "January 2015",
        "October 2014",
        "June 2014",
    ]
    links = [(link.get("rel"), link.get("href")) for link in entries[0].findall(f"{ATOM}link")]
    assert links == [("alternate", "2015-01/"), ("related", "2015-01/changes/")]
    assert [link.get("rel") for link in entries[2].findall(f"{ATOM}link")] == ["alternate"]
    assert feed.findtext(f"{ATOM}updated") == "2015-01-31T00:00:00Z"
    assert (
        "Since October 2014: 1 status change, 1 action not rated in this report, "
        "1 newly overdue, 2 indicators moved"
    ) in entries[0].findtext(f"{ATOM}summary")
    assert "not rated" not in entries[1].findtext(f"{ATOM}summary")
    assert atom_feed(views) == atom_feed(release_views(load_content(SMALL_PLAN)))
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == 3 and all(i.startswith("urn:uuid:") for i in ids)


def test_csv_cells_cannot_run_as_spreadsheet_formulas(small):
    from pathlib import Path

    small.replace(
        "progress/2014-10.yaml",
        "narrative: Numbers are now reported.",
        'narrative: \'=HYPERLINK("http://evil.example","click")\'',
    )
    files = open_data(release_view(load_content(Path("content")), "2014-10"))
    row = next(
        r for r in csv.DictReader(io.StringIO(files["data/actions.csv"])) if r["action"] == "1.4"
    )
    assert row["narrative"] == '\'=HYPERLINK("http://evil.example","click")'
    assert json.loads(files["data/actions.json"])["actions"][1]["narrative"].startswith("=HYPER")


def test_the_data_page_documents_each_action_column_in_the_plan_words():
    terms = PlanTerms(
        group=PlanTerm("Pillar", "Pillars"),
        recommendation=PlanTerm("Focus area", "Focus areas"),
        action=PlanTerm("<b>Task</b>", "<b>Tasks</b>"),
    )
    docs = dict(action_column_docs(terms))
    assert list(docs) == list(ACTION_COLUMNS)
    assert docs["recommendation"] == "The focus area the &lt;b&gt;Task&lt;/b&gt; answers"
    assert docs["strategic_lead"] == "Who is accountable"
