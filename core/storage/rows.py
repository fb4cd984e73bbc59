"""Plain, frozen rows the library hands out: no ORM objects, no open cursors."""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeVar

if TYPE_CHECKING:
    from core.anchoring import AnchorState

#: The statuses a claim can have, as stored; the schema's CHECK constraint lists the same
#: values (``core.claims.STATUS_WORDS`` gives the analysts' word for each).
CLAIM_STATUSES: tuple[str, ...] = ("open", "verified", "disputed", "refuted", "unverifiable")

OverrideKind = Literal["pin", "forbid"]
HitKind = Literal["version", "claim"]
#: How an appearance was found again after its version's text was replaced.
ANCHOR_STATES: tuple[AnchorState, ...] = ("exact", "moved", "fuzzy", "orphaned")


class Unset(enum.Enum):
    """Marker for "leave this field as it is" where ``None`` is a meaningful value."""

    UNSET = enum.auto()


UNSET = Unset.UNSET
_Row = TypeVar("_Row")


def row_maker(cls: type[_Row]) -> Callable[..., _Row]:
    """A positional constructor for a frozen, slotted row class, several times faster.

    A frozen dataclass sets every field through ``object.__setattr__``, which
    dominates reading tens of thousands of rows. This builds a mutable twin with
    the same slots, then gives the instance the frozen class (same memory
    layout, so Python allows it): the row that comes out is equal, hashes the
    same and is as frozen as one built by ``cls(...)``.
    """
    names = [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
    twin: Any = dataclasses.make_dataclass(f"_{cls.__name__}Fields", names, slots=True)
    set_class = object.__setattr__

    def make(*values: object) -> _Row:
        row = twin(*values)
        set_class(row, "__class__", cls)
        return row  # type: ignore[no-any-return]

    return make


@dataclass(frozen=True, slots=True)
class StoryRow:
    """A story: a named group of versions of one news item."""

    id: int
    title: str
    created_at: str
    version_count: int
    claim_count: int
    #: The base version (the hub of comparisons); None while the story has no versions.
    base_version_id: int | None


@dataclass(frozen=True, slots=True)
class VersionRow:
    """One stored version. ``text`` is normalised; every offset refers to it."""

    id: int
    story_id: int
    text: str
    content_hash: str
    source: str
    format: str
    encoding: str
    title: str | None
    outlet: str | None
    byline: str | None
    published: str | None
    imported_at: str
    word_count: int
    is_base: bool


@dataclass(frozen=True, slots=True)
class LabelRow:
    """A claim label: a name, a ``#rrggbb`` colour, an optional keyboard shortcut."""

    id: int
    name: str
    colour: str
    shortcut: str | None
    position: int
    description: str = ""


@dataclass(frozen=True, slots=True)
class AppearanceRow:
    """Where a claim appears in one version: ``quote`` is ``text[start:end]`` of it.

    ``prefix`` and ``suffix`` are the text around the quote (a W3C text-quote
    selector). ``origin`` marks the span the analyst tagged, the base of drift.
    ``anchor`` says how the span was found after the version's text was replaced:
    ``exact``, ``moved``, ``fuzzy``, or ``orphaned`` (not found: ``start`` and
    ``end`` are None and ``quote`` is the last text it had).
    """

    id: int
    claim_id: int
    version_id: int
    start: int | None
    end: int | None
    quote: str
    prefix: str
    suffix: str
    origin: bool
    anchor: AnchorState
    created_at: str


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """A claim tagged by hand, with its appearances: the origin first, then in version order.

    Only appearances in live versions are listed; a claim whose origin's version
    is deleted is hidden until that version is restored.
    """

    id: int
    story_id: int
    label_id: int | None
    status: str
    note: str
    author: str
    created_at: str
    modified_at: str
    appearances: tuple[AppearanceRow, ...]

    @property
    def origin(self) -> AppearanceRow:
        """The appearance the analyst tagged."""
        return self.appearances[0]

    def appearance_in(self, version_id: int) -> AppearanceRow | None:
        """The claim's appearance in a version, or None."""
        return next((a for a in self.appearances if a.version_id == version_id), None)


@dataclass(frozen=True, slots=True)
class EntityCorrectionRow:
    """An analyst's correction of one entity span; ``label`` None means "not an entity"."""

    id: int
    version_id: int
    start: int
    end: int
    quote: str
    label: str | None
    key: str | None
    created_at: str


@dataclass(frozen=True, slots=True)
class AlignmentOverrideRow:
    """A pinned or forbidden pairing of a base unit with a unit of another version."""

    base_version_id: int
    other_version_id: int
    base_unit: int
    other_unit: int
    kind: OverrideKind


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A full-text search result.

    ``snippet`` is plain text around the match; ``highlights`` are the half-open
    ranges of matched words inside ``snippet``.
    """

    kind: HitKind
    story_id: int
    story_title: str
    version_id: int
    claim_id: int | None
    snippet: str
    highlights: tuple[tuple[int, int], ...]
    score: float


@dataclass(frozen=True, slots=True)
class RevisionRow:
    """A text a version had before a corrected re-import replaced it."""

    id: int
    version_id: int
    text: str
    content_hash: str
    source: str
    format: str
    encoding: str
    replaced_at: str


@dataclass(frozen=True, slots=True)
class AnchorCounts:
    """How many spans were found exactly, moved, fuzzily, or not at all (orphaned)."""

    exact: int = 0
    moved: int = 0
    fuzzy: int = 0
    orphaned: int = 0

    @property
    def total(self) -> int:
        """Every span counted."""
        return self.exact + self.moved + self.fuzzy + self.orphaned


@dataclass(frozen=True, slots=True)
class ReanchorReport:
    """What replacing a version's text did to what hangs off it.

    Orphaned appearances are kept (flagged); orphaned entity corrections cannot
    point anywhere and are removed, listed here (their old text is in the
    revision). Alignment overrides whose unit indices no longer fit are removed.
    """

    version_id: int
    #: The revision keeping the old text; None when the text was already this one.
    revision_id: int | None
    appearances: AnchorCounts
    corrections: AnchorCounts
    orphaned_appearances: tuple[int, ...] = ()
    removed_corrections: tuple[EntityCorrectionRow, ...] = ()
    removed_overrides: tuple[AlignmentOverrideRow, ...] = ()
