"""Shared lookups and checks for the library's parts (stories, claims, caches, search)."""

from __future__ import annotations

import sqlite3

from core.errors import StorageError
from core.storage.db import Database

#: A version is live when neither it nor its story is (soft-)deleted.
LIVE_VERSION_SQL = """
    SELECT v.* FROM version v JOIN story s ON s.id = v.story_id
    WHERE v.id = ? AND v.deleted_at IS NULL AND s.deleted_at IS NULL
"""
#: Ids of soft-deleted versions, read from a small partial index: testing
#: ``version.deleted_at`` row by row would read each (large) version row.
DEAD_VERSIONS_SQL = "SELECT id FROM version WHERE deleted_at IS NOT NULL"
#: A claim is live when its story and its origin's version are (``o`` is the origin).
LIVE_CLAIM_FROM = """
    FROM claim c
    JOIN claim_appearance o ON o.claim_id = c.id AND o.origin = 1
    JOIN story s ON s.id = c.story_id
"""
LIVE_CLAIM_WHERE = f" WHERE s.deleted_at IS NULL AND o.version_id NOT IN ({DEAD_VERSIONS_SQL})"
LIVE_CLAIM_SQL = (
    "SELECT c.*, o.version_id AS origin_version_id" + LIVE_CLAIM_FROM + LIVE_CLAIM_WHERE
)


class LibraryBase:
    """Holds the open database; each part of :class:`Library` builds on it."""

    def __init__(self, db: Database) -> None:
        self._db = db


def live_story(conn: sqlite3.Connection, story_id: int) -> sqlite3.Row:
    """The story row, or StorageError when it does not exist or was deleted."""
    row: sqlite3.Row | None = conn.execute(
        "SELECT * FROM story WHERE id = ? AND deleted_at IS NULL", (story_id,)
    ).fetchone()
    if row is None:
        raise StorageError(f"there is no story {story_id}")
    return row


def live_version(conn: sqlite3.Connection, version_id: int) -> sqlite3.Row:
    """The version row, or StorageError when it (or its story) does not exist or was deleted."""
    row: sqlite3.Row | None = conn.execute(LIVE_VERSION_SQL, (version_id,)).fetchone()
    if row is None:
        raise StorageError(f"there is no version {version_id}")
    return row


def live_claim(conn: sqlite3.Connection, claim_id: int) -> sqlite3.Row:
    """The claim row (with its origin's version), or StorageError when it is gone."""
    row: sqlite3.Row | None = conn.execute(LIVE_CLAIM_SQL + " AND c.id = ?", (claim_id,)).fetchone()
    if row is None:
        raise StorageError(f"there is no claim {claim_id}")
    return row


def effective_base(conn: sqlite3.Connection, story_id: int) -> int | None:
    """The story's base if it is live, else its oldest live version, else None."""
    row = conn.execute(
        """SELECT v.id FROM version v JOIN story s ON s.id = v.story_id
           WHERE v.story_id = ? AND v.deleted_at IS NULL
           ORDER BY v.id = s.base_version_id DESC, v.id LIMIT 1""",
        (story_id,),
    ).fetchone()
    return None if row is None else int(row[0])


def check_span(text: str, start: int, end: int) -> str:
    """Return ``text[start:end]`` after checking ``0 <= start < end <= len(text)``."""
    for name, value in (("start", start), ("end", end)):
        if not isinstance(value, int) or isinstance(value, bool):
            raise StorageError(f"a span's {name} must be a whole number, not {value!r}")
    if not 0 <= start < end <= len(text):
        raise StorageError(
            f"the span {start}–{end} is not inside the text (0–{len(text)}) or is empty"
        )
    return text[start:end]


def check_status(value: str) -> str:
    """A claim's status as stored, from a stored value or an analyst's word (InputError)."""
    # Imported here: core.claims brings the drift lexicons, which opening a library never needs.
    from core.claims import parse_status

    return parse_status(value)


def check_id(value: int, what: str) -> int:
    """Reject ids that are not plain ints (bools and floats slip through SQLite otherwise)."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise StorageError(f"{what} must be a whole number, not {value!r}")
    return value


def optional_text(value: str | None, what: str, *, limit: int = 500) -> str | None:
    """Strip a short optional text field; empty becomes None."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise StorageError(f"{what} must be text, not {value!r}")
    value = value.strip()
    if len(value) > limit:
        raise StorageError(f"{what} is too long ({len(value)} characters; at most {limit})")
    return value or None


def required_text(value: str, what: str, *, limit: int = 500) -> str:
    """Strip a short required text field; empty is an error."""
    cleaned = optional_text(value, what, limit=limit)
    if cleaned is None:
        raise StorageError(f"{what} cannot be empty")
    return cleaned
