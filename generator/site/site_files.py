"""The write phase: the files of the site beside its versions, written into the scratch site
before it is swapped into place: ``history.json``, the build manifest, ``versions.json``, the
feeds, the sitemap index, the ``latest/`` redirects and the root 404 page."""

from __future__ import annotations

import html
import json
import os
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from generator.content.model import Content
from generator.facts.kept import Keyed
from generator.facts.phases import Derived
from generator.render.feed import atom_feed
from generator.render.feed_texts import kept_lines, to_keep
from generator.render.recfeed import write_recommendation_feeds
from generator.render.version_title import selector_title
from generator.site.cache import write_manifest
from generator.site.history import history, version_data, write_history


def write_site_files(
    site_dir: Path,
    content: Content,
    derived: Derived,
    texts: Mapping[str, Keyed],
    kept: Mapping[str, Keyed],
    reused: Sequence[str],
    reused_dir: Path | None = None,
) -> tuple[str, ...]:
    """Write the site's own files into ``site_dir``, whose versions are built (or ``reused``
    from the last build, whose records are ``kept``); ``texts`` are the feeds' texts.

    The reused versions are in ``site_dir`` too, unless ``reused_dir`` holds them (a preview
    updated in place): then the ``latest/`` aliases already there are left as they are when
    they are what would be written, and the names left so are returned."""
    views = derived.views
    digest_of = {v.release.id: d for v, d in zip(views, derived.digests, strict=True)}
    data = version_data(site_dir, digest_of, kept.get("data", {}), reused, reused_dir)
    contents = {rid: text for rid, (_, text) in derived.contents.items()}
    write_history(site_dir, history(views, contents, {rid: t for rid, (_, t) in data.items()}))
    keep = {"fingerprints": derived.fingerprints, "contents": derived.contents, **to_keep(texts)}
    write_manifest(site_dir, digest_of, {**keep, "data": data})
    (site_dir / "versions.json").write_text(
        json.dumps(versions_json(content), indent=2) + "\n", encoding="utf-8"
    )
    summaries = {rid: text for rid, (_, text) in texts["summaries"].items()}
    (site_dir / "feed.xml").write_text(atom_feed(views, summaries), encoding="utf-8")
    write_recommendation_feeds(site_dir, views, kept_lines(texts["recfeeds"], views))
    (site_dir / "sitemap.xml").write_text(sitemap_index(content), encoding="utf-8")
    left: tuple[str, ...] = ()
    if content.releases:
        newest = content.releases[-1].id
        source = (reused_dir or site_dir) if newest in reused else site_dir
        if reused_dir is not None and aliases_current(reused_dir, newest, source):
            (site_dir / "index.html").write_text(redirect_page(f"{newest}/"), encoding="utf-8")
            left = (ALIASES,)
        else:
            write_aliases(site_dir, newest, source)
        # the newest version's: it works at any address (site_templates/theme/main.html)
        shutil.copyfile(source / newest / "404.html", site_dir / "404.html")
    return left


def versions_json(content: Content) -> list[dict[str, object]]:
    """mike's versions.json: newest first, the newest carrying the alias ``latest``.

    Material's version selector inserts each title and alias into the page as HTML, so they
    are written HTML-escaped, with the release's date (``selector_title``).
    """
    newest_first = list(reversed(content.releases))
    return [
        {
            "version": r.id,
            "title": selector_title(r.title, r.date, r.draft),
            "aliases": ["latest"] if i == 0 else [],
        }
        for i, r in enumerate(newest_first)
    ]


def sitemap_index(content: Content) -> str:
    """The site root's sitemap.xml: an index of every version's own sitemap.

    Absolute addresses when the site's ``url`` is known; relative to the root otherwise.
    """
    entries = "".join(
        f"  <sitemap><loc>{xml_escape(f'{content.site.url}{r.id}/sitemap.xml')}</loc></sitemap>\n"
        for r in reversed(content.releases)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}</sitemapindex>\n"
    )


def redirect_page(target: str) -> str:
    url = html.escape(target, quote=True)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<title>Redirecting to the latest progress report</title>\n"
        f'<link rel="canonical" href="{url}">\n'
        f'<meta http-equiv="refresh" content="0; url={url}">\n'
        f"<script>location.replace({json.dumps(target)} + location.hash)</script>\n"
        "</head>\n<body>\n"
        f'<p>Redirecting to <a href="{url}">the latest progress report</a>.</p>\n'
        "</body>\n</html>\n"
    )


ALIASES = "latest"


def _pages(root: Path) -> set[tuple[str, ...]]:
    """The folders under ``root`` holding an ``index.html``, as tuples of names."""
    found = set()
    for folder, _, names in os.walk(root):
        if "index.html" in names:
            found.add(Path(folder).relative_to(root).parts)
    return found


def _alias(newest: str, rel: tuple[str, ...]) -> str:
    target = "../" * (len(rel) + 1) + newest + "/" + "".join(f"{p}/" for p in rel)
    return redirect_page(target)


def aliases_current(site_dir: Path, newest: str, versions_dir: Path) -> bool:
    """Whether ``site_dir``'s ``latest/`` holds exactly the aliases ``write_aliases`` would
    write for the ``newest`` release in ``versions_dir``: one for each of its pages, and
    none else, each (the first and the last checked) as it would be written."""
    latest = site_dir / ALIASES
    if not latest.is_dir() or (site_dir / ALIASES).is_symlink():
        return False
    pages = _pages(versions_dir / newest)
    if not pages or _pages(latest) != pages:
        return False
    ends = sorted(pages)
    try:
        return all(
            (latest / Path(*rel) / "index.html").read_text(encoding="utf-8") == _alias(newest, rel)
            for rel in {ends[0], ends[-1]}
        )
    except (OSError, UnicodeDecodeError):
        return False


def write_aliases(site_dir: Path, newest: str, versions_dir: Path | None = None) -> None:
    """``latest/...`` mirrors every page of the newest release (in ``versions_dir``, by
    default ``site_dir``) as a redirect; so does /."""
    source = (versions_dir or site_dir) / newest
    for rel in sorted(_pages(source)):
        dest = site_dir / ALIASES / Path(*rel) / "index.html"
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(_alias(newest, rel), encoding="utf-8")
    (site_dir / "index.html").write_text(redirect_page(f"{newest}/"), encoding="utf-8")
