"""The emoji index and generator named in mkdocs.yml import neither engine's code."""

from __future__ import annotations

import subprocess
import sys

import markdown

from generator.render import emoji


def test_the_index_and_generator_import_no_engine():
    code = (
        "import sys, markdown\n"
        "from generator.render import emoji\n"
        "html = markdown.markdown(':material-alert: :smile:', extensions=['pymdownx.emoji'],\n"
        "    extension_configs={'pymdownx.emoji': {'emoji_index': emoji.twemoji,\n"
        "    'emoji_generator': emoji.to_svg_or_text}})\n"
        "assert '<svg' in html and '\\U0001f604' in html, html\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('material', 'zensical')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "[]\n"


def test_the_theme_icons_are_found_as_files():
    index = emoji.twemoji({}, None)
    alert = index["emoji"][":material-alert:"]
    assert alert["path"].endswith("/.icons/material/alert.svg")
    assert emoji.icon_dirs()[0].name == ".icons"


def test_custom_icons_come_first(tmp_path):
    (tmp_path / "ours").mkdir()
    (tmp_path / "ours" / "mark.svg").write_text('<svg id="ours"></svg>')
    html = markdown.markdown(
        ":ours-mark:",
        extensions=["pymdownx.emoji"],
        extension_configs={
            "pymdownx.emoji": {
                "emoji_index": emoji.twemoji,
                "emoji_generator": emoji.to_svg_or_text,
                "options": {"custom_icons": [str(tmp_path)]},
            }
        },
    )
    assert '<span class="twemoji"><svg id="ours"></svg></span>' in html


def _by_rglob(base):
    """Shortcodes as ``Path.rglob`` finds them: what ``emoji.icons`` must give, faster."""
    return [
        (":" + "-".join(svg.relative_to(base).with_suffix("").parts) + ":", str(svg))
        for svg in sorted(base.rglob("*.svg"))
    ]


def test_icons_are_named_and_ordered_as_their_paths_are(tmp_path):
    for name in ("b/a.svg", "a-b.svg", "a/b.svg", "a/b/c.svg", "x.y.svg", "a/n.png", "z.svg"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("<svg/>")
    found = emoji.icons(tmp_path)
    assert found == _by_rglob(tmp_path)
    # "a/b.svg" sorts before "a-b.svg" (by folder, then name): the first of the two is kept
    assert [path[len(str(tmp_path)) :] for _, path in found] == [
        "/a/b/c.svg",
        "/a/b.svg",
        "/a-b.svg",
        "/b/a.svg",
        "/x.y.svg",
        "/z.svg",
    ]
    assert [name for name, _ in found] == [":a-b-c:", ":a-b:", ":a-b:", ":b-a:", ":x.y:", ":z:"]


def test_the_themes_icons_are_read_as_rglob_reads_them():
    base = emoji.icon_dirs()[0]
    assert emoji.icons(base) == _by_rglob(base)
