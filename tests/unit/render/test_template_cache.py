"""Compiled templates are kept in the user's cache; a template changed is compiled again, and
a cache that cannot be written costs only time."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from jinja2.bccache import bc_magic

from generator.render.template import environment


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("PROGRESS_SITE_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _templates(folder: Path, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "page.md.j2").write_text(text, encoding="utf-8")
    return folder


def test_a_template_is_compiled_once_and_again_when_it_changes(cache, tmp_path):
    folder = _templates(tmp_path / "t", "Hello {{ name }}")
    assert environment(folder).get_template("page.md.j2").render(name="you") == "Hello you"
    (kept,) = (cache / "templates").glob("*/*.cache")
    compiled = kept.read_bytes()
    # a new environment (a new process) reads the compiled template rather than compiling
    kept.write_bytes(compiled.replace(b"Hello ", b"Howdy "))
    assert environment(folder).get_template("page.md.j2").render(name="you") == "Howdy you"
    _templates(folder, "Goodbye {{ name }}")
    assert environment(folder).get_template("page.md.j2").render(name="you") == "Goodbye you"


def test_the_plain_environment_keeps_its_own_compiled_templates(cache, tmp_path):
    folder = _templates(tmp_path / "t", "{{ name }}")
    environment(folder).get_template("page.md.j2").render(name="x")
    environment(folder, plain=True).get_template("page.md.j2").render(name="x")
    assert len(list((cache / "templates").iterdir())) == 2


def test_a_cache_that_cannot_be_written_or_read_only_costs_time(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("PROGRESS_SITE_CACHE", str(blocked))
    folder = _templates(tmp_path / "t", "Hello {{ name }}")
    assert environment(folder).get_template("page.md.j2").render(name="you") == "Hello you"
    monkeypatch.setenv("PROGRESS_SITE_CACHE", str(tmp_path / "cache"))
    environment(folder).get_template("page.md.j2").render(name="you")
    for kept in (tmp_path / "cache" / "templates").glob("*/*.cache"):
        kept.write_bytes(b"damaged")
    assert environment(folder).get_template("page.md.j2").render(name="you") == "Hello you"
    for kept in (tmp_path / "cache" / "templates").glob("*/*.cache"):
        kept.write_bytes(kept.read_bytes()[: len(bc_magic) + 3])  # header whole, then cut off
    assert environment(folder).get_template("page.md.j2").render(name="you") == "Hello you"
    if os.geteuid() != 0:  # root reads any file
        for kept in (tmp_path / "cache" / "templates").glob("*/*.cache"):
            kept.chmod(0)
        assert environment(folder).get_template("page.md.j2").render(name="you") == "Hello you"


def test_another_version_of_the_code_keeps_its_own_compiled_templates(cache, tmp_path, monkeypatch):
    """How a template compiles depends on the environment's settings, not only its source."""
    from generator import atomic
    from generator.render import template

    folder = _templates(tmp_path / "t", "{{ name }}")
    environment(folder).get_template("page.md.j2").render(name="x")
    monkeypatch.setattr(atomic, "__version__", "0.0.0-other")
    template._configuring.cache_clear()  # worked out once per process
    try:
        environment(folder).get_template("page.md.j2").render(name="x")
    finally:
        template._configuring.cache_clear()
    assert len(list((cache / "templates").iterdir())) == 2
