import re
from html import unescape as html_unescape
from pathlib import Path

from generator import TEMPLATES_DIR
from generator.content.glossary import acronyms, missing_terms
from generator.content.model import Term
from generator.content.validate import load_content
from generator.render.format import abbreviations
from tests.conftest import DEFAULT_CONTENT


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


def test_every_acronym_in_the_templates_is_in_the_glossary():
    known = {t.term for t in load_content(DEFAULT_CONTENT).glossary}
    found: set[str] = set()
    for template in Path(TEMPLATES_DIR).glob("*.j2"):
        text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", " ", template.read_text(), flags=re.S)
        found |= acronyms(text)
    assert found - known == set()


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
