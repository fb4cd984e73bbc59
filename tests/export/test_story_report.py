"""The story report's HTML: sections, and hostile article, note and label text kept inert."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from export_factory import HOSTILE_LABEL, HOSTILE_NOTE, ODD_TEXTS, build_story, comparison_of
from hypothesis import given
from hypothesis import strategies as st

from core.export.story_data import load_story_data
from core.export.story_report import SECTIONS, qt_text, story_report_html
from core.export.story_report_css import css_string

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
