"""Stories and their versions: import, base choice, soft deletion and restoring.

Deleting a story or a version only marks it (``deleted_at``); everything hanging
off it (claims, corrections, cached analyses) stays, so ``restore_*``
brings it back with the same ids, as the GUI's undo needs. ``purge_deleted``
removes marked rows for good, and the foreign keys cascade from there.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime, timedelta

from core.errors import StorageError
from core.storage.base import (
    DEAD_VERSIONS_SQL,
    LibraryBase,
    check_id,
    effective_base,
    live_story,
    live_version,
    optional_text,
    required_text,
)
from core.storage.changes import NO_CHANGE, Change
from core.storage.db import utc_now
from core.storage.migrations import count_words
from core.storage.rows import UNSET, StoryRow, Unset, VersionRow
from core.textio import SourceText, content_hash

_STORY_SELECT = f"""
    SELECT s.id, s.title, s.created_at,
        (SELECT count(*) FROM version v
         WHERE v.story_id = s.id AND v.deleted_at IS NULL) AS version_count,
        (SELECT count(*) FROM claim c
         JOIN claim_appearance o ON o.claim_id = c.id AND o.origin = 1
         WHERE c.story_id = s.id AND o.version_id NOT IN ({DEAD_VERSIONS_SQL})) AS claim_count,
        coalesce(
            (SELECT v.id FROM version v WHERE v.id = s.base_version_id AND v.deleted_at IS NULL),
            (SELECT min(v.id) FROM version v WHERE v.story_id = s.id AND v.deleted_at IS NULL)
        ) AS base_version_id
    FROM story s WHERE s.deleted_at IS NULL
"""


def _story_row(row: sqlite3.Row) -> StoryRow:
    return StoryRow(
        row["id"],
        row["title"],
        row["created_at"],
        row["version_count"],
        row["claim_count"],
        row["base_version_id"],
    )


def _version_row(row: sqlite3.Row, base_id: int | None) -> VersionRow:
    return VersionRow(
        id=row["id"],
        story_id=row["story_id"],
        text=row["text"],
        content_hash=row["content_hash"],
        source=row["source"],
        format=row["format"],
        encoding=row["encoding"],
        title=row["title"],
        outlet=row["outlet"],
        byline=row["byline"],
        published=row["published"],
        imported_at=row["imported_at"],
        word_count=row["word_count"],
        is_base=row["id"] == base_id,
    )


def _published(value: str | None) -> str | None:
    value = optional_text(value, "the published date", limit=64)
    if value is not None:
        try:
            datetime.fromisoformat(value)
        except ValueError:
            raise StorageError(
                f"the published date {value!r} is not an ISO 8601 date (e.g. 2024-05-17)"
            ) from None
    return value


class StoriesMixin(LibraryBase):
    """Stories and versions."""

    # Stories

    def add_story(self, title: str) -> tuple[int, Change]:
        """Create a story; its title must not match (ignoring case) another story's."""
        title = required_text(title, "a story's title")
        with self._db.transaction() as conn:
            self._check_title_free(conn, title)
            cur = conn.execute(
                "INSERT INTO story (title, created_at) VALUES (?, ?)", (title, utc_now())
            )
            story_id = int(cur.lastrowid or 0)
        return story_id, Change.of(stories=[story_id])

    def ensure_story(self, title: str) -> tuple[int, bool, Change]:
        """The story with this title (ignoring case), created if missing: (id, created, change)."""
        title = required_text(title, "a story's title")
        with self._db.transaction() as conn:
            row = conn.execute(
                "SELECT id FROM story WHERE title = ? COLLATE NOCASE AND deleted_at IS NULL",
                (title,),
            ).fetchone()
            if row is not None:
                return int(row["id"]), False, NO_CHANGE
            story_id, change = self.add_story(title)
        return story_id, True, change

    def rename_story(self, story_id: int, title: str) -> Change:
        """Give a story a new title (unique, ignoring case)."""
        title = required_text(title, "a story's title")
        with self._db.transaction() as conn:
            live_story(conn, story_id)
            self._check_title_free(conn, title, except_id=story_id)
            conn.execute("UPDATE story SET title = ? WHERE id = ?", (title, story_id))
        return Change.of(stories=[story_id])

    def delete_story(self, story_id: int) -> Change:
        """Mark a story deleted (its versions and claims stay, for :meth:`restore_story`)."""
        with self._db.transaction() as conn:
            live_story(conn, story_id)
            conn.execute("UPDATE story SET deleted_at = ? WHERE id = ?", (utc_now(), story_id))
        return Change.of(stories=[story_id])

    def restore_story(self, story_id: int) -> Change:
        """Undo :meth:`delete_story`: the story comes back with the same id and content."""
        with self._db.transaction() as conn:
            row = conn.execute(
                "SELECT title FROM story WHERE id = ? AND deleted_at IS NOT NULL", (story_id,)
            ).fetchone()
            if row is None:
                raise StorageError(f"there is no deleted story {story_id} to restore")
            self._check_title_free(conn, row["title"])
            conn.execute("UPDATE story SET deleted_at = NULL WHERE id = ?", (story_id,))
        return Change.of(stories=[story_id])

    def get_story(self, story_id: int) -> StoryRow | None:
        """The story, or None if it does not exist or was deleted."""
        with self._db.reading() as conn:
            row = conn.execute(_STORY_SELECT + " AND s.id = ?", (story_id,)).fetchone()
        return None if row is None else _story_row(row)

    def find_story(self, title: str) -> StoryRow | None:
        """The live story with this title (ignoring case), or None."""
        with self._db.reading() as conn:
            row = conn.execute(
                _STORY_SELECT + " AND s.title = ? COLLATE NOCASE", (title.strip(),)
            ).fetchone()
        return None if row is None else _story_row(row)

    def list_stories(self) -> list[StoryRow]:
        """All live stories in creation order, with version and claim counts."""
        with self._db.reading() as conn:
            return [_story_row(r) for r in conn.execute(_STORY_SELECT + " ORDER BY s.id")]

    # Versions

    def add_version(
        self,
        story_id: int,
        source_text: SourceText,
        *,
        outlet: str | None = None,
        byline: str | None = None,
        published: str | None = None,
        make_base: bool = False,
    ) -> tuple[int, bool, Change]:
        """Store a version in a story unless the story already has this exact text.

        Returns ``(version_id, created, change)``; ``created`` is False when the
        text was already in the story (its id is returned, nothing is stored).
        The story's first version becomes its base; ``make_base`` makes this one it.
        """
        with self._db.transaction() as conn:
            return self._add_version(
                conn, story_id, source_text, outlet, byline, published, make_base
            )

    def add_versions(
        self, story_id: int, sources: Sequence[SourceText], *, outlet: str | None = None
    ) -> tuple[list[tuple[int, bool]], Change]:
        """Store several versions in one transaction: all of them or none."""
        results: list[tuple[int, bool]] = []
        change = NO_CHANGE
        with self._db.transaction() as conn:
            for source in sources:
                version_id, created, one = self._add_version(
                    conn, story_id, source, outlet, None, None, False
                )
                results.append((version_id, created))
                change |= one
        return results, change

    def _add_version(
        self,
        conn: sqlite3.Connection,
        story_id: int,
        source: SourceText,
        outlet: str | None,
        byline: str | None,
        published: str | None,
        make_base: bool,
    ) -> tuple[int, bool, Change]:
        story = live_story(conn, check_id(story_id, "a story id"))
        if not source.text:
            raise StorageError(f"{source.source}: has no text to store")
        digest = content_hash(source.text)
        if source.content_hash and source.content_hash != digest:
            raise StorageError(f"{source.source}: its content hash does not match its text")
        fields = (
            optional_text(outlet, "the outlet"),
            optional_text(byline, "the byline"),
            _published(published),
        )
        row = conn.execute(
            "SELECT id FROM version WHERE story_id = ? AND content_hash = ? AND deleted_at IS NULL",
            (story_id, digest),
        ).fetchone()
        created = row is None
        if row is None:
            cur = conn.execute(
                """INSERT INTO version (story_id, text, content_hash, source, format, encoding,
                   title, outlet, byline, published, imported_at, word_count)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    story_id,
                    source.text,
                    digest,
                    source.source,
                    source.format,
                    source.encoding,
                    source.title,
                    *fields,
                    utc_now(),
                    count_words(source.text),
                ),
            )
            version_id = int(cur.lastrowid or 0)
        else:
            version_id = int(row["id"])
        if make_base or story["base_version_id"] is None:
            conn.execute(
                "UPDATE story SET base_version_id = ? WHERE id = ?", (version_id, story_id)
            )
        changed = created or (make_base and story["base_version_id"] != version_id)
        change = Change.of(stories=[story_id], versions=[version_id]) if changed else NO_CHANGE
        return version_id, created, change

    def get_version(self, version_id: int) -> VersionRow | None:
        """The version, or None if it does not exist or was deleted (or its story was)."""
        with self._db.reading() as conn:
            try:
                row = live_version(conn, version_id)
            except StorageError:
                return None
            return _version_row(row, effective_base(conn, row["story_id"]))

    def list_versions(self, story_id: int) -> list[VersionRow]:
        """The story's live versions: the base first, then in import order."""
        with self._db.reading() as conn:
            live_story(conn, story_id)
            base = effective_base(conn, story_id)
            rows = conn.execute(
                """SELECT * FROM version WHERE story_id = ? AND deleted_at IS NULL
                   ORDER BY id = ? DESC, id""",
                (story_id, base),
            ).fetchall()
        return [_version_row(r, base) for r in rows]

    def set_base(self, story_id: int, version_id: int) -> Change:
        """Make a version of the story its base (the hub every comparison starts from)."""
        with self._db.transaction() as conn:
            live_story(conn, story_id)
            if live_version(conn, version_id)["story_id"] != story_id:
                raise StorageError(f"version {version_id} is not part of story {story_id}")
            conn.execute(
                "UPDATE story SET base_version_id = ? WHERE id = ?", (version_id, story_id)
            )
        return Change.of(stories=[story_id], versions=[version_id])

    def update_version(
        self,
        version_id: int,
        *,
        outlet: str | Unset | None = UNSET,
        byline: str | Unset | None = UNSET,
        published: str | Unset | None = UNSET,
    ) -> Change:
        """Edit a version's outlet, byline or published date (not its text: see revisions)."""
        updates: dict[str, str | None] = {}
        if not isinstance(outlet, Unset):
            updates["outlet"] = optional_text(outlet, "the outlet")
        if not isinstance(byline, Unset):
            updates["byline"] = optional_text(byline, "the byline")
        if not isinstance(published, Unset):
            updates["published"] = _published(published)
        if not updates:
            return NO_CHANGE
        with self._db.transaction() as conn:
            live_version(conn, version_id)
            assignments = ", ".join(f"{column} = ?" for column in updates)
            conn.execute(
                f"UPDATE version SET {assignments} WHERE id = ?", (*updates.values(), version_id)
            )
        return Change.of(versions=[version_id], properties=[version_id])

    def delete_version(self, version_id: int) -> Change:
        """Mark a version deleted (its claims stay, for :meth:`restore_version`).

        If it was the base, the oldest remaining version stands in until the
        version is restored or another base is chosen.
        """
        with self._db.transaction() as conn:
            story_id = live_version(conn, version_id)["story_id"]
            conn.execute("UPDATE version SET deleted_at = ? WHERE id = ?", (utc_now(), version_id))
        return Change.of(stories=[story_id], versions=[version_id])

    def restore_version(self, version_id: int) -> Change:
        """Undo :meth:`delete_version`: same id, same claims, base again if it was."""
        with self._db.transaction() as conn:
            row = conn.execute(
                "SELECT story_id, content_hash FROM version "
                "WHERE id = ? AND deleted_at IS NOT NULL",
                (version_id,),
            ).fetchone()
            if row is None:
                raise StorageError(f"there is no deleted version {version_id} to restore")
            live_story(conn, row["story_id"])
            twin = conn.execute(
                "SELECT id FROM version WHERE story_id = ? AND content_hash = ? "
                "AND deleted_at IS NULL",
                (row["story_id"], row["content_hash"]),
            ).fetchone()
            if twin is not None:
                raise StorageError(
                    f"cannot restore version {version_id}: version {twin['id']} has the same text"
                )
            conn.execute("UPDATE version SET deleted_at = NULL WHERE id = ?", (version_id,))
        return Change.of(stories=[row["story_id"]], versions=[version_id])

    def purge_deleted(self, *, older_than: timedelta | None = None) -> Change:
        """Remove deleted stories and versions for good (those deleted before ``older_than`` ago).

        Their claims, links, corrections and cached analyses go with them.
        """
        cutoff = utc_now()
        if older_than is not None:
            cutoff = (
                (datetime.fromisoformat(cutoff) - older_than)
                .isoformat(timespec="milliseconds")
                .replace("+00:00", "Z")
            )
        with self._db.transaction() as conn:
            stories = [
                r[0] for r in conn.execute("SELECT id FROM story WHERE deleted_at <= ?", (cutoff,))
            ]
            versions = [
                r[0]
                for r in conn.execute(
                    "SELECT id FROM version WHERE deleted_at <= ? OR story_id IN "
                    "(SELECT id FROM story WHERE deleted_at <= ?)",
                    (cutoff, cutoff),
                )
            ]
            conn.execute("DELETE FROM version WHERE deleted_at <= ?", (cutoff,))
            conn.execute("DELETE FROM story WHERE deleted_at <= ?", (cutoff,))
        return Change.of(stories=stories, versions=versions)

    @staticmethod
    def _check_title_free(
        conn: sqlite3.Connection, title: str, *, except_id: int | None = None
    ) -> None:
        row = conn.execute(
            "SELECT id, title FROM story WHERE title = ? COLLATE NOCASE "
            "AND deleted_at IS NULL AND id IS NOT ?",
            (title, except_id),
        ).fetchone()
        if row is not None:
            raise StorageError(
                f"a story called {row['title']!r} already exists (story {row['id']})"
            )
