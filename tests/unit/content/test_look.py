"""site.yaml's short title for phones and the council's logo: checked, and never locked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from generator import BASE_MKDOCS_YML
from generator.content.validate import load_content
from generator.errors import ContentError
from generator.facts.derive import release_view
from generator.facts.lock import fingerprint_items
from generator.render.pages import mkdocs_config
from tests.conftest import SMALL_PLAN

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8"/></svg>'


def _content(tmp_path: Path, extra: str = "") -> Path:
    content = tmp_path / "content"
    shutil.copytree(SMALL_PLAN, content)
    site = content / "site.yaml"
    site.write_text(site.read_text() + extra)
    return content


def _problems(content: Path) -> str:
    with pytest.raises(ContentError) as caught:
        load_content(content)
    return caught.value.report().removesuffix("\nAborted: 1 problem found in the content.")


def test_the_short_title_and_logo_are_read(tmp_path):
    content = _content(tmp_path, "short_title: B&D children's plan\nlogo: images/crest.svg\n")
    (content / "images").mkdir()
    (content / "images/crest.svg").write_bytes(SVG)
    site = load_content(content).site
    assert (site.short_title, site.logo) == ("B&D children's plan", "images/crest.svg")


def test_a_missing_logo_is_named_with_its_line(tmp_path):
    content = _content(tmp_path, "logo: crest.png\n")
    assert _problems(content) == (
        f"{content / 'site.yaml'}:19: field 'logo': no file 'crest.png' in the content directory"
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "../secret.svg",
            "field 'logo': expected the name of an image file in the content directory, such as "
            "logo.svg or images/logo.png (letters, digits, '.', '-', '_' and '/'), found "
            "'../secret.svg'",
        ),
        (
            "/etc/logo.svg",
            "field 'logo': expected the name of an image file in the content directory, such as "
            "logo.svg or images/logo.png (letters, digits, '.', '-', '_' and '/'), found "
            "'/etc/logo.svg'",
        ),
        (
            "crest.bmp",
            "field 'logo': expected an image file ending in .svg, .png, .jpg, .jpeg, .webp, "
            ".gif, found 'crest.bmp'",
        ),
        (
            '"crest.svg\\" onerror=\\"alert(1)"',
            "field 'logo': expected the name of an image file in the content directory",
        ),
    ],
)
def test_a_logo_that_is_not_an_image_in_the_content_is_refused(tmp_path, value, message):
    content = _content(tmp_path, f"logo: {value}\n")
    report = _problems(content)
    assert report.startswith(f"{content / 'site.yaml'}:19: {message}"), report


def test_a_logo_that_links_elsewhere_or_is_too_large_is_refused(tmp_path):
    content = _content(tmp_path, "logo: crest.svg\n")
    (content / "crest.svg").symlink_to("/etc/passwd")
    assert _problems(content).endswith(
        "field 'logo': 'crest.svg' is a symbolic link; put the image itself in the content "
        "directory"
    )
    (content / "crest.svg").unlink()
    (content / "crest.svg").write_bytes(b" " * (600 * 1024))
    assert _problems(content).endswith(
        "field 'logo': 'crest.svg' is 600 KB; a logo of at most 512 KB keeps every page quick "
        "to load"
    )


def test_a_short_title_that_would_not_fit_on_a_phone_is_refused(tmp_path):
    content = _content(tmp_path, "short_title: Barking and Dagenham children's services\n")
    assert _problems(content) == (
        f"{content / 'site.yaml'}:19: field 'short_title': has 40 characters; keep it to 30 or "
        "fewer so that it fits in the header on a phone"
    )


def test_the_logo_and_short_title_reach_the_theme(tmp_path):
    content = _content(tmp_path, "short_title: '<img src=x onerror=alert(1)>'\nlogo: a/Crest.PNG\n")
    (content / "a").mkdir()
    (content / "a/Crest.PNG").write_bytes(b"\x89PNG")
    view = release_view(load_content(content), "2015-01")
    config = yaml.safe_load(mkdocs_config(view, BASE_MKDOCS_YML, tmp_path / "d", tmp_path / "s"))
    assert config["theme"]["logo"] == config["theme"]["favicon"] == "assets/logo.png"
    assert config["extra"]["short_title"] == "<img src=x onerror=alert(1)>"


def test_without_a_logo_the_theme_is_given_none(tmp_path):
    view = release_view(load_content(_content(tmp_path)), "2015-01")
    config = yaml.safe_load(mkdocs_config(view, BASE_MKDOCS_YML, tmp_path / "d", tmp_path / "s"))
    assert "logo" not in config["theme"] and "favicon" not in config["theme"]
    assert config["extra"]["short_title"] == ""


def test_the_look_is_not_locked(tmp_path):
    """A council may add its logo after publishing: the published releases are unchanged."""
    plain = _content(tmp_path / "plain")
    styled = _content(tmp_path / "styled", "short_title: B&D plan\nlogo: crest.svg\n")
    (styled / "crest.svg").write_bytes(SVG)
    before = fingerprint_items(release_view(load_content(plain), "2015-01"))
    after = fingerprint_items(release_view(load_content(styled), "2015-01"))
    assert before == after
