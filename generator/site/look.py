"""The site's look from site.yaml: the council's logo, copied into every version."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from generator.content.files import read_limited
from generator.content.look import MAX_LOGO_BYTES, logo_target
from generator.content.model import Site
from generator.errors import ProgressSiteError


@dataclass(frozen=True)
class Logo:
    """The logo's bytes and where each version keeps them (``assets/logo.svg``)."""

    target: str
    data: bytes


def read_logo(content_dir: Path, site: Site) -> Logo | None:
    """The logo site.yaml names, read once for every version (validation found the file)."""
    if not site.logo:
        return None
    data, problem = read_limited(content_dir / site.logo, MAX_LOGO_BYTES)
    if data is None:
        raise ProgressSiteError(f"{content_dir / 'site.yaml'}: logo: '{site.logo}' {problem}")
    return Logo(logo_target(site.logo), data)


def look_digest(site: Site, logo: Logo | None) -> str:
    """What the cache digest adds for the look of every page: short title and logo.

    Neither is locked (they change how the pages look, not what they say), so a version is
    rebuilt when they change by this, not by its lock fingerprint.
    """
    hasher = hashlib.sha256()
    hasher.update(site.short_title.encode("utf-8", "surrogatepass") + b"\0")
    if logo is not None:
        hasher.update(logo.target.encode() + b"\0" + logo.data)
    return hasher.hexdigest()


def write_logo(docs_dir: Path, logo: Logo | None) -> None:
    if logo is not None:
        target = docs_dir / logo.target
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(logo.data)
