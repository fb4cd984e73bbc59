"""Hand-built Comparison records for view tests (no spaCy, no engine).

``make_version`` joins sentences into paragraphs and records their offsets;
``make_row`` diffs two groups of units word by word (tokens own their trailing
spaces, so the ops tile both sides as the engine's do); ``make_comparison``
fills in the entity diff. ``fire_story`` is a small three-version story with every
row status, a typed change, an altered quote and entities.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from core.records import (
    AlignedRow,
    Alignment,
    AttributionChange,
    Comparison,
    DiffOp,
    EntityDiffRow,
    EntityRecord,
    QuoteCheck,
    QuoteChecks,
    QuoteRecord,
    Span,
    TypedChange,
    Unit,
    Version,
)

_QUOTE = re.compile(r"“([^”]+)”")
_TOKEN = re.compile(r"\S+\s*")


def make_version(source: str, paragraphs: Sequence[Sequence[str]],
                 entities: Sequence[tuple[str, str, str]] = ()) -> Version:
    """A version from paragraphs of sentences; entities are (surface, label, key)."""
    text = "\n\n".join(" ".join(p) for p in paragraphs)
    units: list[Unit] = []
    cursor = 0
    for number, paragraph in enumerate(paragraphs):
        for sentence in paragraph:
            start = text.index(sentence, cursor)
            cursor = start + len(sentence)
            kind = "headline" if number == 0 and len(paragraphs) > 1 else "sentence"
            units.append(Unit(start, cursor, kind, number))
    quotes = tuple(QuoteRecord(m.start(1), m.end(1), None, None) for m in _QUOTE.finditer(text))
    ents = sorted((
        EntityRecord(m.start(), m.end(), label, key)
        for surface, label, key in entities
        for m in re.finditer(re.escape(surface), text)
    ), key=lambda e: (e.start, e.end))
    return Version(source, text, tuple(units), tuple(ents), quotes)


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(start + m.start(), start + m.end(), m.group().strip())
            for m in _TOKEN.finditer(text[start:end])]


def word_diff(base_text: str, base_span: tuple[int, int], other_text: str,
              other_span: tuple[int, int]) -> tuple[DiffOp, ...]:
    """Word ops whose spans tile both spans (a small stand-in for core.worddiff)."""
    a = _tokens(base_text, *base_span)
    b = _tokens(other_text, *other_span)
    matcher = SequenceMatcher(None, [t[2] for t in a], [t[2] for t in b], autojunk=False)
    ops: list[DiffOp] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        bs = Span(a[i1][0] if i1 < i2 else (a[i1][0] if i1 < len(a) else base_span[1]),
                  a[i2 - 1][1] if i1 < i2 else (a[i1][0] if i1 < len(a) else base_span[1]))
        os_ = Span(b[j1][0] if j1 < j2 else (b[j1][0] if j1 < len(b) else other_span[1]),
                   b[j2 - 1][1] if j1 < j2 else (b[j1][0] if j1 < len(b) else other_span[1]))
        ops.append(DiffOp(tag, bs, os_))  # type: ignore[arg-type]
    return tuple(ops)


def _group_span(version: Version, units: Sequence[int]) -> tuple[int, int]:
    return version.units[min(units)].start, version.units[max(units)].end


def typed_change(base: Version, other: Version, kind: str, direction: str,
                 base_text: str, other_text: str) -> TypedChange:
    """A typed change located by its texts (first occurrence in each version)."""
    bs = (Span(base.text.index(base_text), base.text.index(base_text) + len(base_text)),) \
        if base_text else ()
    os_ = (Span(other.text.index(other_text), other.text.index(other_text) + len(other_text)),) \
        if other_text else ()
    return TypedChange(kind, direction, bs, os_, base_text, other_text)  # type: ignore[arg-type]


def make_row(base: Version, other: Version, base_units: Sequence[int],
             other_units: Sequence[int], status: str,
             changes: Sequence[TypedChange] = ()) -> AlignedRow:
    """An aligned row; the word diff is computed unless one side is empty."""
    diff: tuple[DiffOp, ...] = ()
    if base_units and other_units:
        diff = word_diff(base.text, _group_span(base, base_units),
                         other.text, _group_span(other, other_units))
    similarity = 1.0 if status == "identical" else (0.0 if not diff else 0.7)
    return AlignedRow(tuple(base_units), tuple(other_units), similarity, status,  # type: ignore[arg-type]
                      diff, tuple(changes))


def quote_check(base: Version, other: Version, base_quote: int | None,
                other_quote: int | None, status: str,
                attribution: AttributionChange | None = None) -> QuoteCheck:
    """A quote check; altered quotes get their word diff."""
    diff: tuple[DiffOp, ...] = ()
    if status == "altered" and base_quote is not None and other_quote is not None:
        bq, oq = base.quotes[base_quote], other.quotes[other_quote]
        diff = word_diff(base.text, (bq.start, bq.end), other.text, (oq.start, oq.end))
    return QuoteCheck(base_quote, other_quote, status, 0.8, diff, attribution)  # type: ignore[arg-type]


def make_comparison(versions: Sequence[Version], alignments: Sequence[Alignment],
                    quote_checks: Sequence[QuoteChecks] = ()) -> Comparison:
    """A comparison with its entity diff computed from the entities' keys."""
    keys: dict[str, tuple[str, str]] = {}
    for version in versions:
        for ent in version.entities:
            keys.setdefault(ent.key, (ent.label, version.text[ent.start:ent.end]))
    entity_diff = []
    for key, (label, text) in sorted(keys.items()):
        counts = tuple(sum(1 for e in v.entities if e.key == key) for v in versions)
        missing = tuple(i for i, c in enumerate(counts) if c == 0)
        entity_diff.append(EntityDiffRow(key, label, text, counts, missing))
    checks = tuple(quote_checks) or tuple(QuoteChecks(a.other, ()) for a in alignments)
    return Comparison("variorum.comparison/1", "test", "none", tuple(versions),
                      tuple(alignments), checks, tuple(entity_diff), ())


_ENTS = (("Lisbon", "GPE", "lisbon"), ("Ana Costa", "PERSON", "ana costa"),
         ("Reuters", "ORG", "reuters"), ("Monday", "DATE", "monday"),
         ("Porto", "GPE", "porto"))

BASE = [
    ["Fire destroys warehouse in Lisbon"],
    ["A fire destroyed a warehouse in Lisbon on Monday, killing 12 people, police said.",
     "The blaze started in a storage room before dawn.",
     "“We saw smoke everywhere and we ran,” said Ana Costa, a neighbour."],
    ["Firefighters fought the flames for six hours.",
     "The cause of the fire is not yet known, Reuters reported."],
]
REWRITE = [
    ["Fire destroys warehouse in Lisbon"],
    ["A fire destroyed a warehouse in Lisbon on Monday, reportedly killing 15 people.",
     "Firefighters fought the flames for six hours.",
     "“We saw smoke and we ran,” Ana Costa claimed."],
    ["The blaze started in a storage room before dawn.",
     "A second fire broke out in Porto later that day."],
]
UPDATE = [
    ["Lisbon warehouse fire: death toll rises"],
    ["A fire destroyed a warehouse in Lisbon on Monday, killing 17 people, police said.",
     "The blaze started in a storage room before dawn.",
     "“We saw smoke everywhere and we ran,” said Ana Costa, a neighbour."],
    ["Firefighters fought the flames for six hours.",
     "The cause of the fire is not yet known, Reuters reported."],
]


def fire_story(versions: int = 2) -> Comparison:
    """The hand-built story: base, a rewrite (every status), optionally an update."""
    base = make_version("stories/01_base.txt", BASE, _ENTS)
    rewrite = make_version("stories/02_rewrite.txt", REWRITE, _ENTS)
    rows = (
        make_row(base, rewrite, [0], [0], "identical"),
        make_row(base, rewrite, [1], [1], "changed", [
            typed_change(base, rewrite, "number", "changed", "12", "15"),
            typed_change(base, rewrite, "hedge", "added", "", "reportedly"),
            typed_change(base, rewrite, "sourcing", "removed", "police said", "")]),
        make_row(base, rewrite, [4], [2], "moved"),
        make_row(base, rewrite, [3], [3], "changed", [
            typed_change(base, rewrite, "attribution", "changed", "said", "claimed")]),
        make_row(base, rewrite, [2], [4], "identical"),
        make_row(base, rewrite, [5], [], "removed"),
        make_row(base, rewrite, [], [5], "added"),
    )
    alignments = [Alignment(1, rows, ("verbatim", "rewritten", "verbatim", "rewritten",
                                      "verbatim", "new"))]
    checks = [QuoteChecks(1, (quote_check(base, rewrite, 0, 0, "altered",
                                          AttributionChange("Ana Costa", "Ana Costa",
                                                            "said", "claimed")),))]
    all_versions = [base, rewrite]
    if versions >= 3:
        update = make_version("stories/03_update.txt", UPDATE, _ENTS)
        rows3 = (make_row(base, update, [0], [0], "changed"),
                 make_row(base, update, [1], [1], "changed", [
                     typed_change(base, update, "number", "changed", "12", "17")]),
                 *(make_row(base, update, [i], [i], "identical") for i in range(2, 6)))
        alignments.append(Alignment(2, rows3, ("rewritten", "rewritten") + ("verbatim",) * 4))
        checks.append(QuoteChecks(2, (quote_check(base, update, 0, 0, "verbatim"),)))
        all_versions.append(update)
    return make_comparison(all_versions, alignments, checks)


def long_story(paragraphs: int = 80) -> Comparison:
    """A long story: every fifth base sentence reworded, every seventh other sentence added."""
    base_pars: list[list[str]] = []
    other_pars: list[list[str]] = []
    plan: list[tuple[int | None, int | None, str]] = []
    b = o = 0
    for p in range(paragraphs):
        base_par, other_par = [], []
        for s in range(3):
            n = p * 3 + s
            sentence = f"Sentence {n} tells the reader about event {n} in some detail."
            base_par.append(sentence)
            if n % 5 == 0:
                other_par.append(f"Sentence {n} tells readers about the event {n} at length.")
                plan.append((b, o, "changed"))
            else:
                other_par.append(sentence)
                plan.append((b, o, "identical"))
            b, o = b + 1, o + 1
            if n % 7 == 3:
                other_par.append(f"An added sentence {n} with fresh reporting.")
                plan.append((None, o, "added"))
                o += 1
        base_pars.append(base_par)
        other_pars.append(other_par)
    base = make_version("long/base.txt", base_pars)
    other = make_version("long/other.txt", other_pars)
    rows = tuple(make_row(base, other, [] if bi is None else [bi], [] if oi is None else [oi], st)
                 for bi, oi, st in plan)
    derivation = tuple("new" if bi is None else ("rewritten" if st == "changed" else "verbatim")
                       for bi, _oi, st in plan)
    return make_comparison([base, other], [Alignment(1, rows, derivation)])


LETTER_BASE = [
    ["Ministry publishes minister's letter"],
    ["The ministry published the minister's letter on Sunday.",
     "The aid will reach every flooded village before the winter.",
     "“We are grateful for your steady support,” the minister wrote.",
     "The dam was inspected in June last year."],
]
LETTER_REPORT = [
    ["Minister promises flood aid"],
    ["The ministry published the letter on Sunday.",
     "The minister said the aid “will reach every flooded village before the winter”.",
     "The minister thanked his counterpart for his steady support, the ministry said.",
     "The dam was inspected last June."],
]
#: The date change's reason, as the engine writes one (invented dates).
LETTER_DATE_NOTE = "June 2025 → June 2026, read from the publication date 2026-08-17"


def _span_of_text(version: Version, words: str) -> Span:
    start = version.text.index(words)
    return Span(start, start + len(words))


def letter_story() -> Comparison:
    """A letter and a report of it: the report quotes words the letter states unquoted,
    turns the letter's one quote into reported speech, and moves a relative date."""
    base = make_version("letters/01_letter.txt", LETTER_BASE)
    report = make_version("letters/02_report.txt", LETTER_REPORT)
    date = typed_change(base, report, "date", "changed", "June last year", "last June")
    date = TypedChange(date.kind, date.direction, date.base_spans, date.other_spans,
                       date.base_text, date.other_text, LETTER_DATE_NOTE)
    rows = (
        make_row(base, report, [0], [0], "changed"),
        make_row(base, report, [1], [1], "changed"),
        make_row(base, report, [2], [2], "changed"),
        make_row(base, report, [3], [3], "changed"),
        make_row(base, report, [4], [4], "changed", [date]),
    )
    reported = report.units[3]
    checks = (
        QuoteCheck(0, None, "paraphrased", 0.6,
                   other_span=Span(reported.start, reported.end)),
        QuoteCheck(None, 0, "unquoted_in_base", 1.0,
                   base_span=_span_of_text(base, "will reach every flooded village before the "
                                                 "winter")),
    )
    alignment = Alignment(1, rows, ("rewritten",) * 5)
    return make_comparison([base, report], [alignment], [QuoteChecks(1, checks)])
