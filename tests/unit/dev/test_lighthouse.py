"""The Lighthouse run: which pages it measures, what it reads from a report, and that it
serves the site compressed as its hosts do."""

from __future__ import annotations

import gzip
import json
import urllib.request

from generator.dev.lighthouse import pages, score, served, table


def _site(tmp_path):
    (tmp_path / "versions.json").write_text(
        json.dumps([{"version": "2017-04", "title": "April", "aliases": ["latest"]}])
    )
    for kpi in ("open-cases", "contacts"):
        (tmp_path / "2017-04/kpis" / kpi).mkdir(parents=True)
        (tmp_path / "2017-04/kpis" / kpi / "index.html").write_text("<p>" + "x" * 2000)
    (tmp_path / "2017-04/index.html").write_text("<p>home")
    return tmp_path


def test_one_page_of_each_type_in_the_newest_release(tmp_path):
    assert pages(_site(tmp_path)) == {
        "home": "2017-04/",
        "recommendation": "2017-04/recommendations/1/",
        "kpi": "2017-04/kpis/contacts/",
        "changes": "2017-04/changes/",
    }


def test_scores_out_of_100_and_the_audits_that_lost_points():
    report = {
        "categories": {
            "accessibility": {
                "score": 0.96,
                "auditRefs": [
                    {"id": "label-content-name-mismatch", "weight": 7},
                    {"id": "aria-dialog-name", "weight": 0},
                    {"id": "color-contrast", "weight": 7},
                ],
            },
            "best-practices": {"score": 1, "auditRefs": []},
            "seo": {"score": None, "auditRefs": []},
            "performance": {"score": 0.774, "auditRefs": []},
        },
        "audits": {
            "label-content-name-mismatch": {"score": 0},
            "aria-dialog-name": {"score": 0},  # weighs nothing: not counted
            "color-contrast": {"score": 1},
            "largest-contentful-paint": {"numericValue": 4612.0},
        },
    }
    found = score(report, "home", "2017-04/")
    assert (found.accessibility, found.best_practices, found.seo, found.performance) == (
        96,
        100,
        0,
        77,
    )
    assert found.lcp_seconds == 4.61
    assert found.failed == ("accessibility: label-content-name-mismatch",)
    assert table([found]).splitlines() == [
        "page            a11y  best  seo  perf  LCP (s)",
        "home              96   100    0    77    4.61",
        "    lost: accessibility: label-content-name-mismatch",
    ]


def test_the_site_is_served_gzip_compressed(tmp_path):
    site = _site(tmp_path)
    with served(site) as base:
        asked = urllib.request.Request(
            base + "2017-04/kpis/contacts/", headers={"Accept-Encoding": "gzip"}
        )
        with urllib.request.urlopen(asked) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert gzip.decompress(response.read()).decode() == "<p>" + "x" * 2000
        with urllib.request.urlopen(base + "2017-04/kpis/contacts/") as response:
            assert response.headers["Content-Encoding"] is None
