import re
from html import unescape as html_unescape
from pathlib import Path

from generator import TEMPLATES_DIR
from generator.content.glossary import acronyms, missing_terms
from generator.content.model import Term
from generator.content.validate import load_content
from generator.facts.glossary import (
    BUILT_IN_TERMS,
    merged_glossary,
    site_glossary,
    template_acronyms,
    unexplained_acronyms,
)
from generator.render.format import abbreviations, escape_text, markdown_block
from tests.conftest import DEFAULT_CONTENT, SMALL_PLAN


def test_acronyms_found_in_text():
    text = "The MASH and IROs met A&A staff; Ofsted's CP team (NEET) saw I and A. SEMRAC2 too."
    assert acronyms(text) == {"MASH", "IRO", "A&A", "CP", "NEET", "SEMRAC2"}
    assert acronyms("No acronyms here, Not Even Title Case.") == set()


def test_abbreviations_cover_plurals():
    terms = [
        Term(term="IRO", meaning="Independent Reviewing Officer"),
        Term(term="Ofsted", meaning='The "inspectorate"'),
    ]
    assert abbreviations(terms) == (
        "*[IRO]: Independent Reviewing Officer\n"
        "*[IROs]: Independent Reviewing Officer\n"
        "*[Ofsted]: The &quot;inspectorate&quot;\n"
    )


def test_every_acronym_in_the_shipped_content_is_in_the_glossary():
    assert missing_terms(load_content(DEFAULT_CONTENT)) == {}


def test_every_acronym_in_the_templates_is_in_the_built_in_glossary():
    found = template_acronyms(Path(TEMPLATES_DIR))
    assert {"JSON", "UTF", "SDG", "UN", "URL"} <= found.keys()
    assert found["UTF"] == ["data.md.j2"]
    assert found.keys() - {t.term for t in BUILT_IN_TERMS} == set()


def test_content_glossary_entries_win_over_the_built_in_ones():
    own = Term(term="CSV", meaning="Our own wording")
    merged = merged_glossary([own, Term(term="A&A", meaning="Access and Assessment")])
    assert [t.term for t in merged] == [
        "A&A",
        "AA",
        "CSV",
        "EASS",
        "EHRC",
        "JSON",
        "KPI",
        "PDF",
        "SDG",
        "SVG",
        "UN",
        "URL",
        "UTF",
        "WCAG",
    ]
    assert merged[2] is own
    assert merged_glossary([]) == BUILT_IN_TERMS


def test_a_site_without_a_glossary_explains_the_templates_acronyms():
    content = load_content(SMALL_PLAN)
    assert content.glossary == ()
    assert site_glossary(content) == BUILT_IN_TERMS
    assert "*[CSV]: Comma-separated values" in abbreviations(site_glossary(content))


def test_unexplained_acronyms_in_templates_are_found(tmp_path):
    (tmp_path / "theme").mkdir()
    (tmp_path / "page.md.j2").write_text("Download the XLSX {{ 'ABC' }} {# DEF #} file, CSV too.")
    (tmp_path / "theme/main.html").write_text("<p>Ask the PPO</p>")
    content = load_content(SMALL_PLAN)
    assert unexplained_acronyms(content, tmp_path) == {
        "PPO": ["templates/theme/main.html"],
        "XLSX": ["templates/page.md.j2"],
    }
    assert unexplained_acronyms(content, Path(TEMPLATES_DIR)) == {}


def test_ampersand_terms_stay_as_typed_so_they_can_be_matched():
    assert escape_text("A&A and B&B, AT&T") == "A&A and B&B, AT&T"
    # an & that could start a character reference is still written as &amp;
    assert escape_text("&lt; &amp; &#60; &copy2 &notin; &Afr;") == (
        "&amp;lt; &amp;amp; &amp;#60; &amp;copy2 &amp;notin; &amp;Afr;"
    )
    # "&B;" is no reference, but Markdown would read it as one and hide the term
    assert (
        escape_text("a B&B; then &x; and & alone; &;") == "a B&B&#59; then &x&#59; and & alone; &;"
    )


def test_ampersand_terms_are_wrapped_in_abbr():
    import markdown

    snippet = abbreviations(
        [
            Term(term="A&A", meaning="Access and Assessment"),
            Term(term="B&B", meaning="Bed and breakfast"),
        ]
    )
    text = (
        escape_text("Highest caseload in A&A; a B&B stay")
        + "\n\n"
        + str(markdown_block("**A&A** teams and [a B&B](https://example.org/) & <b>x</b>"))
    )
    html = markdown.markdown(text + "\n\n" + snippet, extensions=["abbr", "pymdownx.critic"])
    assert html.count('<abbr title="Access and Assessment">A&amp;A</abbr>') == 2
    assert html.count('<abbr title="Bed and breakfast">B&amp;B</abbr>') == 2
    assert "&lt;b&gt;x&lt;/b&gt;" in html


def test_missing_terms_name_the_files(small):
    small.replace("plan.yaml", "Develop a police", "Ask the MASH to develop a police")
    small.replace("progress/2014-10.yaml", "Numbers are now", "MASH numbers and IROs are now")
    small.write("glossary.yaml", "terms:\n  - {term: IRO, meaning: Independent Reviewing Officer}")
    assert missing_terms(load_content(Path("content"))) == {
        "MASH": ["plan.yaml", "progress/2014-10.yaml"]
    }


def test_glossary_problems(small):
    small.write(
        "glossary.yaml",
        "terms:\n"
        "  - term: IRO\n    meaning: Independent Reviewing Officer\n"
        "  - term: IRO\n    meaning: Again\n"
        "  - term: MASH\n",
    )
    assert small.problems() == [
        "content/glossary.yaml:4: term 'IRO': duplicate term 'IRO' (first defined on line 2)",
        "content/glossary.yaml:6: term 'MASH': missing required field 'meaning'",
    ]


def test_terms_that_cannot_be_matched_word_for_word_are_rejected(small):
    small.write(
        "glossary.yaml",
        "terms:\n"
        "  - term: 'A\\B'\n    meaning: <img src=x onerror=alert(1)>\n"
        "  - term: 'X]: <b>'\n    meaning: m\n"
        "  - term: '[Y'\n    meaning: m\n"
        '  - term: "P\\nQ"\n    meaning: m\n'
        "  - term: '*C*'\n    meaning: Markdown is fine\n",
    )
    message = (
        "field 'term': a term cannot contain '[', ']', a backslash or a line break "
        "(it is matched word for word on every page)"
    )
    assert small.problems() == [
        f"content/glossary.yaml:2: term 'A\\B': {message}",
        f"content/glossary.yaml:4: term 'X]: <b>': {message}",
        f"content/glossary.yaml:6: term '[Y': {message}",
        f"content/glossary.yaml:8: term 'P\nQ': {message}",
    ]


def test_meanings_reach_the_abbreviation_title_as_written():
    import markdown

    meaning = 'Says "hi" & <b>bold</b> &lt;img src=x onerror=alert(1)&gt; *[X]: y {++c++}'
    snippet = abbreviations(
        [
            Term(term="IRO", meaning=meaning),
            Term.model_construct(term="A\\B", meaning="never defined"),
        ]
    )
    assert snippet.count("\n") == 2  # the unusable term is left out, not shown as text
    html = markdown.markdown("IRO and A\\B\n\n" + snippet, extensions=["abbr", "pymdownx.critic"])
    title = re.search(r'<abbr title="([^"]*)">IRO</abbr>', html)[1]
    assert html_unescape(title) == meaning
    assert "never defined" not in html


def test_missing_terms_include_action_titles_and_evidence(small):
    small.replace("plan.yaml", "- id: 1.2\n", "- id: 1.2\n        title: The LADO protocol\n")
    small.replace(
        "progress/2014-10.yaml",
        "  13.2: {status: on-track}",
        "  13.2: {status: on-track, evidence: [{title: SEMRAC minutes, url: 'https://e.org/m'}]}",
    )
    assert missing_terms(load_content(Path("content"))) == {
        "LADO": ["plan.yaml"],
        "SEMRAC": ["progress/2014-10.yaml"],
    }
