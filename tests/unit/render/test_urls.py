"""Links inside a version are relative to the page they are on."""

from __future__ import annotations

import posixpath

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render.urls import _relative

_PATHS = st.lists(st.sampled_from(["a", "b", "changes", "index"]), min_size=0, max_size=4).map(
    lambda folders: "/".join([*folders, "index.md"])
) | st.lists(st.sampled_from(["a", "b", "7"]), min_size=1, max_size=4).map(
    lambda parts: "/".join(parts) + ".md"
)


@settings(max_examples=500, deadline=None)
@given(_PATHS, _PATHS)
def test_links_between_pages_are_what_relpath_gives(path, current):
    assert _relative(path, current) == posixpath.relpath(path, posixpath.dirname(current) or ".")
