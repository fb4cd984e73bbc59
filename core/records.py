"""Plain, frozen records: the comparison engine's results, free of spaCy and Qt.

Every span is a half-open range ``[start, end)`` of Unicode code points into the
normalised text of one version (``Version.text``). Qt widgets count UTF-16 code
units, so the GUI converts (``ui`` does, never ``core``).

The JSON form of these records is the contract in ``docs/comparison-schema.md``;
``core.contract`` converts in both directions.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any, Literal, TypeVar

UnitKind = Literal["headline", "label", "bullet", "dateline", "byline", "sentence"]
RowStatus = Literal["identical", "changed", "moved", "added", "removed"]
Derivation = Literal["verbatim", "rewritten", "new"]
OpKind = Literal["equal", "insert", "delete", "replace"]
#: ``paraphrased``: a base quote the other version reports without quotation marks (direct
#: speech become reported speech); ``unquoted_in_base``: a quote of the other version whose
#: words the base states without quotation marks (a letter's text, then quoted).
QuoteStatus = Literal[
    "verbatim", "altered", "added", "removed", "paraphrased", "unquoted_in_base"
]
ChangeKind = Literal["number", "date", "hedge", "negation", "sourcing", "attribution"]
#: ``reworded``: different words for the same thing (a relative date that resolves to the
#: same date, read from the dateline or the publication date).
ChangeDirection = Literal["added", "removed", "changed", "reworded"]


R = TypeVar("R")


def pickled_by_fields(cls: type[R]) -> type[R]:
    """Pickle the frozen, slotted dataclass ``cls`` as its constructor and its fields.

    Such a dataclass's own pickling calls ``fields()`` for every object: a 50,000-word
    pair's first look (75,000 records), sent from the process that made it, was dumped
    in 216 ms and loaded in 233 ms that way.
    """
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    state = attrgetter(*names)

    def __reduce__(self: Any) -> tuple[type[R], tuple[Any, ...]]:
        values = state(self)
        return cls, (values if len(names) > 1 else (values,))

    cls.__reduce__ = __reduce__  # type: ignore[assignment,method-assign]
    return cls


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range in one version's text."""

    start: int
    end: int


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Unit:
    """A sentence, or a line that stands alone (headline, label, bullet, dateline)."""

    start: int
    end: int
    kind: UnitKind
    paragraph: int


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class EntityRecord:
    """A named entity; ``key`` is canonical, so variants of one name meet across versions."""

    start: int
    end: int
    label: str
    key: str


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class QuoteRecord:
    """A quoted passage (the words inside the marks) and who said it, when the text says."""

    start: int
    end: int
    speaker: str | None
    verb: str | None
    speaker_span: Span | None = None
    verb_span: Span | None = None
    nested_in: int | None = None


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Takeaway:
    """A headline or bullet line and the body sentences of its version that support it."""

    unit: int
    supported_by: tuple[int, ...]
    score: float


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Version:
    """One version of a story, normalised and analysed."""

    source: str
    text: str
    units: tuple[Unit, ...]
    entities: tuple[EntityRecord, ...]
    quotes: tuple[QuoteRecord, ...]
    takeaways: tuple[Takeaway, ...] = ()
    content_hash: str = ""


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class DiffOp:
    """One word-level edit; ``base``/``other`` are absolute spans in each version's text.

    The ops of a row, read in order, rebuild the base text of the row from their
    ``base`` spans and the other text from their ``other`` spans. ``minor`` marks a
    change of case or punctuation only.
    """

    op: OpKind
    base: Span
    other: Span
    minor: bool = False


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class TypedChange:
    """A change analysts hunt for: numbers, dates, hedges, negation, sourcing, attribution."""

    kind: ChangeKind
    direction: ChangeDirection
    base_spans: tuple[Span, ...]
    other_spans: tuple[Span, ...]
    base_text: str
    other_text: str
    #: Why, when the words alone do not say: "June 2025 → June 2026, read from the dateline".
    note: str = ""


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class AlignedRow:
    """Base units aligned to other units (either side may be empty), with their word diff."""

    base: tuple[int, ...]
    other: tuple[int, ...]
    similarity: float
    status: RowStatus
    diff: tuple[DiffOp, ...] = ()
    changes: tuple[TypedChange, ...] = ()
    pinned: bool = False


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Alignment:
    """How one other version aligns to the base; ``derivation`` has one class per other unit."""

    other: int
    rows: tuple[AlignedRow, ...]
    derivation: tuple[Derivation, ...]


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class AttributionChange:
    """Who said a quote, or with what verb, changed between versions."""

    base_speaker: str | None
    other_speaker: str | None
    base_verb: str | None
    other_verb: str | None


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class QuoteCheck:
    """A quote of the base matched (or not) to a quote of the other version.

    ``base_span`` / ``other_span`` point at the unquoted words a quote corresponds to on
    the side that has no quote (``unquoted_in_base``: the base words; ``paraphrased``: the
    other version's reported speech).
    """

    base_quote: int | None
    other_quote: int | None
    status: QuoteStatus
    similarity: float
    diff: tuple[DiffOp, ...] = ()
    attribution: AttributionChange | None = None
    base_span: Span | None = None
    other_span: Span | None = None


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class QuoteChecks:
    """Quote checks of one other version against the base."""

    other: int
    rows: tuple[QuoteCheck, ...]


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class EntityDiffRow:
    """One canonical entity: its label, how often each version mentions it, where it is missing."""

    key: str
    label: str
    text: str
    counts: tuple[int, ...]
    missing_in: tuple[int, ...]


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class OtherSummary:
    """Headline figures for one other version against the base."""

    other: int
    similarity: float
    reuse_share: float
    verbatim_share: float
    status_counts: dict[str, int] = field(default_factory=dict)
    change_counts: dict[str, int] = field(default_factory=dict)
    derivation_counts: dict[str, int] = field(default_factory=dict)
    quote_counts: dict[str, int] = field(default_factory=dict)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Comparison:
    """Everything the engine found; the base is ``versions[0]``."""

    schema: str
    engine_version: str
    model: str
    versions: tuple[Version, ...]
    alignments: tuple[Alignment, ...]
    quote_checks: tuple[QuoteChecks, ...]
    entity_diff: tuple[EntityDiffRow, ...]
    summary: tuple[OtherSummary, ...]
