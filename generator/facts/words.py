"""Word-level differences between two narratives.

Text is split into words, whitespace and punctuation (keeping accents, emoji sequences and
CJK characters whole), compared with :mod:`difflib`'s algorithm (compiled, by ``cydifflib``),
then tidied so that a reader sees whole phrases replaced rather than a confetti of single
words. Whitespace is not significant: a
narrative re-wrapped in its YAML file has not changed.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from typing import NamedTuple

try:  # difflib's algorithm compiled: the same matches, six times as fast
    from cydifflib import SequenceMatcher
except ImportError:  # pragma: no cover - where it cannot be installed: the same, slower
    from difflib import SequenceMatcher

_MARKS = (  # combining accents, variation selectors and emoji skin tones
    "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\ufe0e\ufe0f"
    "\U0001f3fb-\U0001f3ff"
)
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_TOKEN = re.compile(
    rf"[{_CJK}][{_MARKS}]*"  # one CJK character: these scripts do not separate words by spaces
    rf"|[\w{_MARKS}]+"  # a word, with any combining accents
    r"|\s+"
    rf"|[^\w\s](?:[{_MARKS}]|\u200d[^\w\s])*"  # punctuation or a symbol, emoji sequences whole
)


MAX_COMPARISONS = 1_000_000
"""Word diffs are made of texts of up to about 1,000 words and spaces each (a long page of
text). Comparing longer ones word by word can take minutes (``difflib`` is quadratic on
repeated words); they are shown as the old text, then the new."""


class Op(StrEnum):
    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"


class Segment(NamedTuple):
    """A stretch of text and what happened to it (a named tuple: a version's pages hold
    thousands)."""

    op: Op
    text: str


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(normal_text(text))


def normal_text(text: str) -> str:
    """The text a diff is made of: trimmed, then in Unicode's NFC form."""
    return unicodedata.normalize("NFC", text.strip())


def _keys(found: list[str]) -> list[str]:
    """What is compared of each token: a run of whitespace is one space, whatever it is."""
    return [" " if token.isspace() else token for token in found]


_SPACES = re.compile(r"\s+")


def same_words(old: str, new: str) -> bool:
    """True when two texts differ at most in whitespace and Unicode normalisation: their
    tokens' keys are the same. (A text is its tokens joined, and each run of whitespace is one
    token, so that is the texts with every run of whitespace written as one space.)"""
    return old == new or _SPACES.sub(" ", normal_text(old)) == _SPACES.sub(" ", normal_text(new))


def word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """The changes from ``old`` to ``new`` as equal / deleted / inserted stretches of text.

    Joining the equal and deleted text gives ``old`` back, joining the equal and inserted text
    gives ``new`` (both after Unicode NFC normalisation and trimming; unchanged stretches keep
    the new text's whitespace). Within each run of changes, the deletion comes first.

    An unchanged stretch is folded into the changes either side of it when it is no longer
    (trimmed) than either of them: "{--quickly ran--}{++slowly walked++}" reads better than
    "{--quickly--}{++slowly++} {--ran--}{++walked++}". One pass, left to right: each stretch
    is compared with the (already folded) run of changes before it and the change after it.
    """
    a, b = tokens(old), tokens(new)
    if len(a) * len(b) > MAX_COMPARISONS:  # rewritten, as far as a reader can follow
        changed = [Segment(Op.DELETE, "".join(a)), Segment(Op.INSERT, "".join(b))]
        return tuple(segment for segment in changed if segment.text)
    matcher = SequenceMatcher(None, _keys(a), _keys(b), False)
    result: list[Segment] = []
    deleted = inserted = ""  # the run of changes gathered so far
    held: str | None = None  # an unchanged stretch after that run, perhaps to be folded in

    def close_run() -> None:
        if deleted:
            result.append(Segment(Op.DELETE, deleted))
        if inserted:
            result.append(Segment(Op.INSERT, inserted))

    # the opcodes alternate between an unchanged stretch and a change (of one kind or both)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            text = "".join(b[j1:j2])
            if deleted or inserted:
                held = text
            else:  # the text starts unchanged
                result.append(Segment(Op.EQUAL, text))
            continue
        gone = "".join(a[i1:i2]) if tag != "insert" else ""
        added = "".join(b[j1:j2]) if tag != "delete" else ""
        if held is not None:
            size = len(held.strip())
            if size <= max(len(deleted), len(inserted)) and size <= max(len(gone), len(added)):
                deleted, inserted, held = deleted + held + gone, inserted + held + added, None
                continue
            close_run()
            result.append(Segment(Op.EQUAL, held))
            deleted, inserted, held = gone, added, None
        else:
            deleted, inserted = deleted + gone, inserted + added
    close_run()
    if held is not None:
        result.append(Segment(Op.EQUAL, held))
    return tuple(result)


_WORD = re.compile(rf"[\w{_MARKS}]+|[{_CJK}]")


def kept_share(segments: tuple[Segment, ...] | list[Segment]) -> float:
    """The share of the old text's words that the new text keeps (0 when it had none)."""
    old = kept = 0
    for segment in segments:
        if segment.op is not Op.INSERT:
            words = len(_WORD.findall(segment.text))
            old += words
            kept += words if segment.op is Op.EQUAL else 0
    return kept / old if old else 0.0


def rewritten(segments: tuple[Segment, ...] | list[Segment]) -> bool:
    """Whether a change keeps less than half of the old text's words: it reads better as the
    old text, then the new, than as a word diff."""
    return kept_share(segments) < 0.5


def old_and_new(segments: tuple[Segment, ...] | list[Segment]) -> tuple[str, str]:
    """The old text and the new text a word diff was made of."""
    old = "".join(s.text for s in segments if s.op is not Op.INSERT)
    new = "".join(s.text for s in segments if s.op is not Op.DELETE)
    return old, new
