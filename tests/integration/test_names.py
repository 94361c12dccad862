"""The names ids may not take are the names the build really writes."""

from __future__ import annotations

from pathlib import Path

from generator.content.checks_kpis import kpi_files
from generator.content.ids import ROOT_NAMES, folder_names
from generator.content.validate import load_content
from tests.conftest import SMALL_PLAN


def test_every_name_at_the_site_root_is_a_release_or_reserved(small_site: Path):
    releases = {r.id for r in load_content(SMALL_PLAN).releases}
    names = {p.name for p in small_site.iterdir() if not p.name.startswith(".")}
    assert releases <= names
    assert names - releases <= set(ROOT_NAMES)
    version = small_site / sorted(releases)[-1]
    assert {"assets", "search", "sitemap.xml", "sitemap.xml.gz", "404.html"} <= {
        p.name for p in version.iterdir()
    }  # what a version holds at its root is reserved at the site root too


def test_every_name_in_the_page_folders_belongs_to_an_item_or_is_reserved(small_site: Path):
    content = load_content(SMALL_PLAN)
    version = small_site / content.releases[-1].id
    kpi_names = {name for k in content.kpis for name in kpi_files(k.id)}
    own = {p.name for p in (version / "kpis").iterdir()} - kpi_names
    assert own and own <= set(folder_names("kpis"))
    groups = {p.name for p in (version / "pillars").iterdir()} - {g.id for g in content.groups}
    assert groups and groups <= set(folder_names("pillars"))
    recs = {p.name for p in (version / "recommendations").iterdir()}
    assert recs - {r.slug for r in content.recommendations} <= set(folder_names("recommendations"))
