"""The page templates compile a printed value to ``finalize(value)`` alone, leaving out
autoescape's own ``escape`` (``render.template._Generator``): every page of a plan whose every
text carries attack payloads, and every plain comparison of it, is exactly what Jinja's own
code prints."""

from __future__ import annotations

from pathlib import Path

import jinja2.compiler
import pytest

from generator.content.validate import load_content
from generator.facts.compare import compare
from generator.facts.derive import ReleaseView, release_views
from generator.render.comparison import diff_markdown
from generator.render.pages import release_pages, write_pages
from generator.render.template import environment
from tests.conftest import SMALL_PLAN
from tests.integration.payloads import poisoned_content


def _jinjas(plain: bool) -> jinja2.Environment:
    env = environment(plain=plain)
    env.code_generator_class = jinja2.compiler.CodeGenerator
    env.bytecode_cache = None
    return env


@pytest.fixture(scope="module")
def views(tmp_path_factory: pytest.TempPathFactory) -> list[ReleaseView]:
    content = poisoned_content(SMALL_PLAN, tmp_path_factory.mktemp("printed") / "content")
    return release_views(load_content(content))


def _pages(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): p.read_text(encoding="utf-8") for p in folder.rglob("*.md")}


def test_every_page_prints_what_jinja_prints(views, tmp_path):
    ours, theirs = environment(), _jinjas(plain=False)
    assert ours.code_generator_class is not theirs.code_generator_class
    for index, view in enumerate(views):
        listed = release_pages(view, views[:index])
        written = {}
        for name, env in (("ours", ours), ("theirs", theirs)):
            write_pages(view, tmp_path / name / view.release.id, env, listed)
            written[name] = _pages(tmp_path / name / view.release.id)
        assert written["ours"] == written["theirs"]
        assert "&lt;img src=x onerror=alert(1)&gt;" in "".join(written["ours"].values())


def test_every_plain_comparison_prints_what_jinja_prints(views):
    ours, theirs = environment(plain=True), _jinjas(plain=True)
    for old, new in zip(views, views[1:], strict=False):
        diff = compare(old, new)
        page = diff_markdown(diff, ours)
        assert page == diff_markdown(diff, theirs)
        assert "onerror=alert(1)" in page
