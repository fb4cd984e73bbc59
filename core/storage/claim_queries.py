"""Reading claims with their appearances: two queries, however many claims.

A library can hold tens of thousands of appearances and the GUI lists them
all, so rows are fetched as plain tuples and built with
:func:`core.storage.rows.row_maker`.
"""

from __future__ import annotations

from core.storage.base import (
    DEAD_VERSIONS_SQL,
    LIVE_CLAIM_FROM,
    LIVE_CLAIM_WHERE,
    LibraryBase,
    check_status,
)
from core.storage.rows import AppearanceRow, ClaimRow, row_maker

_CLAIM_COLUMNS = (
    "c.id, c.story_id, c.label_id, c.status, c.note, c.author, c.created_at, c.modified_at, "
    "s.base_version_id"
)
# Appearances in live versions; each claim's origin first, then by version id.
_APPEARANCES_SQL = f"""
    SELECT a.id, a.claim_id, a.version_id, a.start_char, a.end_char, a.quote, a.prefix,
           a.suffix, a.origin = 1, a.anchor, a.created_at
    FROM claim_appearance a
    WHERE a.version_id NOT IN ({DEAD_VERSIONS_SQL}) AND a.claim_id IN ({{claims}})
    ORDER BY a.claim_id, a.origin DESC, a.version_id
"""
_make_appearance = row_maker(AppearanceRow)
_make_claim = row_maker(ClaimRow)


class ClaimQueriesMixin(LibraryBase):
    """Claims as rows."""

    def get_claim(self, claim_id: int) -> ClaimRow | None:
        """The claim, or None if it does not exist or its origin's version was deleted."""
        rows = self._claims(" AND c.id = ?", [claim_id], order="")
        return rows[0] if rows else None

    def list_claims(
        self,
        *,
        story_id: int | None = None,
        version_id: int | None = None,
        label_id: int | None = None,
        status: str | None = None,
    ) -> list[ClaimRow]:
        """Live claims, filtered by story, label, status, or a version they appear in.

        Ordered by where they appear in ``version_id`` when it is given (orphaned
        appearances last), else by story, origin version and position.
        """
        where, params = "", []
        for clause, value in (
            (" AND c.story_id = ?", story_id),
            (" AND c.label_id = ?", label_id),
            (" AND c.status = ?", None if status is None else check_status(status)),
        ):
            if value is not None:
                where += clause
                params.append(value)
        order = "c.story_id, o.version_id, o.start_char, c.id"
        if version_id is not None:
            where += f" AND f.version_id = ? AND f.version_id NOT IN ({DEAD_VERSIONS_SQL})"
            params.append(version_id)
            order = "f.start_char IS NULL, f.start_char, c.id"
        return self._claims(where, params, order=order, in_version=version_id is not None)

    def _claims(
        self, where: str, params: list[object], *, order: str, in_version: bool = False
    ) -> list[ClaimRow]:
        source = LIVE_CLAIM_FROM
        if in_version:
            source += " JOIN claim_appearance f ON f.claim_id = c.id"
        source += LIVE_CLAIM_WHERE + where
        with self._db.reading() as conn:
            cur = conn.cursor()
            cur.row_factory = None
            claims = cur.execute(
                f"SELECT {_CLAIM_COLUMNS} {source}" + (f" ORDER BY {order}" if order else ""),
                params,
            ).fetchall()
            if not claims:
                return []
            found: dict[int, list[AppearanceRow]] = {c[0]: [] for c in claims}
            sql = _APPEARANCES_SQL.format(claims=f"SELECT c.id {source}")
            for row in cur.execute(sql, params):
                found[row[1]].append(_make_appearance(*row))
        return [_make_claim(*c[:8], _in_version_order(found[c[0]], c[8])) for c in claims]


def _in_version_order(
    appearances: list[AppearanceRow], base_id: int | None
) -> tuple[AppearanceRow, ...]:
    """Origin first, then the story's base, then in import order (version id)."""
    for index in range(2, len(appearances)):
        if appearances[index].version_id == base_id:
            appearances.insert(1, appearances.pop(index))
            break
    return tuple(appearances)
