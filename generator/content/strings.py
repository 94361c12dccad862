"""Characters that no content string may hold, found wherever a file is read.

Every string of every content file (YAML keys and values, CSV headers and cells) passes
through ``character_problem`` when it is loaded, so no field needs its own check:

* control characters: C0 (U+0000 to U+001F) except tab and line feed, DEL (U+007F) and C1
  (U+0080 to U+009F). They are invisible, and can rewrite a terminal or break a page;
* Unicode non-characters: U+FDD0 to U+FDEF, and the last two code points of every plane
  (U+FFFE, U+FFFF, U+1FFFE ... U+10FFFF). They are not meant for interchange;
* lone surrogates (U+D800 to U+DFFF), which YAML escapes such as ``"\\ud800"`` can produce.
  They are not characters at all, and cannot be written out as UTF-8.

A string found to hold one is reported and ``cleaned``, so that no later message or page
has to print it.
"""

from __future__ import annotations

import re

_NONCHARACTERS = "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
BAD_CHARACTER = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ufdd0-\ufdef\ud800-\udfff" + _NONCHARACTERS + "]"
)
REPLACEMENT = "\ufffd"


def describe_character(char: str) -> str:
    """How a disallowed character is named in messages: its kind and its code point."""
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        kind = "a lone surrogate"
    elif code < 0x20 or 0x7F <= code <= 0x9F:
        kind = "a control character"
    else:
        kind = "a Unicode non-character"
    return f"{kind} (U+{code:04X})"


def character_problem(text: str) -> str | None:
    """Why ``text`` cannot be content, naming its first disallowed character; None if it can."""
    match = BAD_CHARACTER.search(text)
    if match is None:
        return None
    return f"contains {describe_character(match.group())}, which is not allowed in text; remove it"


def cleaned(text: str) -> str:
    """``text`` with every disallowed character replaced by U+FFFD, safe to print."""
    return BAD_CHARACTER.sub(REPLACEMENT, text)
