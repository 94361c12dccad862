from generator.render.paging import (
    EVERY_PAGE_LISTED,
    cut,
    ids_label,
    listed_pages,
    page_suffix,
    paged,
)


def test_pages_hold_whole_items_up_to_the_limit():
    assert cut([3, 3, 3, 5, 1], lambda n: n, 6) == [(3, 3), (3,), (5, 1)]
    assert cut([9, 1], lambda n: n, 6) == [(9,), (1,)]  # a heavy item has a page to itself
    assert cut([], lambda n: n, 6) == [()]


def test_the_first_page_may_hold_something_before_the_items():
    assert cut([2, 2, 2], lambda n: n, 6, first=3) == [(2,), (2, 2)]
    assert cut([2], lambda n: n, 6, first=6) == [(), (2,)]  # the first page is full already


def test_pages_are_numbered_and_labelled():
    pages = paged("group", ["1", "2", "3"], lambda i: 1, 2, lambda i: i)
    assert [(p.page, p.pages, p.label) for p in pages] == [
        (1, 2, "recommendations 1 to 2"),
        (2, 2, "recommendation 3"),
    ]
    assert ids_label([]) == ""
    assert (page_suffix(1), page_suffix(3)) == ("", "/3")


def _shown(number: int, count: int) -> list[object]:
    listed = listed_pages(number, list(range(1, count + 1)))
    entries = [e.left_out if e.left_out else e.page for e in listed.entries]
    assert listed.every == (entries == list(range(1, count + 1)))  # the heading says which
    return entries


def test_a_short_list_lists_every_page_on_each():
    assert EVERY_PAGE_LISTED == 12
    assert _shown(7, 12) == list(range(1, 13))


def test_a_long_list_lists_every_page_on_its_first_only():
    assert _shown(1, 269) == list(range(1, 270))
    assert _shown(23, 269) == [1, (2, 20), 21, 22, 23, 24, 25, (26, 268), 269]
    assert _shown(269, 269) == [1, (2, 266), 267, 268, 269]
    assert _shown(2, 13) == [1, 2, 3, 4, (5, 12), 13]


def test_a_single_page_between_two_listed_is_listed_rather_than_left_out():
    assert _shown(5, 13) == [1, 2, 3, 4, 5, 6, 7, (8, 12), 13]
    assert _shown(9, 13) == [1, (2, 6), 7, 8, 9, 10, 11, 12, 13]


def test_what_a_page_lists_does_not_grow_with_the_list():
    assert max(len(listed_pages(n, range(5000)).entries) for n in range(2, 5001)) == 9


def test_a_councils_copy_of_the_templates_from_before_keeps_working(tmp_path):
    """Templates written when the heading asked ``every_page_listed`` and the list was
    iterated directly, as a council's own copy (``PROGRESS_SITE_TEMPLATES``) may be."""
    from generator.render.template import environment

    (tmp_path / "page.md.j2").write_text(
        "{% if every_page_listed(n, 13) %}every{% else %}near{% endif %}:"
        "{% for e in listed_pages(n, pages) %}{{ e.left_out or e.page }} {% endfor %}",
        encoding="utf-8",
    )
    page = environment(tmp_path).get_template("page.md.j2")
    pages = list(range(1, 14))
    assert page.render(n=1, pages=pages) == "every:" + "".join(f"{p} " for p in pages)
    assert page.render(n=2, pages=pages) == "near:1 2 3 4 (5, 12) 13 "
