"""Full-text search over version texts and claim notes, including hostile queries."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.storage import Library
from core.storage.search import match_expression


def test_search_finds_versions_with_snippets(lib: Library, story) -> None:
    story_id, ids = story
    hits = lib.search("minister")
    assert {h.version_id for h in hits} == {ids[0], ids[1]}
    hit = hits[0]
    assert (hit.kind, hit.story_id, hit.story_title, hit.claim_id) == (
        "version",
        story_id,
        "Budget vote",
        None,
    )
    assert all(hit.snippet[s:e].lower() == "minister" for s, e in hit.highlights)
    assert "\x02" not in hit.snippet and "\x03" not in hit.snippet


def test_all_words_must_match_and_phrases_and_prefixes(lib: Library, story) -> None:
    _, ids = story
    assert {h.version_id for h in lib.search("budget 212")} == {ids[2]}
    assert {h.version_id for h in lib.search('"will pass"')} == {ids[1]}
    assert {h.version_id for h in lib.search('"pass will"')} == set()
    assert {h.version_id for h in lib.search("strong*")} == {ids[1]}
    assert lib.search("minister nonexistentword") == []


def test_diacritics_and_case_are_folded(lib: Library, story) -> None:
    _, ids = story
    assert {h.version_id for h in lib.search("LOPEZ")} == {ids[0], ids[1]}
    assert {h.version_id for h in lib.search("lópez")} == {ids[0], ids[1]}


def test_claim_notes_are_searchable_and_kept_in_step(lib: Library, story) -> None:
    _, ids = story
    claim_id, _ = lib.add_claim(ids[0], 0, 6, note="Check with the treasury spokesperson")
    hits = lib.search("treasury")
    assert [(h.kind, h.claim_id, h.version_id) for h in hits] == [("claim", claim_id, ids[0])]
    lib.update_claim(claim_id, note="Confirmed by parliament records")
    assert lib.search("treasury") == []
    assert [h.claim_id for h in lib.search("parliament")] == [claim_id]
    lib.delete_claim(claim_id)
    assert lib.search("parliament") == []


def test_deleted_versions_and_stories_are_not_found(lib: Library, story) -> None:
    story_id, ids = story
    lib.add_claim(ids[2], 0, 6, note="votes tally")
    lib.delete_version(ids[2])
    assert lib.search("212") == []
    assert lib.search("tally") == []
    lib.restore_version(ids[2])
    assert len(lib.search("212")) == 1
    lib.delete_story(story_id)
    assert lib.search("budget") == []


def test_limit(lib: Library, story) -> None:
    assert len(lib.search("budget", limit=2)) == 2
    assert lib.search("budget", limit=0) == []


HOSTILE = [
    '"',
    '""',
    '"""',
    "AND(",
    "OR",
    "NOT",
    "AND",
    "NEAR(budget minister, 2)",
    "*",
    "budget*",
    "-budget",
    "text:budget",
    "^budget",
    "'",
    "(",
    ")",
    "\\",
    "{text}: budget",
    "budget OR",
    "minister AND",
    "a\x00b",
    "💥",
    'budget"minister',
    '"budget',
    'budget"',
    "* *",
    "..",
    "x" * 5000,
    "budget " * 200,
    "rowid:1",
    "[]",
    "+",
    "NEAR",
    "“curly”",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_raise(lib: Library, story, query: str) -> None:
    hits = lib.search(query)
    assert isinstance(hits, list)


def test_operators_are_searched_as_words(lib: Library, story) -> None:
    _, ids = story
    assert lib.search("OR budget") == []  # "or" is a word that must appear
    assert {h.version_id for h in lib.search("NOT budget")} == {ids[0]}
    assert {h.version_id for h in lib.search('budget"minister')} == {ids[0], ids[1]}


def test_match_expression_quotes_every_term() -> None:
    assert match_expression('budget "will pass" strong* AND(') == (
        '"budget" "will pass" "strong"* "AND("'
    )
    assert match_expression('" * ( ) -') is None
    assert match_expression("") is None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_text_is_a_valid_query(query: str) -> None:
    import sqlite3

    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5 (x)")
    conn.execute("INSERT INTO t VALUES ('some text')")
    expression = match_expression(query)
    if expression is not None:
        conn.execute("SELECT * FROM t WHERE t MATCH ?", (expression,)).fetchall()
