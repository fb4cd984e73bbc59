"""The analyst's corrections to recognised entities, one per span of a version."""

from __future__ import annotations

import sqlite3

from core.errors import StorageError
from core.storage.base import LibraryBase, check_id, check_span, live_version, optional_text
from core.storage.changes import NO_CHANGE, Change
from core.storage.db import utc_now
from core.storage.rows import EntityCorrectionRow


def _correction_row(row: sqlite3.Row) -> EntityCorrectionRow:
    return EntityCorrectionRow(
        row["id"],
        row["version_id"],
        row["start_char"],
        row["end_char"],
        row["quote"],
        row["label"],
        row["entity_key"],
        row["created_at"],
    )


class CorrectionsMixin(LibraryBase):
    """Entity corrections."""

    def add_entity_correction(
        self,
        version_id: int,
        start: int,
        end: int,
        label: str | None,
        key: str | None = None,
        *,
        correction_id: int | None = None,
    ) -> tuple[int, Change]:
        """Record that ``text[start:end]`` is an entity of ``label`` (None: not an entity).

        ``key`` overrides the canonical key that groups the entity across
        versions. A second correction of the same span replaces the first (same
        id). ``correction_id`` re-creates a deleted correction under its old id.
        """
        label = optional_text(label, "an entity label", limit=64)
        key = optional_text(key, "an entity key")
        with self._db.transaction() as conn:
            quote = check_span(live_version(conn, version_id)["text"], start, end)
            existing = conn.execute(
                "SELECT id FROM entity_correction WHERE version_id = ? AND start_char = ? "
                "AND end_char = ?",
                (version_id, start, end),
            ).fetchone()
            if existing is not None:
                conn.execute(
                    "UPDATE entity_correction SET label = ?, entity_key = ? WHERE id = ?",
                    (label, key, existing["id"]),
                )
                return int(existing["id"]), Change.of(corrections=[version_id])
            if (
                correction_id is not None
                and conn.execute(
                    "SELECT 1 FROM entity_correction WHERE id = ?",
                    (check_id(correction_id, "a correction id"),),
                ).fetchone()
            ):
                raise StorageError(f"entity correction {correction_id} already exists")
            cur = conn.execute(
                """INSERT INTO entity_correction (id, version_id, start_char, end_char, quote,
                   label, entity_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                (correction_id, version_id, start, end, quote, label, key, utc_now()),
            )
            new_id = int(cur.lastrowid or 0)
        return new_id, Change.of(corrections=[version_id])

    def delete_entity_correction(self, correction_id: int) -> Change:
        """Remove a correction; the entity goes back to what the model found."""
        with self._db.transaction() as conn:
            row = conn.execute(
                "SELECT version_id FROM entity_correction WHERE id = ?", (correction_id,)
            ).fetchone()
            if row is None:
                return NO_CHANGE
            conn.execute("DELETE FROM entity_correction WHERE id = ?", (correction_id,))
        return Change.of(corrections=[row["version_id"]])

    def list_entity_corrections(self, version_id: int) -> list[EntityCorrectionRow]:
        """The corrections of one version in text order."""
        with self._db.reading() as conn:
            rows = conn.execute(
                "SELECT * FROM entity_correction WHERE version_id = ? ORDER BY start_char, id",
                (version_id,),
            )
            return [_correction_row(r) for r in rows]
