"""The claim label schema: names, colours and keyboard shortcuts.

A label in use cannot be deleted out from under its claims (the foreign key is
``ON DELETE RESTRICT``): :meth:`LabelsMixin.delete_label` moves them to another
label in the same transaction, or refuses and says how many claims use it.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable

from core.errors import StorageError
from core.storage.base import LibraryBase, optional_text, required_text
from core.storage.changes import NO_CHANGE, Change
from core.storage.db import utc_now
from core.storage.rows import UNSET, LabelRow, Unset

_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_SEEDED_KEY = "labels_seeded"


def _label_row(row: sqlite3.Row) -> LabelRow:
    return LabelRow(row["id"], row["name"], row["colour"], row["shortcut"], row["position"])


def _colour(value: str) -> str:
    if not isinstance(value, str) or not _COLOUR.fullmatch(value.strip()):
        raise StorageError(f"a label colour must look like #1f77b4, not {value!r}")
    return value.strip().lower()


def _require_label(conn: sqlite3.Connection, label_id: int) -> sqlite3.Row:
    row: sqlite3.Row | None = conn.execute(
        "SELECT * FROM label WHERE id = ?", (label_id,)
    ).fetchone()
    if row is None:
        raise StorageError(f"there is no label {label_id}")
    return row


def _check_free(
    conn: sqlite3.Connection, name: str | None, shortcut: str | None, except_id: int | None
) -> None:
    if name is not None:
        row = conn.execute(
            "SELECT name FROM label WHERE name = ? AND id IS NOT ?", (name, except_id)
        ).fetchone()
        if row is not None:
            raise StorageError(f"a label called {row['name']!r} already exists")
    if shortcut is not None:
        row = conn.execute(
            "SELECT name FROM label WHERE shortcut = ? AND id IS NOT ?", (shortcut, except_id)
        ).fetchone()
        if row is not None:
            raise StorageError(
                f"the shortcut {shortcut!r} is already used by the label {row['name']!r}"
            )


class LabelsMixin(LibraryBase):
    """Claim labels."""

    def add_label(
        self, name: str, colour: str, shortcut: str | None = None, *, label_id: int | None = None
    ) -> tuple[int, Change]:
        """Add a label; name and shortcut must be unique (ignoring case).

        ``label_id`` re-creates a deleted label with its old id (undo).
        """
        name = required_text(name, "a label's name", limit=100)
        colour = _colour(colour)
        shortcut = optional_text(shortcut, "a label's shortcut", limit=32)
        with self._db.transaction() as conn:
            _check_free(conn, name, shortcut, None)
            if (
                label_id is not None
                and conn.execute("SELECT 1 FROM label WHERE id = ?", (label_id,)).fetchone()
            ):
                raise StorageError(f"label {label_id} already exists")
            position = conn.execute("SELECT coalesce(max(position), -1) + 1 FROM label").fetchone()
            cur = conn.execute(
                "INSERT INTO label (id, name, colour, shortcut, position, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (label_id, name, colour, shortcut, position[0], utc_now()),
            )
            new_id = int(cur.lastrowid or 0)
        return new_id, Change.of(labels=[new_id])

    def update_label(
        self,
        label_id: int,
        *,
        name: str | None = None,
        colour: str | None = None,
        shortcut: str | Unset | None = UNSET,
        position: int | None = None,
    ) -> Change:
        """Edit a label; ``shortcut=None`` removes its shortcut, leaving it out keeps it."""
        updates: dict[str, object] = {}
        new_name = None if name is None else required_text(name, "a label's name", limit=100)
        new_shortcut = None
        if new_name is not None:
            updates["name"] = new_name
        if colour is not None:
            updates["colour"] = _colour(colour)
        if not isinstance(shortcut, Unset):
            new_shortcut = optional_text(shortcut, "a label's shortcut", limit=32)
            updates["shortcut"] = new_shortcut
        if position is not None:
            updates["position"] = int(position)
        if not updates:
            return NO_CHANGE
        with self._db.transaction() as conn:
            _require_label(conn, label_id)
            _check_free(conn, new_name, new_shortcut, label_id)
            assignments = ", ".join(f"{column} = ?" for column in updates)
            conn.execute(
                f"UPDATE label SET {assignments} WHERE id = ?", (*updates.values(), label_id)
            )
        return Change.of(labels=[label_id])

    def delete_label(self, label_id: int, *, reassign_to: int | None = None) -> Change:
        """Delete a label. Claims using it move to ``reassign_to``; without it, they block."""
        with self._db.transaction() as conn:
            label = _require_label(conn, label_id)
            claims = [
                r[0] for r in conn.execute("SELECT id FROM claim WHERE label_id = ?", (label_id,))
            ]
            if claims and reassign_to is None:
                raise StorageError(
                    f"the label {label['name']!r} is used by {len(claims)} claim(s); "
                    "choose a label to move them to before deleting it"
                )
            if claims:
                if reassign_to == label_id:
                    raise StorageError("cannot move claims to the label being deleted")
                _require_label(conn, int(reassign_to or 0))
                conn.execute(
                    "UPDATE claim SET label_id = ?, modified_at = ? WHERE label_id = ?",
                    (reassign_to, utc_now(), label_id),
                )
            conn.execute("DELETE FROM label WHERE id = ?", (label_id,))
        labels = [label_id] + ([reassign_to] if claims and reassign_to is not None else [])
        return Change.of(labels=labels, claims=claims)

    def get_label(self, label_id: int) -> LabelRow | None:
        """The label, or None."""
        with self._db.reading() as conn:
            row = conn.execute("SELECT * FROM label WHERE id = ?", (label_id,)).fetchone()
        return None if row is None else _label_row(row)

    def list_labels(self) -> list[LabelRow]:
        """All labels in their display order."""
        with self._db.reading() as conn:
            return [
                _label_row(r) for r in conn.execute("SELECT * FROM label ORDER BY position, id")
            ]

    def ensure_default_labels(self, defaults: Iterable[tuple[str, str, str | None]]) -> Change:
        """Add the default labels ``(name, colour, shortcut)`` once in a library's life.

        Later calls do nothing, so labels the analyst deleted stay deleted. A
        default whose name exists is skipped; one whose shortcut is taken is
        added without a shortcut.
        """
        wanted = [
            (
                required_text(n, "a label's name", limit=100),
                _colour(c),
                optional_text(s, "a label's shortcut", limit=32),
            )
            for n, c, s in defaults
        ]
        added: list[int] = []
        with self._db.transaction() as conn:
            if conn.execute("SELECT 1 FROM meta WHERE key = ?", (_SEEDED_KEY,)).fetchone():
                return NO_CHANGE
            for name, colour, shortcut in wanted:
                if conn.execute("SELECT 1 FROM label WHERE name = ?", (name,)).fetchone():
                    continue
                if (
                    shortcut
                    and conn.execute(
                        "SELECT 1 FROM label WHERE shortcut = ?", (shortcut,)
                    ).fetchone()
                ):
                    shortcut = None
                new_id, _ = self.add_label(name, colour, shortcut)
                added.append(new_id)
            conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (_SEEDED_KEY, utc_now()))
        return Change.of(labels=added)
