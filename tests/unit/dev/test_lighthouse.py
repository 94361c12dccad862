"""The Lighthouse runner's page list and the host it measures through."""

from __future__ import annotations

import gzip
import json
import urllib.request

from generator.dev.lighthouse import Result, _median, page_types, served, table


def make_site(root):
    (root / "versions.json").write_text(json.dumps([{"version": "2017-05"}, {"version": "x"}]))
    for path in ("", "pillars/b", "pillars/a", "recommendations/1", "kpis", "kpis/neet", "data"):
        folder = root / "2017-05" / path
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(f"<p>{path}</p>")
    (root / "2017-05" / "404.html").write_text("<p>not here</p>")
    return root


def test_page_types_are_found_in_the_newest_version(tmp_path):
    assert page_types(make_site(tmp_path)) == {
        "home": "2017-05/",
        "group": "2017-05/pillars/a/",
        "recommendation": "2017-05/recommendations/1/",
        "kpi": "2017-05/kpis/neet/",
        "kpi index": "2017-05/kpis/",
        "data": "2017-05/data/",
        "404": "2017-05/404.html",
    }


def test_the_host_compresses_text_and_answers_a_missing_page_with_its_404(tmp_path):
    site = make_site(tmp_path)
    with served(site) as root:
        request = urllib.request.Request(
            root + "2017-05/data/", headers={"Accept-Encoding": "gzip"}
        )
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert gzip.decompress(response.read()) == b"<p>data</p>"
        try:
            urllib.request.urlopen(root + "2017-05/nothing/")
        except urllib.error.HTTPError as error:
            assert (error.code, error.read()) == (404, b"<p>not here</p>")
        else:
            raise AssertionError("a missing page was served")


def test_shortfalls_name_each_category_below_its_goal_and_spare_the_404_its_seo():
    scores = {"performance": 0.89, "accessibility": 1, "best-practices": 1, "seo": 0.5}
    assert Result("s", "home", "", scores, ()).shortfalls() == [
        "seo 50 (goal 90)",
        "performance 89 (goal 90)",
    ]
    assert Result("s", "404", "", scores, ()).shortfalls() == ["performance 89 (goal 90)"]


def test_several_runs_keep_each_categorys_median_and_the_median_runs_audits():
    runs = [
        {"scores": {"performance": 0.84, "seo": 1}, "failing": [{"id": "lcp"}]},
        {"scores": {"performance": 0.97, "seo": 1}, "failing": []},
        {"scores": {"performance": 0.93, "seo": 1}, "failing": [{"id": "tbt"}]},
    ]
    result = _median("s", "report", "2017-05/report/", runs)
    assert result.scores == {"performance": 0.93, "seo": 1}
    assert result.failing == ({"id": "tbt"},)
    reordered = [{"scores": {"seo": 1, **r["scores"]}, "failing": r["failing"]} for r in runs]
    assert _median("s", "report", "", reordered).failing == ({"id": "tbt"},)
    failed = [{"scores": {"performance": None}, "failing": []}, *runs]
    assert _median("s", "r", "", failed).scores["performance"] is None


def test_a_category_not_measured_is_no_shortfall_and_shows_as_a_dash():
    result = Result("s", "home", "", {"performance": 0.95}, ())
    assert result.shortfalls() == []
    assert table([result]).splitlines()[1].split()[-4:] == ["95", "-", "-", "-"]
    assert Result("s", "home", "", {"performance": None}, ()).shortfalls() == [
        "performance none (goal 90)"
    ]


def test_a_folder_that_is_not_a_built_site_is_named_without_a_traceback(tmp_path, capsys):
    import pytest

    from generator.dev.lighthouse import main

    (tmp_path / "lighthouse").mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LIGHTHOUSE_MODULES", str(tmp_path))
        with pytest.raises(SystemExit) as exited:
            main([str(tmp_path / "nothing")])
    assert exited.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"python -m generator.dev.lighthouse: error: {tmp_path / 'nothing'} is not a built "
        "site (it has no versions.json): build one with progress-site build --out DIR"
    )


def test_only_a_page_that_misses_a_goal_is_measured_again_and_its_medians_kept(
    tmp_path, monkeypatch
):
    from generator.dev import lighthouse

    site = make_site(tmp_path)
    scores = {"data/": [0.82, 0.95, 0.93, 0.97, 0.7], "kpis/": [0.85, 0.8, 0.84, 0.86, 0.9]}
    asked: list[list[str]] = []

    def scripted(site, modules, urls, categories):
        asked.append([u.split("2017-05/")[1] for u in urls])
        return [
            {
                "url": u,
                "scores": {"performance": scores.get(u.split("2017-05/")[1], [1.0]).pop(0)},
                "failing": [],
            }
            for u in urls
        ]

    monkeypatch.setattr(lighthouse, "_lighthouse", scripted)
    results = {
        r.page: r.scores["performance"]
        for r in lighthouse.measure(site, tmp_path, 1, ["performance"], 4)
    }
    assert len(asked) == 2
    assert sorted(asked[1]) == ["data/"] * 4 + ["kpis/"] * 4
    assert results["data"] == 0.93  # the median of its five runs: it meets the goal
    assert results["kpi index"] == 0.85
    assert results["home"] == 1.0
    scores = {"data/": [0.95]}
    asked.clear()
    lighthouse.measure(site, tmp_path, 1, ["performance"], 4)
    assert len(asked) == 1  # every page met its goals the first time
