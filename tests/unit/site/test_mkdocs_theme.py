"""MkDocs' theme environment keeps its compiled templates between builds and lists the installed
theme's files once: what MkDocs builds is the same, and a changed template is compiled again."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
import pytest

from generator.site import mkdocs_theme
from generator.site.mkdocs_run import run_mkdocs


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("PROGRESS_SITE_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def compiled(monkeypatch) -> list[str]:
    """The templates Jinja compiles from source."""
    names: list[str] = []
    original = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, *args, **kwargs):
        names.append(name or "")
        return original(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return names


def _project(root: Path, footer: str) -> Path:
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Home\n\nHello.\n", encoding="utf-8")
    (root / "theme").mkdir()
    (root / "theme" / "main.html").write_text(
        '{% extends "base.html" %}\n{% block footer %}<p id="mark">' + footer + "</p>"
        "{% endblock %}\n",
        encoding="utf-8",
    )
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: Test\ntheme:\n  name: material\n  custom_dir: theme\n", encoding="utf-8"
    )
    return config


def _built(root: Path) -> str:
    return (root / "site" / "index.html").read_text(encoding="utf-8")


def test_compiled_theme_templates_are_kept_and_a_changed_one_compiled_again(
    tmp_path, cache, compiled
):
    config = _project(tmp_path, "first words")
    assert run_mkdocs(config) == (0, "")
    first = _built(tmp_path)
    assert '<p id="mark">first words</p>' in first
    assert "main.html" in compiled and "base.html" in compiled
    assert list((cache / "templates").iterdir())
    compiled.clear()
    assert run_mkdocs(config) == (0, "")
    assert compiled == []  # every template read back compiled
    assert _built(tmp_path) == first
    (tmp_path / "theme" / "main.html").write_text(
        (tmp_path / "theme" / "main.html").read_text().replace("first", "second")
    )
    assert run_mkdocs(config) == (0, "")
    assert compiled == ["main.html"]
    assert '<p id="mark">second words</p>' in _built(tmp_path)


def test_a_damaged_compiled_template_is_compiled_again(tmp_path, cache, compiled):
    config = _project(tmp_path, "words")
    run_mkdocs(config)
    first = _built(tmp_path)
    for folder in (cache / "templates").iterdir():
        for kept in folder.iterdir():
            kept.write_bytes(kept.read_bytes()[:40])  # the header, then cut off
    compiled.clear()
    assert run_mkdocs(config) == (0, "")
    assert "base.html" in compiled
    assert _built(tmp_path) == first


def test_an_unwritable_cache_only_costs_time(tmp_path, monkeypatch):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv("PROGRESS_SITE_CACHE", str(blocked))
    config = _project(tmp_path / "p", "words")
    assert run_mkdocs(config) == (0, "")
    assert '<p id="mark">words</p>' in _built(tmp_path / "p")


def _jinja_list(paths: list[str]) -> list[str]:
    return jinja2.FileSystemLoader(paths).list_templates()


def test_the_theme_is_listed_as_jinja_lists_it_less_what_mkdocs_leaves_out(tmp_path):
    import material

    installed = str(Path(material.__file__).parent / "templates")
    ours = tmp_path / "theme"
    for name in ("main.html", "partials/footer.html", ".hidden", "assets/.x/y.css", "a/b.css"):
        (ours / name).parent.mkdir(parents=True, exist_ok=True)
        (ours / name).write_text("x")
    paths = [str(ours), installed]
    listed = mkdocs_theme.list_templates(paths, False)
    expected = [n for n in _jinja_list(paths) if not n.startswith(".") and "/." not in n]
    assert listed == expected
    assert ".icons/material/home.svg" in _jinja_list(paths)  # the icons, left out
    assert "assets/.x/y.css" not in listed and "a/b.css" in listed
    (ours / "new.css").write_text("x")  # our folder is listed again every time
    assert "new.css" in mkdocs_theme.list_templates(paths, False)
    assert os.path.realpath(installed).startswith(mkdocs_theme._installed()[0])


def test_the_compiled_templates_folder_follows_what_decides_how_a_template_compiles():
    def name(**changes) -> str:
        env = jinja2.Environment(**changes.pop("settings", {}))
        for key, value in changes.items():
            env.filters[key] = value
        return mkdocs_theme._compiled_name(env)

    assert name() == name()  # the same in every process: nothing placed in memory
    assert name(url=str) != name()
    assert name(url=jinja2.pass_context(lambda c, v: v)) != name(url=lambda v: v)
    assert name(settings={"finalize": str}) != name()
    assert name(settings={"extensions": ["jinja2.ext.i18n"]}) != name()
