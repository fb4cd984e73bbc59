"""Replacing a version's text with a corrected one, keeping the old text and the tags.

The old text goes to ``version_revision`` (nothing is ever lost). Every claim
appearance and entity correction of the version is found again in the new text
with :func:`core.anchoring.reanchor`: an appearance that cannot be found is kept,
flagged ``orphaned``; a correction that cannot be found is removed and reported.
Cached analyses of the version are dropped, and, when the caller knows how many
units the new text segments into, alignment overrides past the end are removed.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from core.errors import StorageError
from core.storage.base import LibraryBase, check_id, live_version
from core.storage.changes import Change
from core.storage.db import utc_now
from core.storage.migrations import count_words
from core.storage.rows import (
    AlignmentOverrideRow,
    AnchorCounts,
    EntityCorrectionRow,
    ReanchorReport,
    RevisionRow,
)
from core.textio import SourceText, content_hash

if TYPE_CHECKING:
    from core.anchoring import Anchor, Quote


def _counts(states: Iterable[str]) -> AnchorCounts:
    tally = Counter(states)
    return AnchorCounts(tally["exact"], tally["moved"], tally["fuzzy"], tally["orphaned"])


def _find(new_text: str, quote: Quote, start: int | None, old_length: int) -> Anchor:
    from core.anchoring import reanchor

    # An appearance orphaned by an earlier replacement has no position: search from the top.
    return reanchor(new_text, quote, 0 if start is None else start, old_length)


class RevisionsMixin(LibraryBase):
    """Corrected re-imports of a version's text."""

    def replace_version_text(
        self, version_id: int, source: SourceText, *, unit_count: int | None = None
    ) -> tuple[ReanchorReport, Change]:
        """Give a version a new text; its claims and corrections follow it.

        ``unit_count`` is how many units the engine segments the new text into
        (it takes a parse to know); given, alignment overrides pointing past them
        are removed. Without it they stay (the aligner ignores any that do not fit).
        """
        if not source.text:
            raise StorageError(f"{source.source}: has no text to store")
        digest = content_hash(source.text)
        if source.content_hash and source.content_hash != digest:
            raise StorageError(f"{source.source}: its content hash does not match its text")
        with self._db.transaction() as conn:
            version = live_version(conn, check_id(version_id, "a version id"))
            if digest == version["content_hash"]:
                empty = AnchorCounts()
                return ReanchorReport(version_id, None, empty, empty), Change()
            _check_no_twin(conn, version, digest)
            revision_id = _keep_revision(conn, version)
            conn.execute(
                """UPDATE version SET text = ?, content_hash = ?, source = ?, format = ?,
                   encoding = ?, word_count = ? WHERE id = ?""",
                (
                    source.text,
                    digest,
                    source.source,
                    source.format,
                    source.encoding,
                    count_words(source.text),
                    version_id,
                ),
            )
            old_text = version["text"]
            claims, appearance_ids, states, orphans = _move_appearances(
                conn, version_id, old_text, source.text
            )
            correction_states, dropped = _move_corrections(conn, version_id, old_text, source.text)
            _drop_analyses(conn, version_id, version["story_id"])
            removed = _drop_overrides(conn, version_id, unit_count)
        report = ReanchorReport(
            version_id,
            revision_id,
            _counts(states),
            _counts(correction_states),
            tuple(orphans),
            tuple(dropped),
            tuple(removed),
        )
        change = Change.of(
            stories=[version["story_id"]],
            versions=[version_id],
            claims=claims,
            appearances=appearance_ids,
            corrections=[version_id] if correction_states else [],
            analyses=[version_id],
            overrides={v for o in removed for v in (o.base_version_id, o.other_version_id)},
        )
        return report, change

    def list_revisions(self, version_id: int) -> list[RevisionRow]:
        """The texts a version had before, oldest first."""
        with self._db.reading() as conn:
            rows = conn.execute(
                "SELECT * FROM version_revision WHERE version_id = ? ORDER BY id", (version_id,)
            ).fetchall()
        return [
            RevisionRow(
                r["id"],
                r["version_id"],
                r["text"],
                r["content_hash"],
                r["source"],
                r["format"],
                r["encoding"],
                r["replaced_at"],
            )
            for r in rows
        ]


def _check_no_twin(conn: sqlite3.Connection, version: sqlite3.Row, digest: str) -> None:
    twin = conn.execute(
        "SELECT id FROM version WHERE story_id = ? AND content_hash = ? AND deleted_at IS NULL",
        (version["story_id"], digest),
    ).fetchone()
    if twin is not None:
        raise StorageError(
            f"version {twin['id']} of this story already has that text; "
            f"version {version['id']} was left as it was"
        )


def _keep_revision(conn: sqlite3.Connection, version: sqlite3.Row) -> int:
    cur = conn.execute(
        """INSERT INTO version_revision (version_id, text, content_hash, source, format,
           encoding, replaced_at) VALUES (?, ?, ?, ?, ?, ?, ?)""",
        (
            version["id"],
            version["text"],
            version["content_hash"],
            version["source"],
            version["format"],
            version["encoding"],
            utc_now(),
        ),
    )
    return int(cur.lastrowid or 0)


def _move_appearances(
    conn: sqlite3.Connection, version_id: int, old_text: str, new_text: str
) -> tuple[set[int], list[int], list[str], list[int]]:
    """Re-anchor every appearance: (claims, appearances, their states, orphaned ids)."""
    from core.anchoring import Quote, quote_selector

    claims: set[int] = set()
    ids: list[int] = []
    states: list[str] = []
    orphans: list[int] = []
    rows = conn.execute(
        "SELECT id, claim_id, start_char, quote, prefix, suffix FROM claim_appearance "
        "WHERE version_id = ?",
        (version_id,),
    ).fetchall()
    for row in rows:
        quote = Quote(row["quote"], row["prefix"], row["suffix"])
        found = _find(new_text, quote, row["start_char"], len(old_text))
        claims.add(int(row["claim_id"]))
        ids.append(int(row["id"]))
        states.append(found.state)
        if found.start is None or found.end is None:
            orphans.append(int(row["id"]))
            conn.execute(
                "UPDATE claim_appearance SET start_char = NULL, end_char = NULL, "
                "anchor = 'orphaned' WHERE id = ?",
                (row["id"],),
            )
            continue
        moved = quote_selector(new_text, found.start, found.end)
        conn.execute(
            """UPDATE claim_appearance SET start_char = ?, end_char = ?, quote = ?, prefix = ?,
               suffix = ?, anchor = ? WHERE id = ?""",
            (
                found.start,
                found.end,
                moved.exact,
                moved.prefix,
                moved.suffix,
                found.state,
                row["id"],
            ),
        )
    return claims, ids, states, orphans


def _move_corrections(
    conn: sqlite3.Connection, version_id: int, old_text: str, new_text: str
) -> tuple[list[str], list[EntityCorrectionRow]]:
    """Re-anchor the corrections; those not found (or landing on a taken span) are removed."""
    from core.anchoring import quote_selector, reanchor

    rows = conn.execute(
        "SELECT * FROM entity_correction WHERE version_id = ? ORDER BY id", (version_id,)
    ).fetchall()
    # Removed first and put back with their ids: moving them one by one could collide
    # with the (version, start, end) uniqueness of one not moved yet.
    conn.execute("DELETE FROM entity_correction WHERE version_id = ?", (version_id,))
    states: list[str] = []
    dropped: list[EntityCorrectionRow] = []
    taken: set[tuple[int, int]] = set()
    for row in rows:
        start, end = row["start_char"], row["end_char"]
        found = reanchor(new_text, quote_selector(old_text, start, end), start, len(old_text))
        span = (found.start, found.end)
        if found.start is None or found.end is None or span in taken:
            states.append("orphaned")
            dropped.append(
                EntityCorrectionRow(
                    row["id"],
                    version_id,
                    start,
                    end,
                    row["quote"],
                    row["label"],
                    row["entity_key"],
                    row["created_at"],
                )
            )
            continue
        taken.add((found.start, found.end))
        states.append(found.state)
        conn.execute(
            """INSERT INTO entity_correction (id, version_id, start_char, end_char, quote, label,
               entity_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                row["id"],
                version_id,
                found.start,
                found.end,
                new_text[found.start : found.end],
                row["label"],
                row["entity_key"],
                row["created_at"],
            ),
        )
    return states, dropped


def _drop_analyses(conn: sqlite3.Connection, version_id: int, story_id: int) -> None:
    conn.execute("DELETE FROM doc_analysis WHERE version_id = ?", (version_id,))
    conn.execute(
        "DELETE FROM comparison WHERE story_id = ? "
        "AND instr(',' || version_key || ',', ',' || ? || ',') > 0",
        (story_id, version_id),
    )


def _drop_overrides(
    conn: sqlite3.Connection, version_id: int, unit_count: int | None
) -> list[AlignmentOverrideRow]:
    if unit_count is None:
        return []
    if check_id(unit_count, "a unit count") < 0:
        raise StorageError("a unit count cannot be negative")
    where = (
        "(base_version_id = :v AND base_unit >= :n) OR (other_version_id = :v AND other_unit >= :n)"
    )
    params = {"v": version_id, "n": unit_count}
    rows = conn.execute(
        "SELECT base_version_id, other_version_id, base_unit, other_unit, kind "
        f"FROM alignment_override WHERE {where} ORDER BY id",
        params,
    ).fetchall()
    conn.execute(f"DELETE FROM alignment_override WHERE {where}", params)
    return [AlignmentOverrideRow(*r) for r in rows]
