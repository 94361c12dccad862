"""Wide tables carry each column's heading on every cell, for stacking on phones."""

from __future__ import annotations

import markdown

from generator.render.version_title import selector_title

EXTENSIONS = ["tables", "abbr", "attr_list", "generator.render.stacked"]


def convert(text: str) -> str:
    tables = {"tables": {"use_align_attribute": True}}  # as in mkdocs.yml
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=tables).convert(text)


def test_every_cell_of_a_wide_table_is_labelled_with_its_heading():
    page = convert(
        "| Indicator | Aug 2016 | **Apr** 2017 | Change | Direction |\n"
        "|---|--:|--:|--:|---|\n"
        "| [Open cases](kpis/open-cases/) | 3 | 4 | +1 | Worsening |\n"
    )
    assert '<table data-stack="">' in page
    assert '<td data-label="Indicator"><a href="kpis/open-cases/">Open cases</a></td>' in page
    assert '<td align="right" data-label="Apr 2017">4</td>' in page
    assert '<td data-label="Direction">Worsening</td>' in page


def test_a_two_column_table_fits_a_phone_and_is_left_alone():
    page = convert("| Term | Meaning |\n|---|---|\n| KPI | Key performance indicator |\n")
    assert "data-stack" not in page and "data-label" not in page


def test_headings_are_labels_of_plain_text_and_markup_in_them_stays_inert():
    page = convert(
        '| Q&amp;A <span>x</span> | `<b>` | <img src=x onerror=alert(1)> | " quoted " |\n'
        "|---|---|---|---|\n"
        "| 1 | 2 | 3 | 4 |\n"
    )
    assert '<td data-label="Q&amp;A x">1</td>' in page
    assert '<td data-label="&lt;b&gt;">2</td>' in page
    assert "<td>3</td>" in page  # a heading with no words gives no label
    assert '<td data-label="&quot; quoted &quot;">4</td>' in page


def test_the_version_selector_names_each_release_with_its_date_as_text():
    from datetime import date

    assert selector_title("<img src=x onerror=alert(1)> & co", date(2017, 4, 3), draft=True) == (
        '&lt;img src=x onerror=alert(1)&gt; & co <time class="ps-version-date" '
        'datetime="2017-04-03">3 April 2017</time> (draft)'
    )
