"""Plain, frozen rows the library hands out: no ORM objects, no open cursors."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Literal

#: The statuses a claim can have; the schema's CHECK constraint lists the same values.
CLAIM_STATUSES: tuple[str, ...] = ("open", "verified", "disputed", "refuted", "unverifiable")

OverrideKind = Literal["pin", "forbid"]
HitKind = Literal["version", "claim"]


class Unset(enum.Enum):
    """Marker for "leave this field as it is" where ``None`` is a meaningful value."""

    UNSET = enum.auto()


UNSET = Unset.UNSET


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
    """A claim label: a name, a ``#rrggbb`` colour and an optional keyboard shortcut."""

    id: int
    name: str
    colour: str
    shortcut: str | None
    position: int


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """A claim tagged by hand: ``quote`` is ``text[start:end]`` of its version."""

    id: int
    version_id: int
    story_id: int
    start: int
    end: int
    quote: str
    label_id: int | None
    status: str
    note: str
    created_at: str
    modified_at: str


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
