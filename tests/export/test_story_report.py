"""The story report's HTML: sections, and hostile article, note and label text kept inert."""

from __future__ import annotations

from dataclasses import replace
from html.parser import HTMLParser

import pytest
from export_factory import HOSTILE_LABEL, HOSTILE_NOTE, ODD_TEXTS, build_story, comparison_of
from hypothesis import given
from hypothesis import strategies as st

from core.export.report_html import render_html
from core.export.story_data import load_story_data
from core.export.story_report import SECTIONS, qt_text, story_report_html
from core.export.story_report_css import css_string
from core.records import QuoteCheck, QuoteChecks, QuoteRecord, Span, TypedChange
from core.report_text import render_text

HOSTILE_ARTICLE = (
    "<script>alert('article')</script> The <b onclick=\"steal()\">minister</b> said "
    "<a href='javascript:alert(1)'>this</a> <iframe src=//evil></iframe> \u202etxet\u202c ok."
)


class Elements(HTMLParser):
    """Every start tag and attribute of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += attrs


def _elements(page: str) -> Elements:
    parser = Elements()
    parser.feed(page)
    return parser


def _report(lib, texts=ODD_TEXTS, **kwargs):
    data = load_story_data(lib, build_story(lib, texts, **kwargs))
    return data, comparison_of(data)


@pytest.mark.parametrize("for_qt", [False, True])
def test_hostile_text_stays_inert(lib, for_qt):
    data, comparison = _report(
        lib, [HOSTILE_ARTICLE, HOSTILE_ARTICLE + " More."], title="<script>x</script>"
    )
    page = story_report_html(data, comparison, data.versions, for_qt=for_qt)
    found = _elements(page)
    assert not {"script", "iframe", "img", "a", "b"} & set(found.tags)
    assert not [name for name, _ in found.attributes if name.startswith("on")]
    assert not [v for _, v in found.attributes if v and "javascript:" in v]
    assert "&lt;script&gt;alert(&#x27;note&#x27;)&lt;/script&gt;" in page  # shown as text
    assert "&lt;b onmouseover=" in page  # the label, as text
    assert HOSTILE_NOTE not in page and HOSTILE_LABEL not in page


def test_browser_page_isolates_user_text_and_marks_bidi_controls(lib):
    data, comparison = _report(lib, [HOSTILE_ARTICLE, "Other text here."])
    page = story_report_html(data, comparison, data.versions)
    assert "<bdi>" in page
    assert "data-c='RLO'" in page


def test_qt_page_replaces_bidi_controls_with_visible_tags(lib):
    data, comparison = _report(lib, [HOSTILE_ARTICLE, "Other text here."])
    page = story_report_html(data, comparison, data.versions, for_qt=True)
    assert "\u202e" not in page and "\u202c" not in page
    assert "[RLO]" in page and "[PDF]" in page


def test_page_is_self_contained(lib):
    data, comparison = _report(lib)
    page = story_report_html(data, comparison, data.versions)
    found = _elements(page)
    assert not {"script", "link", "img", "iframe", "object"} & set(found.tags)
    assert "@media print" in page and "@page" in page
    assert not [v for n, v in found.attributes if n in ("src", "href") or "url(" in (v or "")]
    assert "url(" not in page and "@import" not in page


def test_sections_are_chosen_and_ordered(lib):
    data, comparison = _report(lib)
    page = story_report_html(data, comparison, data.versions, sections=["claims", "summary"])
    ids = [v for name, v in _elements(page).attributes if name == "id"]
    assert ids == ["summary", "claims"]
    everything = story_report_html(data, comparison, data.versions)
    assert [v for n, v in _elements(everything).attributes if n == "id"] == list(SECTIONS)


def test_claims_section_shows_every_version_and_drift(lib):
    data, comparison = _report(lib)
    page = story_report_html(data, comparison, data.versions, sections=["claims"])
    assert page.count("<div class='claim'>") == len(data.claims)
    assert "origin" in page and "absent" in page
    assert "Ana" in page and "False" in page


def test_report_of_chosen_versions_lists_only_them(lib):
    data, _ = _report(lib)
    chosen = [data.versions[2], data.versions[0]]
    from dataclasses import replace

    comparison = comparison_of(replace(data, versions=tuple(chosen)))
    page = story_report_html(data, comparison, chosen, sections=["summary"])
    assert page.count("<td>other 1</td>") == 1 and "<td>other 2</td>" not in page


@given(st.text())
def test_css_string_cannot_end_the_string_or_the_style(text):
    literal = css_string(text)
    inner = literal[1:-1]
    assert literal[0] == literal[-1] == '"'
    assert '"' not in inner and "<" not in inner and "\n" not in inner
    assert all(ch.isascii() for ch in inner)


@given(st.text())
def test_qt_text_never_lets_markup_or_bidi_through(text):
    shown = qt_text(text)
    assert "<" not in shown.replace("<span class='ctl'>", "").replace("</span>", "")
    assert not any(ch in shown for ch in "\u202a\u202b\u202d\u202e\u2066\u2067\u2068")


_LETTER = (
    "“We are grateful for your steady support,” the minister wrote. The aid will reach every "
    "flooded village before winter. The dam was inspected in June last year."
)
_REPORT = (
    "The minister thanked his counterpart for his steady support. The minister said the aid "
    "“will reach every flooded village before winter”. The dam was inspected last June."
)
_NOTE = "June 2025 → June 2026, read from the publication date 2026-08-17"


def _span(text: str, words: str) -> Span:
    return Span(text.index(words), text.index(words) + len(words))


def _letter_report(lib):
    """A letter and a report of it: a quote become reported speech, a quote of the
    letter's unquoted words, and a relative date whose reading changed."""
    data, comparison = _report(lib, [_LETTER, _REPORT])
    base, other = comparison.versions
    said = _span(base.text, "We are grateful for your steady support,")
    quoted = _span(other.text, "will reach every flooded village before winter")
    base = replace(base, quotes=(QuoteRecord(said.start, said.end, "the minister", "wrote"),))
    other = replace(other, quotes=(QuoteRecord(quoted.start, quoted.end, "The minister", "said"),))
    checks = QuoteChecks(1, (
        QuoteCheck(0, None, "paraphrased", 0.6,
                   other_span=_span(other.text, "The minister thanked his counterpart for his "
                                                "steady support.")),
        QuoteCheck(None, 0, "unquoted_in_base", 1.0,
                   base_span=_span(base.text, "will reach every flooded village before winter")),
    ))  # fmt: skip
    date = TypedChange("date", "changed", (_span(base.text, "June last year"),),
                       (_span(other.text, "last June"),), "June last year", "last June", _NOTE)
    row = replace(comparison.alignments[0].rows[0], changes=(date,))
    alignment = replace(comparison.alignments[0], rows=(row,))
    summary = replace(comparison.summary[0], quote_counts={"paraphrased": 1,
                                                           "unquoted_in_base": 1})
    return data, replace(comparison, versions=(base, other), quote_checks=(checks,),
                         alignments=(alignment,), summary=(summary,))


@pytest.mark.parametrize("for_qt", [False, True])
def test_story_report_names_quote_statuses_and_change_reasons(lib, for_qt):
    data, comparison = _letter_report(lib)
    page = story_report_html(data, comparison, data.versions, for_qt=for_qt)
    summary = page.split("id='summary'")[1].split("id='diff'")[0]
    assert "paraphrased as reported speech 1" in summary
    ledger = page.split("id='quotes'")[1].split("id='changes'")[0]
    assert "<td class='status'>paraphrased as reported speech</td>" in ledger
    assert "<td class='status'>quoted from the base text (unquoted there)</td>" in ledger
    assert "reported speech:</span>" in ledger and "thanked his counterpart" in ledger
    assert "unquoted:</span>" in ledger
    assert ledger.count("will reach every flooded village before winter") == 2
    changes = page.split("id='changes'")[1].split("id='claims'")[0]
    assert "<th>Why</th>" in changes and _NOTE in changes
    side_by_side = page.split("id='diff'")[1].split("id='entities'")[0]
    assert "class='why'" in side_by_side and _NOTE in side_by_side


def test_text_and_html_comparisons_list_the_linked_words_and_notes(lib):
    _data, comparison = _letter_report(lib)
    text = render_text(comparison)
    assert ("quotes: 1 paraphrased as reported speech, 1 quoted from the base text "
            "(unquoted there)") in text
    assert "[paraphrased as reported speech] “We are grateful" in text
    assert "reported as: The minister thanked his counterpart for his steady support." in text
    assert "[quoted from the base text (unquoted there)] “will reach" in text
    assert "the base says, unquoted: will reach every flooded village before winter" in text
    assert f"date changed: June last year -> last June ({_NOTE})" in text
    page = render_html(comparison)
    assert "date changed</span>" in page and _NOTE in page
