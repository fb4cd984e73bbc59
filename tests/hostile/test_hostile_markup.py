"""Markdown and HTML reduce to what a reader sees: no raw HTML, no link targets, no lost text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.markdown_text import markdown_to_text
from core.textio import load_bytes

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=10)


def md(text: str) -> str:
    return load_bytes(text.encode(), "f.md", fmt="markdown").text


def test_raw_html_is_dropped_and_its_text_kept() -> None:
    text = md(
        "# Title\n\nA <div onclick='x()'>word</div> here.\n\n<script>alert(1)</script>\n\n"
        "<div onclick='evil()'><p>Block text stays.</p><style>p{}</style></div>\n"
    )
    assert text == "Title\n\nA word here.\n\nBlock text stays."


def test_an_inline_script_leaves_no_words() -> None:
    assert md("Before <script>steal(document.cookie)</script> after.\n") == "Before after."


@pytest.mark.parametrize(
    "link",
    [
        "[link](javascript:alert(1))",
        "[link](<javascript:alert(1)>)",
        "[link](JaVaScRiPt:alert(1) 'title')",
        "[link](data:text/html,<script>x</script>)",
    ],
)
def test_links_of_any_scheme_reduce_to_their_text(link: str) -> None:
    assert md(f"See {link} now.") == "See link now."


def test_reference_links_reduce_to_their_text() -> None:
    assert md("See [link][ref] now.\n\n[ref]: javascript:alert(1)\n") == "See link now."


@given(WORD, st.sampled_from(["javascript", "data", "vbscript", "http", "file", "x-y"]), WORD)
def test_link_text_is_kept_and_targets_never_are(text: str, scheme: str, target: str) -> None:
    out = markdown_to_text(f"Read [{text}]({scheme}:{target}(1)) today.")
    assert out == f"Read {text} today."


def test_lists_headings_quotes_and_code_survive() -> None:
    text = md("# Big news\n\n* first point\n* second\n\n1. one\n\n> quoted\n\n```\ncode\n```\n")
    assert text == "Big news\n\n- first point\n\n- second\n\n1. one\n\nquoted\n\ncode"


def test_deep_markdown_nesting_keeps_the_text() -> None:
    assert md(">" * 150 + " deep quote\n\nafter") == "deep quote\n\nafter"


def _nested_tables(depth: int) -> bytes:
    return (
        "<html><body><p>First paragraph of the story, long enough to count.</p>"
        + "<table><tr><td>" * depth
        + "cell"
        + "</td></tr></table>" * depth
        + "<p>The paragraph after the table must survive.</p></body></html>"
    ).encode()


@pytest.mark.parametrize("depth", [100, 120, 600])
def test_the_paragraph_after_deeply_nested_tables_survives(depth: int) -> None:
    loaded = load_bytes(_nested_tables(depth), "f.html")
    assert "The paragraph after the table must survive." in loaded.text
    assert loaded.notes == ()


def test_tables_past_the_parser_limit_are_read_flat_and_it_says_so() -> None:
    loaded = load_bytes(_nested_tables(3000), "f.html")
    assert "The paragraph after the table must survive." in loaded.text
    assert any("too deeply" in note for note in loaded.notes)


def test_when_text_is_dropped_the_import_says_so() -> None:
    page = (
        "<html><body><p>First paragraph of the story.</p>"
        + "<ul><li>" * 3000
        + "deep"
        + "</li></ul>" * 3000
        + "<p>After.</p></body></html>"
    )
    loaded = load_bytes(page.encode(), "f.html")
    assert any("dropped" in note for note in loaded.notes)
