"""Full-text search (SQLite FTS5) over version texts and claim notes.

User queries never reach FTS5's query language as they are: every word or
``"quoted phrase"`` becomes a quoted FTS5 string, so ``"``, ``AND(``, ``NEAR``
or ``*`` in a query cannot raise a syntax error. All terms must match; a word
ending in ``*`` matches as a prefix.
"""

from __future__ import annotations

import re
import sqlite3

from core.errors import StorageError
from core.storage.base import LibraryBase
from core.storage.rows import HitKind, SearchHit
from core.storage.snippets import Term, make_snippet

_TERM = re.compile(r'"([^"]*)"|(\S+)')
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # FTS5 strings end at NUL
_MAX_TERMS = 32
_MARK_START, _MARK_END = "\x02", "\x03"

# Versions that are deleted or whose story is; small, and found through indexes.
_DEAD_VERSIONS = """
    SELECT id FROM version WHERE deleted_at IS NOT NULL
    UNION SELECT v.id FROM story s JOIN version v ON v.story_id = s.id
    WHERE s.deleted_at IS NOT NULL
"""
_VERSION_HITS = f"""
    SELECT 'version' AS kind, v.story_id, s.title, v.id AS version_id, NULL AS claim_id,
           NULL AS snip, v.text AS body, h.score
    FROM (SELECT rowid AS id, rank AS score
          FROM version_fts WHERE version_fts MATCH :q AND rowid NOT IN ({_DEAD_VERSIONS})
          ORDER BY rank LIMIT :limit) h
    JOIN version v ON v.id = h.id JOIN story s ON s.id = v.story_id
"""
# A claim hit points at its origin's version; hidden claims (origin deleted) are left out.
_CLAIM_HITS = f"""
    SELECT 'claim' AS kind, c.story_id, s.title, o.version_id, c.id AS claim_id,
           h.snip, NULL AS body, h.score
    FROM (SELECT rowid AS id, snippet(claim_fts, 0, char(2), char(3), '…', 16) AS snip,
                 rank AS score
          FROM claim_fts WHERE claim_fts MATCH :q AND rowid NOT IN (
              SELECT claim_id FROM claim_appearance
              WHERE origin = 1 AND version_id IN ({_DEAD_VERSIONS}))
          ORDER BY rank LIMIT :limit) h
    JOIN claim c ON c.id = h.id
    JOIN claim_appearance o ON o.claim_id = c.id AND o.origin = 1
    JOIN story s ON s.id = c.story_id
"""


def query_terms(query: str) -> list[Term]:
    """The words and quoted phrases of what a user typed (at most 32)."""
    terms: list[Term] = []
    for match in _TERM.finditer(_CONTROL.sub(" ", query)):
        phrase, word = match.group(1), match.group(2)
        # A stray quote inside a word separates words: budget"minister is two terms.
        parts = [phrase] if phrase is not None else word.split('"')
        for part in parts:
            prefix = phrase is None and part.endswith("*")
            text = part.rstrip("*") if phrase is None else part
            if any(ch.isalnum() for ch in text):
                terms.append(Term(text, prefix))
    return terms[:_MAX_TERMS]


def match_expression(query: str) -> str | None:
    """Turn what a user typed into a safe FTS5 query, or None if it has no words."""
    quoted = [
        '"' + t.text.replace('"', '""') + '"' + ("*" if t.prefix else "")
        for t in query_terms(query)
    ]
    return " ".join(quoted) or None


def _unmark(snippet: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Strip the highlight markers, returning the text and the highlighted ranges."""
    plain: list[str] = []
    highlights: list[tuple[int, int]] = []
    length, start = 0, None
    for piece in re.split(f"([{_MARK_START}{_MARK_END}])", snippet):
        if piece == _MARK_START:
            start = length
        elif piece == _MARK_END:
            if start is not None and length > start:
                highlights.append((start, length))
            start = None
        else:
            plain.append(piece)
            length += len(piece)
    return "".join(plain), tuple(highlights)


def _hit(row: sqlite3.Row, terms: list[Term]) -> SearchHit:
    if row["body"] is not None:
        snippet, highlights = make_snippet(row["body"], terms)
    else:
        snippet, highlights = _unmark(row["snip"] or "")
    kind: HitKind = "claim" if row["kind"] == "claim" else "version"
    return SearchHit(
        kind,
        row["story_id"],
        row["title"],
        row["version_id"],
        row["claim_id"],
        snippet,
        highlights,
        float(row["score"]),
    )


class SearchMixin(LibraryBase):
    """Full-text search."""

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Versions and claim notes matching every word of ``query``, best first.

        A query without words returns no hits. Deleted versions and stories are
        left out.
        """
        expression = match_expression(query)
        if expression is None or limit <= 0:
            return []
        params = {"q": expression, "limit": int(limit)}
        try:
            with self._db.reading() as conn:
                rows = [*conn.execute(_VERSION_HITS, params), *conn.execute(_CLAIM_HITS, params)]
        except StorageError as exc:
            raise StorageError(f"cannot search for {query!r}: {exc}") from None
        rows.sort(key=lambda row: row["score"])
        terms = query_terms(query)
        return [_hit(row, terms) for row in rows[:limit]]
