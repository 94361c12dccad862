"""A link checker for the built multi-version site: every relative href and src resolves.

``root`` is the address the site is checked at: ``http://site/`` (a domain's root), or a
sub-path under it (``http://site/plans/progress/``), where a link with one ``../`` too many
leaves the site rather than being kept at the root by the browser.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urljoin

LINK = re.compile(r'(?:href|src)="([^"#][^"]*|#[^"]+)"')


ROOT = "http://site/"


def _resolve(site: Path, base: str, href: str, root: str = ROOT) -> str | None:
    """A problem with one link, or None when it resolves (file and #anchor)."""
    url = urljoin(base, html.unescape(href))
    if not url.startswith(ROOT):
        return None  # another host (a plain link out of the site) or a non-http scheme
    if not url.startswith(root):
        return f"{href} (leaves {root})"
    path, _, fragment = url.removeprefix(root).partition("#")
    path = path.partition("?")[0]
    target = site / unquote(path)
    if target.is_dir() or path == "" or path.endswith("/"):
        target = target / "index.html"
    if not target.is_file():
        return f"{href} (no {target.relative_to(site)})"
    if fragment and target.suffix == ".html":
        text = target.read_text(encoding="utf-8")
        if f'id="{unquote(fragment)}"' not in text:
            return f"{href} (no #{fragment})"
    return None


def broken_links(site: Path, page: Path, root: str = ROOT) -> list[str]:
    base = root + str(page.relative_to(site))
    problems = []
    for href in LINK.findall(page.read_text(encoding="utf-8")):
        if href.startswith(("mailto:", "data:")):
            continue
        problem = _resolve(site, base, href, root)
        if problem:
            problems.append(problem)
    return problems


def broken_links_everywhere(site: Path, root: str = ROOT) -> dict[str, list[str]]:
    """Every HTML page (but the 404 pages, which are served at any path) and every feed."""
    found = {}
    for page in sorted(site.rglob("*.html")):
        if page.name == "404.html":
            continue
        problems = broken_links(site, page, root)
        if problems:
            found[str(page.relative_to(site))] = problems
    for feed in [site / "feed.xml", *sorted(site.glob("feeds/**/*.xml"))]:
        if not feed.exists():
            continue
        name = str(feed.relative_to(site))
        links = [e.get("href") for e in ET.parse(feed).iter("{http://www.w3.org/2005/Atom}link")]
        problems = [p for href in links if (p := _resolve(site, f"{root}{name}", href, root))]
        if problems:
            found[name] = problems
    return found
