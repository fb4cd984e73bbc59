"""Claims tagged by hand: one claim, one appearance per version of its story.

A claim holds what the analyst says about it (label, status, note, author); its
appearances hold where it is: one span per version, each with its quoted text and
the text around it (a W3C text-quote selector, so the span can be found again
when the version's text is replaced). The *origin* appearance is the span the
analyst tagged; it is the base of drift and cannot be removed on its own.

A claim is live while its story and its origin's version are; appearances in
deleted versions are left out of the rows until the version comes back. Claims
are deleted for real; undo re-creates them with the same id through
``add_claim(claim_id=...)`` or, exactly (appearances and timestamps), ``restore_claim``.
"""

from __future__ import annotations

import sqlite3

from core.errors import StorageError
from core.storage.base import (
    check_id,
    check_span,
    check_status,
    live_claim,
    live_story,
    live_version,
)
from core.storage.changes import NO_CHANGE, Change
from core.storage.claim_queries import ClaimQueriesMixin
from core.storage.db import utc_now
from core.storage.rows import UNSET, AppearanceRow, ClaimRow, Unset

_NOTE_LIMIT = 20_000
_AUTHOR_LIMIT = 200

#: The columns of an appearance, in AppearanceRow's order.
APPEARANCE_COLUMNS = (
    "id, claim_id, version_id, start_char, end_char, quote, prefix, suffix, origin, anchor, "
    "created_at"
)


def _note(value: str) -> str:
    if not isinstance(value, str):
        raise StorageError(f"a claim's note must be text, not {value!r}")
    if len(value) > _NOTE_LIMIT:
        raise StorageError(
            f"a claim's note is too long ({len(value)} characters; at most {_NOTE_LIMIT})"
        )
    return value


def _author(value: str) -> str:
    if not isinstance(value, str):
        raise StorageError(f"a claim's author must be text, not {value!r}")
    if len(value) > _AUTHOR_LIMIT:
        raise StorageError(f"a claim's author is too long (at most {_AUTHOR_LIMIT} characters)")
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


def _exists(conn: sqlite3.Connection, table: str, row_id: int | None, what: str) -> None:
    """Refuse an id asked for (redo, restore) that is already taken."""
    if row_id is None:
        return
    check_id(row_id, f"a {what} id")
    if conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)).fetchone():
        raise StorageError(f"{what} {row_id} already exists")


def _insert_appearance(
    conn: sqlite3.Connection,
    claim_id: int,
    version: sqlite3.Row,
    start: int,
    end: int,
    *,
    origin: bool,
    appearance_id: int | None = None,
) -> int:
    from core.anchoring import quote_selector  # rapidfuzz: not needed to open a library

    check_span(version["text"], start, end)
    quote = quote_selector(version["text"], start, end)
    cur = conn.execute(
        """INSERT INTO claim_appearance (id, claim_id, version_id, start_char, end_char, quote,
           prefix, suffix, origin, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (
            appearance_id,
            claim_id,
            version["id"],
            start,
            end,
            quote.exact,
            quote.prefix,
            quote.suffix,
            int(origin),
            utc_now(),
        ),
    )
    return int(cur.lastrowid or 0)


def _touch(conn: sqlite3.Connection, claim_id: int) -> None:
    conn.execute("UPDATE claim SET modified_at = ? WHERE id = ?", (utc_now(), claim_id))


class ClaimsMixin(ClaimQueriesMixin):
    """Claims and their appearances."""

    def add_claim(
        self,
        version_id: int,
        start: int,
        end: int,
        *,
        label_id: int | None = None,
        status: str = "open",
        note: str = "",
        author: str = "",
        claim_id: int | None = None,
    ) -> tuple[int, Change]:
        """Tag ``text[start:end]`` of a version as a claim (its origin); returns its id.

        The span is taken as given (snap it to words first if wanted).
        ``claim_id`` re-creates a claim under its old id (redo after undo).
        """
        note, status, author = _note(note), check_status(status), _author(author)
        with self._db.transaction() as conn:
            version = live_version(conn, check_id(version_id, "a version id"))
            check_span(version["text"], start, end)
            _check_label(conn, label_id)
            _exists(conn, "claim", claim_id, "claim")
            now = utc_now()
            cur = conn.execute(
                """INSERT INTO claim (id, story_id, label_id, status, note, author, created_at,
                   modified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                (claim_id, version["story_id"], label_id, status, note, author, now, now),
            )
            new_id = int(cur.lastrowid or 0)
            appearance = _insert_appearance(conn, new_id, version, start, end, origin=True)
        return new_id, Change.of(claims=[new_id], appearances=[appearance])

    def add_appearance(
        self,
        claim_id: int,
        version_id: int,
        start: int,
        end: int,
        *,
        appearance_id: int | None = None,
    ) -> tuple[int, Change]:
        """Record where a claim appears in another version of its story; returns its id.

        A claim appears at most once per version; its origin's version already
        has it. ``appearance_id`` re-creates a removed appearance under its old id.
        """
        with self._db.transaction() as conn:
            claim = live_claim(conn, check_id(claim_id, "a claim id"))
            version = live_version(conn, check_id(version_id, "a version id"))
            if version["story_id"] != claim["story_id"]:
                raise StorageError(
                    f"version {version_id} is not part of the story of claim {claim_id}"
                )
            if version_id == claim["origin_version_id"]:
                raise StorageError(
                    f"claim {claim_id} was tagged in version {version_id}: it already appears there"
                )
            taken = conn.execute(
                "SELECT id FROM claim_appearance WHERE claim_id = ? AND version_id = ?",
                (claim_id, version_id),
            ).fetchone()
            if taken is not None:
                raise StorageError(
                    f"claim {claim_id} already appears in version {version_id} "
                    f"(appearance {taken['id']}); remove that one first"
                )
            _exists(conn, "claim_appearance", appearance_id, "appearance")
            new_id = _insert_appearance(
                conn, claim_id, version, start, end, origin=False, appearance_id=appearance_id
            )
            _touch(conn, claim_id)
        return new_id, Change.of(claims=[claim_id], appearances=[new_id])

    def remove_appearance(self, appearance_id: int) -> Change:
        """Remove where a claim appears in one version; the origin goes only with its claim."""
        with self._db.transaction() as conn:
            row = conn.execute(
                "SELECT claim_id, origin FROM claim_appearance WHERE id = ?",
                (check_id(appearance_id, "an appearance id"),),
            ).fetchone()
            if row is None:
                raise StorageError(f"there is no appearance {appearance_id}")
            claim_id = int(row["claim_id"])
            live_claim(conn, claim_id)
            if row["origin"]:
                raise StorageError(
                    f"appearance {appearance_id} is where claim {claim_id} was tagged; "
                    "delete the claim to remove it"
                )
            conn.execute("DELETE FROM claim_appearance WHERE id = ?", (appearance_id,))
            _touch(conn, claim_id)
        return Change.of(claims=[claim_id], appearances=[appearance_id])

    def update_claim(
        self,
        claim_id: int,
        *,
        note: str | None = None,
        label_id: int | Unset | None = UNSET,
        status: str | None = None,
    ) -> Change:
        """Edit a claim's note, label (None: unlabelled) or status."""
        updates: dict[str, object] = {}
        if note is not None:
            updates["note"] = _note(note)
        if status is not None:
            updates["status"] = check_status(status)
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
        """Delete a claim and its appearances. Read it first (``get_claim``) to undo."""
        with self._db.transaction() as conn:
            live_claim(conn, claim_id)
            gone = [
                r[0]
                for r in conn.execute(
                    "SELECT id FROM claim_appearance WHERE claim_id = ?", (claim_id,)
                )
            ]
            conn.execute("DELETE FROM claim WHERE id = ?", (claim_id,))
        return Change.of(claims=[claim_id], appearances=gone)

    def restore_claim(self, claim: ClaimRow) -> Change:
        """Re-create a deleted claim exactly: ids, timestamps, appearances and their anchors."""
        origins = [a for a in claim.appearances if a.origin]
        if len(origins) != 1:
            raise StorageError(f"claim {claim.id} must have exactly one origin to be restored")
        with self._db.transaction() as conn:
            _exists(conn, "claim", claim.id, "claim")
            live_story(conn, claim.story_id)
            _check_label(conn, claim.label_id)
            conn.execute(
                """INSERT INTO claim (id, story_id, label_id, status, note, author, created_at,
                   modified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    claim.id,
                    claim.story_id,
                    claim.label_id,
                    check_status(claim.status),
                    _note(claim.note),
                    _author(claim.author),
                    claim.created_at,
                    claim.modified_at,
                ),
            )
            for appearance in claim.appearances:
                self._restore_appearance(conn, claim, appearance)
        return Change.of(claims=[claim.id], appearances=[a.id for a in claim.appearances])

    @staticmethod
    def _restore_appearance(
        conn: sqlite3.Connection, claim: ClaimRow, appearance: AppearanceRow
    ) -> None:
        version = live_version(conn, appearance.version_id)
        if version["story_id"] != claim.story_id:
            raise StorageError(
                f"version {appearance.version_id} is not part of the story of claim {claim.id}"
            )
        if appearance.start is not None and appearance.end is not None:
            text = check_span(version["text"], appearance.start, appearance.end)
            if text != appearance.quote:
                raise StorageError(
                    f"claim {claim.id}'s quote no longer matches version {appearance.version_id}"
                )
        _exists(conn, "claim_appearance", appearance.id, "appearance")
        conn.execute(
            f"""INSERT INTO claim_appearance ({APPEARANCE_COLUMNS})
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                appearance.id,
                claim.id,
                appearance.version_id,
                appearance.start,
                appearance.end,
                appearance.quote,
                appearance.prefix,
                appearance.suffix,
                int(appearance.origin),
                appearance.anchor,
                appearance.created_at,
            ),
        )
