"""Both site engines build the shipped content and every fixture from the same Markdown: the
same pages, every internal link resolving at a domain's root and under a sub-path, and the
same versions in the version selector.

Skipped without Zensical (``pip install 'progress-site[zensical]'``), unless
PROGRESS_SITE_ENGINES=required (as CI sets it), when its absence fails.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import BASE_MKDOCS_YML
from generator.content.validate import load_content
from generator.facts.derive import release_view
from generator.render.pages import mkdocs_config, render_release
from generator.site import engine
from generator.site.build import mkdocs_failure
from tests.conftest import DATA, DEFAULT_CONTENT, REAL_PLAN, SMALL_PLAN
from tests.integration.conftest import build_once, run_cli, serve
from tests.integration.linkcheck import broken_links_everywhere

REQUIRED = os.environ.get("PROGRESS_SITE_ENGINES") == "required"
CONTENTS = {
    "shipped": DEFAULT_CONTENT,
    "small-plan": SMALL_PLAN,
    "real-plan": REAL_PLAN,
    "strategic-plan": DATA / "strategic-plan",
}
SHARED_BUILDS = {"shipped": "default_site", "small-plan": "small_site", "real-plan": "real_site"}
"""The sessions' MkDocs builds of the same content, reused rather than built again."""
SUB_PATH = "http://site/plans/progress/"
THEME_FILES = re.compile(r"assets/(javascripts|stylesheets)/|search|sitemap\.xml\.gz$")
"""Each engine's own theme scripts, styles and search index (named differently by each)."""


def _require_zensical() -> None:
    try:
        import zensical  # noqa: F401
    except ImportError:
        if REQUIRED:
            pytest.fail("PROGRESS_SITE_ENGINES=required, but Zensical is not installed")
        pytest.skip("needs Zensical: pip install 'progress-site[zensical]'")


def build_with_zensical(factory: pytest.TempPathFactory, name: str, content: Path) -> Path:
    out = factory.mktemp(name) / "site"
    result = run_cli("build", "--content", str(content), "--out", str(out), "--engine", "zensical")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Built " in result.stdout
    return out


@pytest.fixture(scope="module", params=list(CONTENTS))
def sites(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Path, Path]]:
    """(MkDocs' site, Zensical's site) of one content directory."""
    _require_zensical()
    name = request.param
    if name in SHARED_BUILDS:
        mkdocs = request.getfixturevalue(SHARED_BUILDS[name])
    else:
        mkdocs = build_once(tmp_path_factory, f"{name}-mkdocs", CONTENTS[name])
    yield mkdocs, build_with_zensical(tmp_path_factory, f"{name}-zensical", CONTENTS[name])


def _files(site: Path) -> set[str]:
    found = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    return {f for f in found if not THEME_FILES.search(f)}


def test_the_same_pages_and_files_exist(sites):
    mkdocs, zensical = sites
    pages = {p for p in _files(mkdocs) if p.endswith(".html")}
    assert len(pages) > 50
    assert {p for p in _files(zensical) if p.endswith(".html")} == pages
    assert _files(zensical) == _files(mkdocs)


def test_every_internal_link_resolves_at_the_root_and_under_a_sub_path(sites):
    for site in sites:
        assert broken_links_everywhere(site) == {}, site
        assert broken_links_everywhere(site, SUB_PATH) == {}, site


CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)


def _selector(page: Path) -> dict[str, object]:
    """The version selector's settings in a page (Material's and Zensical's __config)."""
    found = CONFIG.search(page.read_text())
    assert found, page
    return json.loads(found.group(1))["version"]


def test_the_version_selector_lists_the_same_versions(sites):
    mkdocs, zensical = sites
    versions = json.loads((mkdocs / "versions.json").read_text())
    assert json.loads((zensical / "versions.json").read_text()) == versions
    for entry in versions:
        page = Path(entry["version"]) / "index.html"
        assert (
            _selector(zensical / page)
            == _selector(mkdocs / page)
            == {
                "provider": "mike",
                "default": "latest",
            }
        )


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small plan published at ``https://example.org/plans/progress/``, by Zensical (by
    MkDocs in test_subpath.py)."""
    _require_zensical()
    content = tmp_path_factory.mktemp("engines-subpath") / "content"
    shutil.copytree(SMALL_PLAN, content)
    site_yaml = content / "site.yaml"
    site_yaml.write_text("url: https://example.org/plans/progress/\n" + site_yaml.read_text())
    return build_with_zensical(tmp_path_factory, "engines-subpath", content)


LINK = re.compile(r'(?:href|src)="([^"]*)"')


def test_a_site_with_a_sub_path_address_links_only_inside_it(subpath_site):
    assert broken_links_everywhere(subpath_site, SUB_PATH) == {}
    for page in sorted(subpath_site.rglob("404.html")):  # served at any address: absolute paths
        links = [link for link in LINK.findall(page.read_text()) if link.startswith("/")]
        assert links and all(link.startswith("/plans/progress/") for link in links), page


def _listed_versions(browser, url: str) -> list[str]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url)
    page.locator(".md-version__current").wait_for()
    names = page.locator(".md-version__link").all_inner_texts()
    page.close()
    return [name.strip() for name in names]


def test_the_selector_shows_the_same_versions_in_a_browser(small_site, subpath_site, browser):
    listed = []
    for site in (small_site, subpath_site):
        for url in serve(site):
            listed.append(_listed_versions(browser, f"{url}2014-10/kpis/neet/"))
    assert (
        listed[0]
        == listed[1]
        == [  # each release's title, then its date
            "January 2015\n31 January 2015",
            "October 2014\n31 October 2014",
            "June 2014\n30 June 2014",
        ]
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "mkdocs",
            "MkDocs failed for release 2015-01:\nWARNING -  Doc file 'index.md' contains a link "
            "'recommendations/99.md', but the target is not found among documentation files.",
        ),
        (
            "zensical",
            "Zensical failed for release 2015-01:\n"
            "WARNING -  index.md:{line}:11: page does not exist",
        ),
    ],
)
def test_either_engine_fails_on_a_broken_link_and_says_where(tmp_path, name, expected):
    if name == "zensical":
        _require_zensical()
    view = release_view(load_content(SMALL_PLAN), "2015-01")
    docs = tmp_path / "docs"
    render_release(view, docs)
    with (docs / "index.md").open("a") as page:
        page.write("\n[missing](recommendations/99.md)\n")
    line = len((docs / "index.md").read_text().splitlines())
    config = tmp_path / "mkdocs.yml"
    config.write_text(mkdocs_config(view, BASE_MKDOCS_YML, docs, tmp_path / "out"))
    code, output = engine.run(name, config)
    assert code == 1
    message = mkdocs_failure("2015-01", output, tmp_path, tmp_path / "out", engine.NAMES[name])
    assert message == expected.format(line=line)


WITHOUT_ZENSICAL = (
    "import sys; sys.modules['zensical'] = None; "
    "from generator.cli import main; sys.argv[0] = 'progress-site'; main()"
)


@pytest.mark.parametrize("command", ["build", "serve"])
def test_without_zensical_the_command_says_how_to_install_it(tmp_path, command):
    out = tmp_path / "site"
    where = ["--out", str(out)] if command == "build" else ["--port", "0"]
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            WITHOUT_ZENSICAL,
            command,
            "--content",
            str(SMALL_PLAN),
            *where,
            "--engine",
            "zensical",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        "Error: the zensical engine is not installed: install it with "
        "pip install 'progress-site[zensical]'"
    )
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert not out.exists()


def test_an_unknown_engine_is_a_usage_error(tmp_path):
    result = run_cli("build", "--out", str(tmp_path / "site"), "--engine", "hugo")
    assert result.returncode == 2
    assert "Invalid value for '--engine': 'hugo' is not one of 'mkdocs', 'zensical'." in (
        result.stderr
    )
    assert not (tmp_path / "site").exists()


def test_a_panic_in_zensical_is_a_failed_build(tmp_path):
    _require_zensical()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    config = tmp_path / "mkdocs.yml"  # an absolute docs_dir makes Zensical 0.0.73 panic
    config.write_text(f"site_name: t\ndocs_dir: {tmp_path / 'docs'}\nsite_dir: site\n")
    code, output = engine.run("zensical", config)
    assert code == 1
    message = mkdocs_failure("2015-01", output, tmp_path, tmp_path / "site", "Zensical")
    assert message.startswith("Zensical failed for release 2015-01:\nZensical stopped: ")
    assert "Traceback" not in message


PERMALINK = re.compile(r'<a [^>]*class="headerlink"[^>]*>')


def test_section_permalinks_are_named_without_a_tooltip_in_both_engines(sites):
    """Material mounts a tooltip on every ``title``: permalinks carry an aria-label instead."""
    for site in sites:
        page = next(p for p in site.glob("*/report/index.html") if "headerlink" in p.read_text())
        links = PERMALINK.findall(page.read_text())
        assert len(links) > 10, page
        for link in links:
            assert 'aria-label="Link to this section"' in link, link
            assert "title=" not in link, link
