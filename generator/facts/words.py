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
from dataclasses import dataclass
from enum import StrEnum

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


@dataclass(frozen=True)
class Segment:
    op: Op
    text: str


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(unicodedata.normalize("NFC", text.strip()))


def _key(token: str) -> str:
    return " " if token.isspace() else token


def same_words(old: str, new: str) -> bool:
    """True when two texts differ at most in whitespace and Unicode normalisation."""
    return [_key(t) for t in tokens(old)] == [_key(t) for t in tokens(new)]


def _merge(segments: list[Segment]) -> list[Segment]:
    """Join neighbours with the same operation; within each run of changes, deletions first."""
    merged: list[Segment] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def flush() -> None:
        if deleted:
            merged.append(Segment(Op.DELETE, "".join(deleted)))
        if inserted:
            merged.append(Segment(Op.INSERT, "".join(inserted)))
        deleted.clear()
        inserted.clear()

    for segment in segments:
        if not segment.text:
            continue
        if segment.op is Op.DELETE:
            deleted.append(segment.text)
        elif segment.op is Op.INSERT:
            inserted.append(segment.text)
        else:
            flush()
            if merged and merged[-1].op is Op.EQUAL:
                merged[-1] = Segment(Op.EQUAL, merged[-1].text + segment.text)
            else:
                merged.append(segment)
    flush()
    return merged


def _change_size(segments: list[Segment]) -> int:
    return max(
        sum(len(s.text) for s in segments if s.op is Op.DELETE),
        sum(len(s.text) for s in segments if s.op is Op.INSERT),
    )


def _absorb_short_equalities(segments: list[Segment]) -> list[Segment]:
    """Fold an unchanged stretch into the changes around it when it is no longer than they are.

    "{--quickly ran--}{++slowly walked++}" reads better than
    "{--quickly--}{++slowly++} {--ran--}{++walked++}". One pass, left to right: each
    equality is compared with the (already folded) changes before it and the changes after it.
    ``segments`` are merged (``_merge``), so a fold merges only the run of changes it joins.
    """
    result: list[Segment] = []
    changes = 0  # where the run of changes that ``result`` ends with starts
    index = 0
    while index < len(segments):
        segment = segments[index]
        if segment.op is not Op.EQUAL or not result or result[-1].op is Op.EQUAL:
            result.append(segment)
            changes = len(result) if segment.op is Op.EQUAL else changes
            index += 1
            continue
        j = index + 1
        while j < len(segments) and segments[j].op is not Op.EQUAL:
            j += 1
        before, after = result[changes:], segments[index + 1 : j]
        size = len(segment.text.strip())
        if after and size <= _change_size(before) and size <= _change_size(after):
            both = [Segment(Op.DELETE, segment.text), Segment(Op.INSERT, segment.text)]
            result[changes:] = _merge(before + both + after)  # only the run changes
            index = j
        else:
            result.append(segment)
            changes = len(result)
            index += 1
    return _merge(result)


def word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """The changes from ``old`` to ``new`` as equal / deleted / inserted stretches of text.

    Joining the equal and deleted text gives ``old`` back, joining the equal and inserted text
    gives ``new`` (both after Unicode NFC normalisation and trimming; unchanged stretches keep
    the new text's whitespace).
    """
    a, b = tokens(old), tokens(new)
    if len(a) * len(b) > MAX_COMPARISONS:  # rewritten, as far as a reader can follow
        changed = [Segment(Op.DELETE, "".join(a)), Segment(Op.INSERT, "".join(b))]
        return tuple(segment for segment in changed if segment.text)
    matcher = SequenceMatcher(None, [_key(t) for t in a], [_key(t) for t in b], False)
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(Segment(Op.EQUAL, "".join(b[j1:j2])))
            continue
        if tag in ("delete", "replace"):
            segments.append(Segment(Op.DELETE, "".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            segments.append(Segment(Op.INSERT, "".join(b[j1:j2])))
    return tuple(_absorb_short_equalities(_merge(segments)))


_WORD = re.compile(rf"[\w{_MARKS}]+|[{_CJK}]")


def kept_share(segments: tuple[Segment, ...] | list[Segment]) -> float:
    """The share of the old text's words that the new text keeps (0 when it had none)."""
    old = sum(len(_WORD.findall(s.text)) for s in segments if s.op is not Op.INSERT)
    kept = sum(len(_WORD.findall(s.text)) for s in segments if s.op is Op.EQUAL)
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
