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
# Appearances in live versions, in the order of the (claim_id, version_id) index (no sort
# step); the claims they belong to are a subquery, or every claim when nothing is filtered.
_APPEARANCES_SQL = f"""
    SELECT a.id, a.claim_id, a.version_id, a.start_char, a.end_char, a.quote, a.prefix,
           a.suffix, a.origin, a.anchor, a.created_at
    FROM claim_appearance a
    WHERE a.version_id NOT IN ({DEAD_VERSIONS_SQL}) {{claims}}
    ORDER BY a.claim_id, a.version_id
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
            subquery = f"AND a.claim_id IN (SELECT c.id {source})" if where else ""
            for a in cur.execute(_APPEARANCES_SQL.format(claims=subquery), params):
                mine = found.get(a[1])
                if mine is not None:  # None: a hidden claim (its origin's version is deleted)
                    mine.append(
                        _make_appearance(
                            a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8] == 1, a[9], a[10]
                        )
                    )
        rows = []
        for c in claims:
            mine = found[c[0]]
            ordered = (mine[0],) if len(mine) == 1 else _in_version_order(mine, c[8])
            rows.append(_make_claim(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], ordered))
        return rows


def _in_version_order(
    appearances: list[AppearanceRow], base_id: int | None
) -> tuple[AppearanceRow, ...]:
    """Origin first, then the story's base, then the rest as given (in version id order)."""
    origin = next(a for a in appearances if a.origin)
    rest = [a for a in appearances if a is not origin]
    if len(rest) > 1:
        rest.sort(key=lambda a: a.version_id != base_id)  # stable: the others keep their order
    return (origin, *rest)
