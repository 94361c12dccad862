"""The command line as users run it: exit codes, messages, and an output that is never damaged."""

from __future__ import annotations

import json
import shutil
import threading
import time
import urllib.request
from pathlib import Path

from click.testing import CliRunner

from generator import BASE_MKDOCS_YML
from generator.cli import cli
from generator.content.validate import load_content
from generator.facts.derive import release_view
from generator.render.pages import mkdocs_config, render_release
from generator.site import engine as site_engine
from generator.site.serve import serve
from tests.conftest import SMALL_PLAN
from tests.integration.conftest import run_cli, run_process, tree_digest


def test_validate_reports_success():
    result = run_cli("validate", "--content", str(SMALL_PLAN))
    assert result.returncode == 0
    assert result.stdout == (
        f"{SMALL_PLAN}: valid (5 recommendations, 6 actions, 2 KPIs, 3 releases)\n"
    )


def test_broken_content_exits_1_without_traceback_and_keeps_the_site(small_site, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SMALL_PLAN, content)
    site = tmp_path / "site"
    shutil.copytree(small_site, site)
    before = tree_digest(site)
    plan = content / "plan.yaml"
    plan.write_text(plan.read_text().replace("groups: [aip-1]", "groups: [aip-1"))
    (content / "kpis.yaml").write_text("kpis:\n  - id: neet\n    unit: x\n")

    result = run_cli("build", "--content", "content", "--out", "site", cwd=tmp_path)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.splitlines()
    assert "content/kpis.yaml:2: KPI neet: missing required field 'title'" in lines
    assert any(
        line.startswith("content/plan.yaml:") and "YAML syntax error" in line for line in lines
    )
    assert lines[-1].startswith("Aborted: ") and lines[-1].endswith(" found in the content.")
    assert tree_digest(site) == before


def test_failed_mkdocs_build_leaves_the_site_untouched(small_site, tmp_path, monkeypatch):
    site = tmp_path / "site"
    shutil.copytree(small_site, site)
    (site / ".progress-site-cache.json").write_text('{"versions": {}}')  # nothing cached
    before = tree_digest(site)
    real = site_engine.run

    def failing(engine: str, config_file: Path, built_on: object = None) -> tuple[int, str]:
        if "2015-01" in str(config_file):
            return 1, "ERROR - boom"
        return real(engine, config_file, built_on)

    monkeypatch.setattr(site_engine, "run", failing)
    result = CliRunner().invoke(
        cli, ["build", "--content", str(SMALL_PLAN), "--out", str(site), "--jobs", "1"]
    )
    assert result.exit_code == 1
    assert result.output.endswith("Error: MkDocs failed for release 2015-01:\nERROR - boom\n")
    assert tree_digest(site) == before
    assert not list(tmp_path.glob(".site.build-*"))


def test_rebuild_replaces_the_output(small_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(small_site, site)
    (site / "stale.txt").write_text("old")
    result = run_cli("build", "--content", str(SMALL_PLAN), "--out", str(site))
    assert result.returncode == 0, result.stderr
    assert not (site / "stale.txt").exists()
    assert tree_digest(site).keys() == tree_digest(small_site).keys()


def test_refuses_to_replace_a_directory_that_is_not_a_site(tmp_path):
    other = tmp_path / "documents"
    other.mkdir()
    (other / "letter.txt").write_text("keep me")
    result = run_cli("build", "--content", str(SMALL_PLAN), "--out", str(other))
    assert result.returncode == 1
    assert result.stderr == (
        f"Error: refusing to replace {other}: it is not empty and was not built by "
        "progress-site (no .progress-site-cache.json). Choose another --out directory.\n"
    )
    assert (other / "letter.txt").read_text() == "keep me"


def test_strict_build_fails_on_a_broken_link(tmp_path):
    view = release_view(load_content(SMALL_PLAN), "2015-01")
    docs = tmp_path / "docs"
    render_release(view, docs)
    with (docs / "index.md").open("a") as page:
        page.write("\n[missing](recommendations/99.md)\n")
    config = tmp_path / "mkdocs.yml"
    config.write_text(mkdocs_config(view, BASE_MKDOCS_YML, docs, tmp_path / "out"))
    code, output = site_engine.run("mkdocs", config)
    assert code != 0
    assert "recommendations/99.md" in output


def test_help_for_every_command():
    for command in ("build", "validate", "serve"):
        result = run_cli(command, "--help")
        assert result.returncode == 0
        assert "Example:" in result.stdout


def test_serve_previews_and_rebuilds_on_change(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SMALL_PLAN, content)
    messages: list[str] = []
    stop = threading.Event()
    thread = threading.Thread(
        target=serve,
        args=(content, "127.0.0.1", 0, messages.append),
        kwargs={"interval": 0.2, "stop": stop},
        daemon=True,
    )
    thread.start()
    try:
        url = None
        for _ in range(300):
            url = next((m.split()[2] for m in messages if m.startswith("Serving on")), None)
            if url:
                break
            time.sleep(0.1)
        assert url, messages
        versions = json.loads(urllib.request.urlopen(url + "versions.json").read())
        assert versions[0]["title"] == (
            'January 2015 <time class="ps-version-date" datetime="2015-01-31">'
            "31 January 2015</time>"
        )
        releases = content / "releases.yaml"
        releases.write_text(
            releases.read_text().replace("title: January 2015", "title: January 2015 (revised)")
        )
        for _ in range(300):
            if sum("Site ready" in m for m in messages) >= 2:
                break
            time.sleep(0.1)
        versions = json.loads(urllib.request.urlopen(url + "versions.json").read())
        assert versions[0]["title"] == (
            'January 2015 (revised) <time class="ps-version-date" datetime="2015-01-31">'
            "31 January 2015</time>"
        )
    finally:
        stop.set()
        thread.join(timeout=10)


def test_validate_warns_about_acronyms_missing_from_the_glossary(small):
    small.replace("plan.yaml", "Develop a police", "Ask the MASH to develop a police")
    result = run_cli("validate", "--content", "content")
    assert result.returncode == 0
    assert result.stderr == (
        "Warning: MASH (in plan.yaml) has no entry in glossary.yaml, so readers are not told "
        "what it means\n"
    )


def test_build_shows_a_line_per_release_when_not_on_a_terminal(tmp_path):
    # the shipped content has an erratum, whose date once drew a serializer warning
    result = run_cli(
        "build",
        "--content",
        "content",
        "--out",
        str(tmp_path / "site"),
        env={"PROGRESS_SITE_QUIET": ""},
    )
    assert result.returncode == 0
    assert result.stdout.startswith("Built 2 releases (")
    assert result.stdout.count("\n") == 1
    lines = result.stderr.splitlines()
    assert lines[:3] == [
        "Checking the content in content",
        "Working out what the 2 releases show",
        "Building 2 releases",
    ]
    assert [line[:6] for line in lines[3:]] == ["[1/2] ", "[2/2] "]  # in the order they finish
    assert sorted(line[6:] for line in lines[3:]) == [
        "Built release 2016-08",
        "Built release 2017-04",
    ]


def test_build_quiet_prints_nothing_but_its_result(tmp_path):
    result = run_cli(
        "build",
        "--content",
        "content",
        "--out",
        str(tmp_path / "site"),
        "-q",
        env={"PROGRESS_SITE_QUIET": ""},
    )
    assert result.returncode == 0
    assert result.stdout.startswith("Built 2 releases (")
    assert result.stdout.count("\n") == 1 and result.stderr == ""


def test_validate_warns_about_acronyms_in_the_templates(small, tmp_path):
    from generator import TEMPLATES_DIR

    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES_DIR, templates)
    data = templates / "data.md.j2"
    data.write_text(data.read_text() + "\nAlso as an XLSX file.\n")
    small.replace("plan.yaml", "Develop a police", "Ask the CSV to develop a police")
    result = run_process(
        "validate", "--content", "content", env={"PROGRESS_SITE_TEMPLATES": str(templates)}
    )
    assert result.returncode == 0
    # CSV is explained by every site's built-in glossary: no warning for the content's use
    assert result.stderr == (
        "Warning: XLSX (in templates/data.md.j2) has no entry in glossary.yaml, so readers are "
        "not told what it means\n"
    )
