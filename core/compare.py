"""The one analysis entry point: texts in, a frozen `Comparison` out."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from core import ENGINE_VERSION, SCHEMA
from core.align import Group, Overrides, align
from core.analysis import TextAnalysis, Token, from_docs
from core.changes import Side, may_differ, typed_changes
from core.collector import collector_paused
from core.corrections import EntityCorrection, corrected_analysis
from core.dates import DateReference, reference_date
from core.derive import derivation, takeaways
from core.entities import (
    acronym_aliases,
    entity_diff,
    entity_records,
    without_headline_noise,
)
from core.errors import CancelledError
from core.features import UnitFeatures, idf_of, lemma_counts, unit_features, unit_tokens
from core.quote_ledger import QuoteSide, complete_checks, quote_side
from core.quotes import check_quotes, quote_records
from core.records import (
    AlignedRow,
    Alignment,
    Comparison,
    EntityRecord,
    QuoteChecks,
    RowStatus,
    TypedChange,
    Version,
)
from core.segment import segment
from core.summary import summarise
from core.worddiff import diff_segments

if TYPE_CHECKING:
    from spacy.language import Language

Progress = Callable[[float, str], None]
_CREDIT_KINDS = frozenset({"dateline", "byline"})
ShouldStop = Callable[[], bool]


class TextSource(Protocol):
    """What the engine needs of an input (``core.textio.SourceText`` is one).

    A source may also have a ``published`` attribute (an ISO date string or a
    ``datetime.date``): relative dates are then read against it when the text has no
    dateline that says the year.
    """

    @property
    def source(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def content_hash(self) -> str: ...


@dataclass(frozen=True, slots=True)
class _Prepared:
    version: Version
    tokens_per_unit: list[list[Token]]
    features: list[UnitFeatures]
    #: ``features.lemma_counts`` of the features, for the idf of each pair of versions.
    lemma_counts: Counter[str]
    entity_starts: list[int]
    quote_side: QuoteSide
    reference: DateReference | None


def compare_versions(
    sources: Sequence[TextSource],
    *,
    model_name: str | None = None,
    overrides: Mapping[int, Overrides] | None = None,
    progress: Progress | None = None,
    should_stop: ShouldStop | None = None,
    nlp: Language | None = None,
    processes: int | None = None,
    corrections: Mapping[int, Sequence[EntityCorrection]] | None = None,
) -> Comparison:
    """Parse every version and compare each later one with the first (the base).

    ``processes`` caps the worker processes used to parse long texts (see
    ``core.nlp.parse_texts``).
    """
    from core.nlp import load_model, model_key, parse_texts

    step = _Steps(progress, should_stop)
    step(0.0, "Loading the language model")
    nlp = nlp or load_model(model_name)
    step(0.1, f"Parsing {len(sources)} versions")
    chunks = parse_texts(
        nlp, [s.text for s in sources], processes=processes, should_stop=should_stop
    )
    analyses = [from_docs(s.text, c) for s, c in zip(sources, chunks, strict=True)]
    return compare_analyses(
        sources, analyses, model=model_key(nlp), overrides=overrides, progress=step,
        corrections=corrections,
    )


def compare_analyses(
    sources: Sequence[TextSource],
    analyses: Sequence[TextAnalysis],
    *,
    model: str,
    overrides: Mapping[int, Overrides] | None = None,
    progress: Progress | None = None,
    should_stop: ShouldStop | None = None,
    corrections: Mapping[int, Sequence[EntityCorrection]] | None = None,
) -> Comparison:
    """Compare already parsed versions (the path a cached parse takes).

    One version gives its units, entities and quotes with nothing to align: a
    story's first import can be checked before a second version arrives.

    ``corrections`` are the analyst's entity corrections per version index.
    """
    if not sources:
        raise ValueError("a comparison needs at least one version")
    if corrections:
        analyses = [corrected_analysis(a, corrections.get(i, ())) for i, a in enumerate(analyses)]
    with collector_paused():
        return _compare_analyses(sources, analyses, model, overrides, progress, should_stop)


def _compare_analyses(
    sources: Sequence[TextSource],
    analyses: Sequence[TextAnalysis],
    model: str,
    overrides: Mapping[int, Overrides] | None,
    progress: Progress | None,
    should_stop: ShouldStop | None,
) -> Comparison:
    step = progress if isinstance(progress, _Steps) else _Steps(progress, should_stop)
    step(0.6, "Finding units, entities and quotes")
    aliases: dict[str, str] = {}
    for a in analyses:
        aliases.update(acronym_aliases(a.text, a.entities))
    prepared = [_prepare(s, a, aliases) for s, a in zip(sources, analyses, strict=True)]
    base = prepared[0]
    alignments, quote_checks, summaries = [], [], []
    lemma_of = _verb_lemmas(prepared)
    for index in range(1, len(prepared)):
        step(0.7 + 0.25 * index / len(prepared), f"Aligning version {index + 1}")
        other = prepared[index]
        alignment = _alignment(base, other, index, (overrides or {}).get(index))
        checks = QuoteChecks(
            index,
            complete_checks(
                check_quotes(
                    base.version.text, base.version.quotes,
                    other.version.text, other.version.quotes, lemma_of,
                ),
                base.quote_side, other.quote_side, alignment.rows,
            ),
        )  # fmt: skip
        alignments.append(alignment)
        quote_checks.append(checks)
        summaries.append(
            summarise(
                base.version.text, base.version.units,
                other.version.text, other.version.units, alignment, checks.rows,
            )
        )  # fmt: skip
    versions = tuple(p.version for p in prepared)
    step(1.0, "Done")
    return Comparison(
        schema=SCHEMA,
        engine_version=ENGINE_VERSION,
        model=model,
        versions=versions,
        alignments=tuple(alignments),
        quote_checks=tuple(quote_checks),
        entity_diff=entity_diff([v.text for v in versions], [v.entities for v in versions]),
        summary=tuple(summaries),
    )


def _verb_lemmas(prepared: Sequence[_Prepared]) -> dict[str, str]:
    """Lemma of each quote's reporting verb, by its casefolded text (for attribution checks)."""
    lemma_of: dict[str, str] = {}
    for p in prepared:
        side = p.quote_side
        for quote in p.version.quotes:
            if quote.verb_span is not None:
                index = bisect.bisect_left(side.token_starts, quote.verb_span.start)
                token = side.tokens[index]
                lemma_of.setdefault(token.text.casefold(), token.lemma)
    return lemma_of


def _prepare(source: TextSource, analysis: TextAnalysis, aliases: dict[str, str]) -> _Prepared:
    text = analysis.text
    units = segment(text, analysis.sentence_starts)
    entities = without_headline_noise(text, entity_records(text, analysis.entities, aliases), units)
    tokens_per_unit = unit_tokens(analysis.tokens, units)
    features = unit_features(text, units, tokens_per_unit, entities)
    counts = lemma_counts(features)
    quotes = quote_records(text, units, analysis.tokens, analysis.entities)
    version = Version(
        source=source.source,
        text=text,
        units=units,
        entities=entities,
        quotes=quotes,
        takeaways=takeaways(units, features, idf_of([counts], len(features))),
        content_hash=source.content_hash,
    )
    side = quote_side(text, units, quotes, analysis.tokens)
    dateline = next((text[u.start : u.end] for u in units if u.kind == "dateline"), None)
    reference = reference_date(dateline, getattr(source, "published", None))
    starts = [e.start for e in entities]
    return _Prepared(version, tokens_per_unit, features, counts, starts, side, reference)


def _alignment(
    base: _Prepared, other: _Prepared, index: int, overrides: Overrides | None
) -> Alignment:
    units = len(base.features) + len(other.features)
    idf = idf_of([base.lemma_counts, other.lemma_counts], units)
    groups = align(base.features, other.features, idf, overrides)
    rows = [_row(base, other, group) for group in groups]
    rows = _reading_order(rows)
    return Alignment(index, tuple(rows), derivation(rows, len(other.version.units)))


def _row(base: _Prepared, other: _Prepared, group: Group) -> AlignedRow:
    if not group.other:
        return AlignedRow(group.base, (), 0.0, "removed", changes=_credit_changes(base, group, 0))
    if not group.base:
        return AlignedRow((), group.other, 0.0, "added", changes=_credit_changes(other, group, 1))
    a, b = _side(base, group.base), _side(other, group.other)
    diff = diff_segments(a.text, a.segments, b.text, b.segments)
    identical = all(op.op == "equal" for op in diff)
    status: RowStatus = "moved" if group.moved else "identical" if identical else "changed"
    similarity = 1.0 if identical else round(group.similarity, 4)
    changed = [op for op in diff if op.op != "equal" and not op.minor]
    base_changed = [op.base for op in changed]
    other_changed = [op.other for op in changed]
    changes = (
        typed_changes(a, b)
        if changed and may_differ(a, b, base_changed, other_changed)
        else ()
    )
    return AlignedRow(group.base, group.other, similarity, status, diff, changes, group.pinned)


def _credit_changes(prepared: _Prepared, group: Group, side: int) -> tuple[TypedChange, ...]:
    """A dropped or added dateline or byline is a sourcing change in its own right."""
    units = group.base if side == 0 else group.other
    if prepared.version.units[units[0]].kind not in _CREDIT_KINDS:
        return ()
    present = _side(prepared, units)
    absent = Side(prepared.version.text, [], [], [])
    found = typed_changes(present, absent) if side == 0 else typed_changes(absent, present)
    return tuple(c for c in found if c.kind == "sourcing")


def _side(prepared: _Prepared, unit_indices: Sequence[int]) -> Side:
    units = [prepared.version.units[i] for i in unit_indices]
    if len(unit_indices) == 1:
        tokens = prepared.tokens_per_unit[unit_indices[0]]
    else:
        tokens = [t for i in unit_indices for t in prepared.tokens_per_unit[i]]
    return Side(
        prepared.version.text,
        tokens,
        _entities_within(prepared, units[0].start, units[-1].end),
        [(u.start, u.end) for u in units],
        prepared.reference,
    )


def _entities_within(prepared: _Prepared, start: int, end: int) -> list[EntityRecord]:
    entities = prepared.version.entities
    lo = bisect.bisect_left(prepared.entity_starts, start)
    hi = bisect.bisect_left(prepared.entity_starts, end)
    return [e for e in entities[lo:hi] if e.end <= end]


def _reading_order(rows: list[AlignedRow]) -> list[AlignedRow]:
    """Other version's order; a removed base unit goes after the row of its base predecessor."""
    row_of_base = {b: row for row in rows if row.other and row.status != "moved" for b in row.base}

    def key(row: AlignedRow) -> tuple[int, int, int]:
        if row.other:
            return (min(row.other), 0, 0)
        b = row.base[0]
        for previous in range(b - 1, -1, -1):
            anchor = row_of_base.get(previous)
            if anchor is not None:
                return (max(anchor.other), 1, b)
        return (-1, 1, b)

    return sorted(rows, key=key)


class _Steps:
    """Progress reporting that also honours cancellation between steps."""

    def __init__(self, progress: Progress | None, should_stop: ShouldStop | None) -> None:
        self._progress = progress
        self._should_stop = should_stop

    def __call__(self, fraction: float, message: str) -> None:
        if self._should_stop is not None and self._should_stop():
            raise CancelledError()
        if self._progress is not None:
            self._progress(fraction, message)
