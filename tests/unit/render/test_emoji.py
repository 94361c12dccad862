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
