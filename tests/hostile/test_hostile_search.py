"""Search snippets come from a bounded window and highlight what FTS5 matched."""

from __future__ import annotations

import sqlite3
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.storage import Library
from core.storage.search import match_expression, query_terms
from core.storage.snippets import WINDOW, make_snippet
from core.textio import load_text

WORDS = ["cafe", "café", "Café", "CAFÉ", "naïve", "naive", "budget", "minister", "vote", "x1"]
SEPARATORS = [" ", ", ", ". ", " — ", "-", "_", "'", "\u00a0"]


def test_a_huge_single_line_version_is_searched_quickly(tmp_path) -> None:
    huge = " ".join(["the minister said the vote would pass"] * 150_000)  # ~5.7 MB, one line
    with Library.open(tmp_path / "lib.sqlite3") as library:
        story_id, _ = library.add_story("Huge")
        library.add_version(story_id, load_text(huge, "huge.txt"))
        library.search("the")  # warm the page cache
        started = time.perf_counter()
        hits = library.search("the")
        elapsed = time.perf_counter() - started
    assert len(hits) == 1 and elapsed < 1.0  # before: about a minute
    hit = hits[0]
    assert len(hit.snippet) <= 2 * WINDOW + 10 and hit.highlights
    assert all(hit.snippet[s:e].lower() == "the" for s, e in hit.highlights)


PIECES = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=40)


@settings(max_examples=120, deadline=None)
@given(
    PIECES.filter(bool),
    st.sampled_from(WORDS),
    st.booleans(),
)
def test_snippets_highlight_exactly_when_fts5_matches(pieces, query: str, prefix: bool) -> None:
    text = "".join(word + sep for word, sep in pieces)
    typed = query[:3] + "*" if prefix else query
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 2')")
    conn.execute("INSERT INTO t VALUES (?)", (text,))
    fts_matches = conn.execute(
        "SELECT count(*) FROM t WHERE t MATCH ?", (match_expression(typed),)
    ).fetchone()[0]
    snippet, highlights = make_snippet(text, query_terms(typed))
    assert bool(fts_matches) == bool(highlights)
    assert all(0 <= s < e <= len(snippet) for s, e in highlights)
    assert len(snippet) <= 2 * WINDOW + len(query) + 2


@given(st.text(), st.text(min_size=1))
def test_a_snippet_is_always_a_bounded_piece_of_the_text(text: str, query: str) -> None:
    snippet, highlights = make_snippet(text, query_terms(query))
    core = snippet.removeprefix("…").removesuffix("…")
    assert core in text
    assert len(core) <= 2 * WINDOW + len(query)
    assert all(0 <= s < e <= len(snippet) for s, e in highlights)


@pytest.mark.parametrize(
    ("query", "expected"),
    [("café", "Cafe"), ("NAIVE", "naïve"), ('"budget vote"', "budget, vote"), ("minis*", "Minis")],
)
def test_highlights_ignore_case_and_accents(query: str, expected: str) -> None:
    text = "Opening words. Cafe owners were naïve about the budget, vote later. Ministers spoke."
    snippet, highlights = make_snippet(text, query_terms(query))
    assert expected in [snippet[s:e] for s, e in highlights]
