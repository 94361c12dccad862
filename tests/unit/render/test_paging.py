from generator.render.paging import cut, ids_label, page_suffix, paged


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
