"""Claim labels: names, colours, keyboard shortcuts and descriptions.

Each label obeys the rules of a label schema (:func:`core.label_schema.validate_labels`:
a ``#rrggbb`` colour, a one-key shortcut, a one-line description); names and
shortcuts are unique ignoring case. A label in use cannot be deleted out from
under its claims (the foreign key is ``ON DELETE RESTRICT``):
:meth:`LabelsMixin.delete_label` moves them to another label in the same
transaction, or refuses and says how many claims use it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from typing import TYPE_CHECKING

from core.errors import StorageError
from core.storage.base import LibraryBase, optional_text, required_text
from core.storage.changes import NO_CHANGE, Change
from core.storage.db import utc_now
from core.storage.rows import UNSET, LabelRow, Unset

if TYPE_CHECKING:
    # Imported where used: it brings pydantic, which opening a library does not need.
    from core.label_schema import LabelSpec


def label_row(row: sqlite3.Row) -> LabelRow:
    """A label row as handed out."""
    return LabelRow(
        row["id"], row["name"], row["colour"], row["shortcut"], row["position"], row["description"]
    )


def checked_spec(spec: LabelSpec) -> LabelSpec:
    """The label tidied as stored (name trimmed, colour lower-case), or InputError."""
    from core.label_schema import LabelSpec, validate_labels

    if not isinstance(spec.colour, str) or not isinstance(spec.description, str):
        raise StorageError(f"a label's colour and description must be text ({spec.name!r})")
    tidy = LabelSpec(
        required_text(spec.name, "a label's name", limit=100),
        spec.colour.strip().lower(),
        optional_text(spec.shortcut, "a label's shortcut", limit=32),
        spec.description,
        int(spec.position),
    )
    validate_labels([tidy])
    return tidy


def require_label(conn: sqlite3.Connection, label_id: int) -> sqlite3.Row:
    """The label's row, or StorageError."""
    row: sqlite3.Row | None = conn.execute(
        "SELECT * FROM label WHERE id = ?", (label_id,)
    ).fetchone()
    if row is None:
        raise StorageError(f"there is no label {label_id}")
    return row


def check_free(
    conn: sqlite3.Connection, name: str | None, shortcut: str | None, except_id: int | None
) -> None:
    """Refuse a name or shortcut another label has (ignoring case)."""
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


def insert_label(conn: sqlite3.Connection, spec: LabelSpec, label_id: int | None = None) -> int:
    """Insert a checked label (uniqueness checked by the caller)."""
    cur = conn.execute(
        "INSERT INTO label (id, name, colour, shortcut, position, description, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            label_id,
            spec.name,
            spec.colour,
            spec.shortcut,
            spec.position,
            spec.description,
            utc_now(),
        ),
    )
    return int(cur.lastrowid or 0)


def _spec(
    name: str, colour: str, shortcut: str | None, description: str, position: int
) -> LabelSpec:
    from core.label_schema import LabelSpec

    return LabelSpec(name, colour, shortcut, description, position)


def _spec_of(row: sqlite3.Row) -> LabelSpec:
    return _spec(row["name"], row["colour"], row["shortcut"], row["description"], row["position"])


class LabelsMixin(LibraryBase):
    """Claim labels."""

    def add_label(
        self,
        name: str,
        colour: str,
        shortcut: str | None = None,
        *,
        description: str = "",
        label_id: int | None = None,
    ) -> tuple[int, Change]:
        """Add a label at the end of the list; name and shortcut must be unique (ignoring case).

        ``label_id`` re-creates a deleted label with its old id (undo).
        """
        with self._db.transaction() as conn:
            position = conn.execute("SELECT coalesce(max(position), -1) + 1 FROM label").fetchone()
            spec = checked_spec(_spec(name, colour, shortcut, description, position[0]))
            check_free(conn, spec.name, spec.shortcut, None)
            if (
                label_id is not None
                and conn.execute("SELECT 1 FROM label WHERE id = ?", (label_id,)).fetchone()
            ):
                raise StorageError(f"label {label_id} already exists")
            new_id = insert_label(conn, spec, label_id)
        return new_id, Change.of(labels=[new_id])

    def update_label(
        self,
        label_id: int,
        *,
        name: str | None = None,
        colour: str | None = None,
        shortcut: str | Unset | None = UNSET,
        position: int | None = None,
        description: str | None = None,
    ) -> Change:
        """Edit a label; ``shortcut=None`` removes its shortcut, leaving it out keeps it."""
        asked = {
            "name": name,
            "colour": colour,
            "position": position,
            "description": description,
        }
        updates = {field: value for field, value in asked.items() if value is not None}
        if not isinstance(shortcut, Unset):
            updates["shortcut"] = shortcut
        if not updates:
            return NO_CHANGE
        with self._db.transaction() as conn:
            spec = checked_spec(replace(_spec_of(require_label(conn, label_id)), **updates))
            check_free(conn, spec.name, spec.shortcut, label_id)
            conn.execute(
                "UPDATE label SET name = ?, colour = ?, shortcut = ?, position = ?, "
                "description = ? WHERE id = ?",
                (spec.name, spec.colour, spec.shortcut, spec.position, spec.description, label_id),
            )
        return Change.of(labels=[label_id])

    def delete_label(self, label_id: int, *, reassign_to: int | None = None) -> Change:
        """Delete a label. Claims using it move to ``reassign_to``; without it, they block."""
        with self._db.transaction() as conn:
            label = require_label(conn, label_id)
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
                require_label(conn, int(reassign_to or 0))
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
        return None if row is None else label_row(row)

    def find_label(self, name: str) -> LabelRow | None:
        """The label with this name (ignoring case), or None."""
        with self._db.reading() as conn:
            row = conn.execute("SELECT * FROM label WHERE name = ?", (name.strip(),)).fetchone()
        return None if row is None else label_row(row)

    def list_labels(self) -> list[LabelRow]:
        """All labels in their display order."""
        with self._db.reading() as conn:
            return [label_row(r) for r in conn.execute("SELECT * FROM label ORDER BY position, id")]
