"""The one module that knows the site engines: which there are, and whether one is installed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

from generator import BASE_MKDOCS_YML
from generator.content.validate import load_content
from generator.errors import ProgressSiteError
from generator.facts.derive import release_view
from generator.render.pages import mkdocs_config
from generator.site import engine
from generator.site.zensical_run import reported
from tests.conftest import SMALL_PLAN


def test_an_unknown_engine_is_refused():
    with pytest.raises(ProgressSiteError) as caught:
        engine.require("hugo")
    assert str(caught.value) == "unknown site engine 'hugo': use one of mkdocs, zensical"


def test_a_missing_zensical_names_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "zensical", None)  # as if it were not installed
    with pytest.raises(ProgressSiteError) as caught:
        engine.require("zensical")
    assert str(caught.value) == (
        "the zensical engine is not installed: install it with "
        "pip install 'progress-site[zensical]'"
    )
    engine.require("mkdocs")


def test_a_site_built_by_one_engine_is_not_reused_by_the_other():
    assert engine.digest("mkdocs", "abc") == "abc"  # sites built before there was a choice
    assert engine.digest("zensical", "abc") not in ("abc", engine.digest("zensical", "abd"))


def test_the_config_names_its_folders_relative_to_itself(tmp_path):
    view = release_view(load_content(SMALL_PLAN), "2015-01")
    work = tmp_path / "work" / "2015-01"
    config = yaml.safe_load(
        mkdocs_config(view, BASE_MKDOCS_YML, work / "docs", tmp_path / "site" / "2015-01")
    )
    assert config["docs_dir"] == "docs"
    assert config["site_dir"] == "../../site/2015-01"
    assert Path(config["INHERIT"]).is_absolute()


def test_zensicals_report_reads_as_mkdocs_warnings():
    said = (
        "Build started\n"
        "\x1b[33mWarning:\x1b[0m page does not exist\n"
        "     \x1b[38;5;246m╭─[\x1b[0m index.md:100:11 \x1b[38;5;246m]\x1b[0m\n"
        "     │\n"
        "Error: the theme is missing\n"
        "1 issue found\n"
    )
    assert reported(said) == [
        "WARNING -  index.md:100:11: page does not exist",
        "ERROR   -  the theme is missing",
    ]


def test_the_emoji_index_is_built_before_the_versions_are_forked():
    from generator.render import emoji
    from generator.site import engine

    emoji._index.cache_clear()
    engine.preload("mkdocs")
    assert emoji._index.cache_info().currsize == 1
    assert emoji.twemoji({}, None)["emoji"][":material-alert:"]["path"].endswith("alert.svg")
    assert emoji._index.cache_info().hits >= 1  # the index a build reads is the one made first
