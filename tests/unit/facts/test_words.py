import difflib
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.facts.words import (
    Op,
    Segment,
    SequenceMatcher,
    kept_share,
    rewritten,
    same_words,
    tokens,
    word_diff,
)


def old_and_new(segments: tuple[Segment, ...]) -> tuple[str, str]:
    old = "".join(s.text for s in segments if s.op is not Op.INSERT)
    new = "".join(s.text for s in segments if s.op is not Op.DELETE)
    return old, new


def ops(segments: tuple[Segment, ...]) -> list[tuple[str, str]]:
    return [(s.op.value, s.text) for s in segments]


def test_single_word_replaced():
    assert ops(word_diff("The cat sat on the mat.", "The dog sat on the mat.")) == [
        ("equal", "The "),
        ("delete", "cat"),
        ("insert", "dog"),
        ("equal", " sat on the mat."),
    ]


def test_punctuation_is_its_own_token():
    assert ops(word_diff("Done, on time.", "Done; on time!")) == [
        ("equal", "Done"),
        ("delete", ","),
        ("insert", ";"),
        ("equal", " on time"),
        ("delete", "."),
        ("insert", "!"),
    ]


def test_neighbouring_changes_read_as_one_phrase():
    assert ops(word_diff("He quickly ran home.", "He slowly walked home.")) == [
        ("equal", "He "),
        ("delete", "quickly ran"),
        ("insert", "slowly walked"),
        ("equal", " home."),
    ]


def test_appended_words():
    assert ops(word_diff("Numbers are reported.", "Numbers are reported monthly.")) == [
        ("equal", "Numbers are reported"),
        ("insert", " monthly"),
        ("equal", "."),
    ]


def test_reordered_sentences_show_one_deletion_and_one_insertion():
    old = "First sentence. Second sentence here. Third one."
    new = "Second sentence here. First sentence. Third one."
    assert ops(word_diff(old, new)) == [
        ("delete", "First sentence. "),
        ("equal", "Second sentence here. "),
        ("insert", "First sentence. "),
        ("equal", "Third one."),
    ]


def test_accented_words_stay_whole_and_normalise():
    decomposed = "Cafe\u0301 staff"
    assert tokens(decomposed) == ["Café", " ", "staff"]
    assert same_words(decomposed, "Café staff")
    assert ops(word_diff("Café staff", "Cafe staff")) == [
        ("delete", "Café"),
        ("insert", "Cafe"),
        ("equal", " staff"),
    ]


def test_emoji_sequences_and_cjk():
    assert tokens("👩\u200d💻 ok") == ["👩\u200d💻", " ", "ok"]
    assert ops(word_diff("进展顺利", "进展缓慢")) == [
        ("equal", "进展"),
        ("delete", "顺利"),
        ("insert", "缓慢"),
    ]
    assert ops(word_diff("Ŵyr yn dda", "Ŵyr yn wych")) == [
        ("equal", "Ŵyr yn "),
        ("delete", "dda"),
        ("insert", "wych"),
    ]


def test_whitespace_is_not_a_change():
    assert same_words("signed\n  off.", "signed off.")
    assert word_diff("a  b\nc", "a b c") == (Segment(Op.EQUAL, "a b c"),)
    assert not same_words("signed off.", "signed-off.")


def test_empty_sides():
    assert ops(word_diff("", "New text.")) == [("insert", "New text.")]
    assert ops(word_diff("Old text.", "")) == [("delete", "Old text.")]
    assert word_diff("", "") == ()


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("43 posts were offered and 41 accepted.", "56% of posts were filled (permanent)."),
        ("A, B; C: D — E.", "A; B, C — D: E!"),
        ("Line one\n\n- item one\n- item two", "Line one\n\n- item two\n- item three"),
        ("naïve café", "naive cafe\u0301"),
        ("", "x"),
    ],
)
def test_both_texts_can_be_rebuilt_from_the_diff(old, new):
    rebuilt_old, rebuilt_new = old_and_new(word_diff(old, new))
    assert same_words(rebuilt_old, old)
    assert rebuilt_new == unicodedata.normalize("NFC", new.strip())


_WORDLISTS = st.lists(st.sampled_from(["a", "b", "c", " ", ".", "the", "é"]), max_size=40)


@settings(max_examples=400, deadline=None)
@given(_WORDLISTS, _WORDLISTS)
def test_the_compiled_matcher_matches_exactly_as_difflib_does(old, new):
    # repeated words are where matchers differ: a small vocabulary makes many
    expected = difflib.SequenceMatcher(None, old, new, False).get_opcodes()
    assert [tuple(op) for op in SequenceMatcher(None, old, new, False).get_opcodes()] == expected


def test_word_diffs_use_the_compiled_matcher():
    assert SequenceMatcher.__module__.startswith("cydifflib")


def test_the_compiled_matcher_keeps_popular_words_in_long_texts():
    # difflib's "autojunk" would ignore a word making up over 1% of a text of 200 or more
    old = ["the", " ", "cat", " "] * 80
    new = ["the", " ", "dog", " "] * 80
    expected = difflib.SequenceMatcher(None, old, new, False).get_opcodes()
    assert [tuple(op) for op in SequenceMatcher(None, old, new, False).get_opcodes()] == expected
    assert expected != difflib.SequenceMatcher(None, old, new).get_opcodes()


def _merge(segments: list[Segment]) -> list[Segment]:
    """Neighbours with the same operation joined; within each run of changes, deletions first."""
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


def _fold_and_merge_all(segments: list[Segment]) -> list[Segment]:
    """Short equalities folded by merging the whole list at each fold, as first written."""
    result: list[Segment] = []
    index = 0
    while index < len(segments):
        segment = segments[index]
        if segment.op is not Op.EQUAL or not result or result[-1].op is Op.EQUAL:
            result.append(segment)
            index += 1
            continue
        j = index + 1
        while j < len(segments) and segments[j].op is not Op.EQUAL:
            j += 1
        after = segments[index + 1 : j]
        k = len(result)
        while k > 0 and result[k - 1].op is not Op.EQUAL:
            k -= 1
        size = len(segment.text.strip())
        if after and size <= _change_size(result[k:]) and size <= _change_size(after):
            both = [Segment(Op.DELETE, segment.text), Segment(Op.INSERT, segment.text)]
            result = _merge(result + both + after)
            index = j
        else:
            result.append(segment)
            index += 1
    return _merge(result)


def _word_diff_as_first_written(old: str, new: str) -> tuple[Segment, ...]:
    """Segments from difflib's opcodes, merged, then folded by merging the whole list."""
    a, b = tokens(old), tokens(new)
    keys = ([" " if t.isspace() else t for t in side] for side in (a, b))
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, *keys, False).get_opcodes():
        if tag == "equal":
            segments.append(Segment(Op.EQUAL, "".join(b[j1:j2])))
            continue
        if tag in ("delete", "replace"):
            segments.append(Segment(Op.DELETE, "".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            segments.append(Segment(Op.INSERT, "".join(b[j1:j2])))
    return tuple(_fold_and_merge_all(_merge(segments)))


def _texts(pieces: list[str], max_size: int) -> st.SearchStrategy[str]:
    """Texts made of up to ``max_size`` of ``pieces``: a small vocabulary repeats itself."""
    return st.lists(st.sampled_from(pieces), max_size=max_size).map("".join)


_TEXTS = _texts(["a", "bb", "ccc", "the", " ", "  ", "\n", ".", ",", "é", "quickly", "ran"], 40)


@settings(max_examples=1000, deadline=None)
@given(_TEXTS, _TEXTS)
def test_word_diffs_fold_in_one_pass_exactly_as_first_written(old, new):
    assert word_diff(old, new) == _word_diff_as_first_written(old, new)


def test_a_short_unchanged_stretch_between_changes_is_folded_into_them():
    assert ops(word_diff("He quickly ran home.", "He slowly walked home.")) == [
        ("equal", "He "),
        ("delete", "quickly ran"),
        ("insert", "slowly walked"),
        ("equal", " home."),
    ]


def _keys_equal(old: str, new: str) -> bool:
    """Same words as first defined: the tokens compared, whitespace as one space."""
    key = [[" " if t.isspace() else t for t in tokens(text)] for text in (old, new)]
    return key[0] == key[1]


_SPACED = _texts(["a", "b", " ", "\t", "\n ", "\u00a0", "\u2028", "e\u0301", "\u00e9", "."], 12)


@settings(max_examples=1000, deadline=None)
@given(_SPACED, _SPACED)
def test_same_words_compares_the_tokens_words(old, new):
    assert same_words(old, new) == _keys_equal(old, new)


def test_kept_share_counts_the_old_texts_words_that_stay():
    segments = [
        Segment(Op.EQUAL, "The café "),
        Segment(Op.DELETE, "opened late"),
        Segment(Op.INSERT, "opens early and often"),
        Segment(Op.EQUAL, "."),
    ]
    assert kept_share(segments) == 0.5  # "The café" of "The café opened late"
    assert not rewritten(segments)
    assert rewritten([Segment(Op.EQUAL, "The "), Segment(Op.DELETE, "café opened late")])
    assert kept_share([Segment(Op.INSERT, "all new")]) == 0.0
