"""Claims tagged by hand, and the links between claims across versions of a story.

A claim keeps its quoted text beside its offsets; the schema checks that the two
agree in length, and the library checks that the quote is the version's text.
Claims are deleted for real; undo re-creates them with the same id through
``add_claim(claim_id=...)`` or, with their links and timestamps, ``restore_claim``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from core.errors import StorageError
from core.storage.base import (
    LIVE_CLAIM_SQL,
    LibraryBase,
    check_id,
    check_span,
    live_claim,
    live_version,
)
from core.storage.changes import NO_CHANGE, Change
from core.storage.db import utc_now
from core.storage.rows import CLAIM_STATUSES, UNSET, ClaimRow, Unset

_NOTE_LIMIT = 20_000


def _claim_row(row: sqlite3.Row) -> ClaimRow:
    return ClaimRow(
        id=row["id"],
        version_id=row["version_id"],
        story_id=row["story_id"],
        start=row["start_char"],
        end=row["end_char"],
        quote=row["quote"],
        label_id=row["label_id"],
        status=row["status"],
        note=row["note"],
        created_at=row["created_at"],
        modified_at=row["modified_at"],
    )


def _status(value: str) -> str:
    if value not in CLAIM_STATUSES:
        raise StorageError(
            f"a claim's status must be one of {', '.join(CLAIM_STATUSES)}, not {value!r}"
        )
    return value


def _note(value: str) -> str:
    if not isinstance(value, str):
        raise StorageError(f"a claim's note must be text, not {value!r}")
    if len(value) > _NOTE_LIMIT:
        raise StorageError(
            f"a claim's note is too long ({len(value)} characters; at most {_NOTE_LIMIT})"
        )
    return value


def _check_label(conn: sqlite3.Connection, label_id: int | None) -> None:
    if (
        label_id is not None
        and conn.execute(
            "SELECT 1 FROM label WHERE id = ?", (check_id(label_id, "a label id"),)
        ).fetchone()
        is None
    ):
        raise StorageError(f"there is no label {label_id}")


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


class ClaimsMixin(LibraryBase):
    """Claims and claim links."""

    def add_claim(
        self,
        version_id: int,
        start: int,
        end: int,
        label_id: int | None = None,
        note: str = "",
        status: str = "open",
        *,
        claim_id: int | None = None,
    ) -> tuple[int, Change]:
        """Tag ``text[start:end]`` of a version as a claim; returns its id.

        ``claim_id`` re-creates a claim under its old id (redo after undo).
        """
        note, status = _note(note), _status(status)
        with self._db.transaction() as conn:
            quote = check_span(live_version(conn, version_id)["text"], start, end)
            _check_label(conn, label_id)
            if (
                claim_id is not None
                and conn.execute(
                    "SELECT 1 FROM claim WHERE id = ?", (check_id(claim_id, "a claim id"),)
                ).fetchone()
            ):
                raise StorageError(f"claim {claim_id} already exists")
            now = utc_now()
            cur = conn.execute(
                """INSERT INTO claim (id, version_id, start_char, end_char, quote, label_id,
                   status, note, created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (claim_id, version_id, start, end, quote, label_id, status, note, now, now),
            )
            new_id = int(cur.lastrowid or 0)
        return new_id, Change.of(claims=[new_id])

    def update_claim(
        self,
        claim_id: int,
        *,
        note: str | None = None,
        label_id: int | Unset | None = UNSET,
        status: str | None = None,
    ) -> Change:
        """Edit a claim's note, label (None: unlabelled) or status; its span never changes."""
        updates: dict[str, object] = {}
        if note is not None:
            updates["note"] = _note(note)
        if status is not None:
            updates["status"] = _status(status)
        if not isinstance(label_id, Unset):
            updates["label_id"] = label_id
        if not updates:
            return NO_CHANGE
        with self._db.transaction() as conn:
            live_claim(conn, claim_id)
            if not isinstance(label_id, Unset):
                _check_label(conn, label_id)
            updates["modified_at"] = utc_now()
            assignments = ", ".join(f"{column} = ?" for column in updates)
            conn.execute(
                f"UPDATE claim SET {assignments} WHERE id = ?", (*updates.values(), claim_id)
            )
        return Change.of(claims=[claim_id])

    def delete_claim(self, claim_id: int) -> Change:
        """Delete a claim and its links. Read it (and ``linked_claims``) first to undo."""
        with self._db.transaction() as conn:
            live_claim(conn, claim_id)
            linked = self._linked_ids(conn, claim_id)
            conn.execute("DELETE FROM claim WHERE id = ?", (claim_id,))
        return Change.of(claims=[claim_id], links=[claim_id, *linked] if linked else [])

    def restore_claim(self, claim: ClaimRow, linked: Iterable[int] = ()) -> Change:
        """Re-create a deleted claim exactly (id, timestamps) and its links to live claims."""
        with self._db.transaction() as conn:
            text = live_version(conn, claim.version_id)["text"]
            if check_span(text, claim.start, claim.end) != claim.quote:
                raise StorageError(f"claim {claim.id}'s quote no longer matches its version")
            _check_label(conn, claim.label_id)
            if conn.execute("SELECT 1 FROM claim WHERE id = ?", (claim.id,)).fetchone():
                raise StorageError(f"claim {claim.id} already exists")
            conn.execute(
                """INSERT INTO claim (id, version_id, start_char, end_char, quote, label_id,
                   status, note, created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    claim.id,
                    claim.version_id,
                    claim.start,
                    claim.end,
                    claim.quote,
                    claim.label_id,
                    _status(claim.status),
                    _note(claim.note),
                    claim.created_at,
                    claim.modified_at,
                ),
            )
            relinked = [
                other for other in linked if self._link(conn, claim.id, other, strict=False)
            ]
        return Change.of(claims=[claim.id], links=[claim.id, *relinked] if relinked else [])

    def get_claim(self, claim_id: int) -> ClaimRow | None:
        """The claim, or None if it does not exist or its version was deleted."""
        with self._db.reading() as conn:
            row = conn.execute(LIVE_CLAIM_SQL + " AND c.id = ?", (claim_id,)).fetchone()
        return None if row is None else _claim_row(row)

    def list_claims(
        self, story_id: int | None = None, version_id: int | None = None
    ) -> list[ClaimRow]:
        """Live claims, optionally of one story or one version, in text order per version."""
        sql, params = LIVE_CLAIM_SQL, []
        for clause, value in (
            (" AND v.story_id = ?", story_id),
            (" AND c.version_id = ?", version_id),
        ):
            if value is not None:
                sql += clause
                params.append(value)
        with self._db.reading() as conn:
            rows = conn.execute(sql + " ORDER BY c.version_id, c.start_char, c.id", params)
            return [_claim_row(r) for r in rows]

    # Links

    def link_claims(self, claim_a: int, claim_b: int) -> Change:
        """Link two claims of different versions of one story (symmetric; idempotent)."""
        with self._db.transaction() as conn:
            added = self._link(conn, claim_a, claim_b, strict=True)
        return Change.of(links=[claim_a, claim_b]) if added else NO_CHANGE

    def unlink_claims(self, claim_a: int, claim_b: int) -> Change:
        """Remove the link between two claims, if there is one."""
        with self._db.transaction() as conn:
            cur = conn.execute(
                "DELETE FROM claim_link WHERE claim_a = ? AND claim_b = ?", _pair(claim_a, claim_b)
            )
        return Change.of(links=[claim_a, claim_b]) if cur.rowcount else NO_CHANGE

    def linked_claims(self, claim_id: int) -> list[ClaimRow]:
        """The live claims linked to this one, in version and text order."""
        with self._db.reading() as conn:
            ids = self._linked_ids(conn, claim_id)
            if not ids:
                return []
            marks = ", ".join("?" * len(ids))
            rows = conn.execute(
                LIVE_CLAIM_SQL + f" AND c.id IN ({marks}) ORDER BY c.version_id, c.start_char",
                ids,
            )
            return [_claim_row(r) for r in rows]

    @staticmethod
    def _linked_ids(conn: sqlite3.Connection, claim_id: int) -> list[int]:
        return [
            r[0]
            for r in conn.execute(
                "SELECT claim_b FROM claim_link WHERE claim_a = ? "
                "UNION SELECT claim_a FROM claim_link WHERE claim_b = ?",
                (claim_id, claim_id),
            )
        ]

    @staticmethod
    def _link(conn: sqlite3.Connection, claim_a: int, claim_b: int, *, strict: bool) -> bool:
        """Insert a link; when not ``strict``, a link that cannot exist is skipped silently."""
        try:
            if claim_a == claim_b:
                raise StorageError("a claim cannot be linked to itself")
            a, b = live_claim(conn, claim_a), live_claim(conn, claim_b)
            if a["story_id"] != b["story_id"]:
                raise StorageError(f"claims {claim_a} and {claim_b} belong to different stories")
            if a["version_id"] == b["version_id"]:
                raise StorageError(
                    f"claims {claim_a} and {claim_b} are in the same version; "
                    "links join claims across versions"
                )
        except StorageError:
            if strict:
                raise
            return False
        cur = conn.execute(
            "INSERT OR IGNORE INTO claim_link (claim_a, claim_b, created_at) VALUES (?, ?, ?)",
            (*_pair(claim_a, claim_b), utc_now()),
        )
        return cur.rowcount > 0
