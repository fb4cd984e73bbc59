"""Quote checks completed with the alignment: merged and split quotes, reported speech, and
quotes of words the base states without quotation marks.

``core.quotes.check_quotes`` pairs quotes by their wording alone. What it leaves as removed
or added is looked at again here, within the aligned row that holds the quote:

* a base quote whose words another quote of the row contains (two quotes merged into one,
  or one split in two) is ``altered``;
* a removed base quote whose content words the row's other side still says, unquoted, is
  ``paraphrased`` (direct speech become reported speech), pointing at those words;
* an added quote whose words the row's base side says without quotation marks is
  ``unquoted_in_base`` (a letter's text, quoted by a report), pointing at the base words.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from core.analysis import Token
from core.records import AlignedRow, QuoteCheck, QuoteRecord, Span, Unit
from core.worddiff import diff_segments

#: A quote this much contained (0-1, partial ratio of casefolded words) in another is part of it.
MIN_PART = 0.85
#: Words a quote needs before containment counts (one word is found anywhere).
MIN_PART_WORDS = 2
#: Share of a removed quote's content words its row's other side must still say.
MIN_PARAPHRASE = 0.4
MIN_PARAPHRASE_WORDS = 2
#: How closely an added quote must reproduce unquoted base words (partial ratio, 0-1), and
#: how long it must be for that to mean anything (two words match by chance).
MIN_UNQUOTED = 0.85
MIN_UNQUOTED_WORDS = 3


@dataclass(frozen=True, slots=True)
class QuoteSide:
    """One version as the ledger needs it (``quote_side`` builds one)."""

    text: str
    units: Sequence[Unit]
    quotes: Sequence[QuoteRecord]
    tokens: Sequence[Token]
    unit_starts: Sequence[int]
    token_starts: Sequence[int]


def quote_side(
    text: str, units: Sequence[Unit], quotes: Sequence[QuoteRecord], tokens: Sequence[Token]
) -> QuoteSide:
    """One version's text, units, quotes and tokens, with the offsets looked up here."""
    return QuoteSide(
        text, units, quotes, tokens, [u.start for u in units], [t.start for t in tokens]
    )


def complete_checks(
    checks: Sequence[QuoteCheck], base: QuoteSide, other: QuoteSide, rows: Sequence[AlignedRow]
) -> tuple[QuoteCheck, ...]:
    """``checks`` with removed and added quotes re-read against their aligned rows."""
    row_of_base = {b: n for n, row in enumerate(rows) for b in row.base}
    row_of_other = {o: n for n, row in enumerate(rows) for o in row.other}
    result: list[QuoteCheck] = []
    for check in checks:
        if check.status == "removed" and check.base_quote is not None:
            row = _row_of(base, base.quotes[check.base_quote], row_of_base, rows)
            check = _removed(check, base, other, row) if row else check
        elif check.status == "added" and check.other_quote is not None:
            row = _row_of(other, other.quotes[check.other_quote], row_of_other, rows)
            check = _added(check, base, other, row) if row else check
        result.append(check)
    return tuple(result)


def _row_of(
    side: QuoteSide, quote: QuoteRecord, row_of: dict[int, int], rows: Sequence[AlignedRow]
) -> AlignedRow | None:
    unit = bisect.bisect_right(side.unit_starts, quote.start) - 1
    index = row_of.get(unit)
    if index is None:
        return None
    row = rows[index]
    return row if row.base and row.other else None


def _removed(check: QuoteCheck, base: QuoteSide, other: QuoteSide, row: AlignedRow) -> QuoteCheck:
    quote = base.quotes[check.base_quote]  # type: ignore[index]
    words = _norm(base.text[quote.start : quote.end])
    partner = _best_part(words, other, row.other)
    if partner is not None:
        score, j = partner
        return _altered(check, base, quote, other, other.quotes[j], score, other_quote=j)
    span = _units_span(other, row.other)
    said = _content(base, quote.start, quote.end)
    kept = _content(other, span.start, span.end)
    shared = sum((said & kept).values())
    share = shared / sum(said.values()) if said else 0.0
    if shared >= MIN_PARAPHRASE_WORDS and share >= MIN_PARAPHRASE:
        return replace(check, status="paraphrased", similarity=round(share, 4), other_span=span)
    return check


def _added(check: QuoteCheck, base: QuoteSide, other: QuoteSide, row: AlignedRow) -> QuoteCheck:
    quote = other.quotes[check.other_quote]  # type: ignore[index]
    words = _norm(other.text[quote.start : quote.end])
    partner = _best_part(words, base, row.base)
    if partner is not None:
        score, i = partner
        return _altered(check, base, base.quotes[i], other, quote, score, base_quote=i)
    if len(words.split()) < MIN_UNQUOTED_WORDS:
        return check
    span = _units_span(base, row.base)
    found = _unquoted_words(other.text[quote.start : quote.end], base.text, span)
    if found is None:
        return check
    score, words_span = found
    verbatim = _norm(base.text[words_span.start : words_span.end]) == words
    diff = () if verbatim else diff_segments(
        base.text, [(words_span.start, words_span.end)], other.text, [(quote.start, quote.end)]
    )  # fmt: skip
    return replace(check, status="unquoted_in_base", similarity=round(score, 4), diff=diff,
                   base_span=words_span)  # fmt: skip


def _altered(
    check: QuoteCheck,
    base: QuoteSide,
    qa: QuoteRecord,
    other: QuoteSide,
    qb: QuoteRecord,
    score: float,
    *,
    base_quote: int | None = None,
    other_quote: int | None = None,
) -> QuoteCheck:
    diff = diff_segments(base.text, [(qa.start, qa.end)], other.text, [(qb.start, qb.end)])
    return replace(
        check,
        base_quote=check.base_quote if base_quote is None else base_quote,
        other_quote=check.other_quote if other_quote is None else other_quote,
        status="altered",
        similarity=round(score, 4),
        diff=diff,
    )


def _best_part(
    words: str, side: QuoteSide, units: Sequence[int]
) -> tuple[float, int] | None:
    """The top-level quote of ``units`` that contains (or is contained in) ``words``."""
    if len(words.split()) < MIN_PART_WORDS:
        return None
    spans = [(side.units[u].start, side.units[u].end) for u in units]
    best: tuple[float, int] | None = None
    for index, quote in enumerate(side.quotes):
        if quote.nested_in is not None or not any(a <= quote.start < b for a, b in spans):
            continue
        theirs = _norm(side.text[quote.start : quote.end])
        if len(theirs.split()) < MIN_PART_WORDS:
            continue
        score = fuzz.partial_ratio(words, theirs) / 100
        if score >= MIN_PART and (best is None or score > best[0]):
            best = (score, index)
    return best


def _unquoted_words(quote: str, text: str, span: Span) -> tuple[float, Span] | None:
    """Where ``text[span]`` says the quote's words, and how closely (0-1)."""
    haystack = _same_length_fold(text[span.start : span.end])
    needle = _same_length_fold(quote.strip(" ,.;:!?"))
    alignment = fuzz.partial_ratio_alignment(needle, haystack)
    if alignment is None or alignment.score / 100 < MIN_UNQUOTED:
        return None
    start, end = span.start + alignment.dest_start, span.start + alignment.dest_end
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return (alignment.score / 100, Span(start, end)) if end > start else None


def _same_length_fold(text: str) -> str:
    """Lower case, character for character, so offsets into the result are offsets into text."""
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _units_span(side: QuoteSide, units: Sequence[int]) -> Span:
    return Span(side.units[min(units)].start, side.units[max(units)].end)


def _content(side: QuoteSide, start: int, end: int) -> Counter[str]:
    starts = side.token_starts
    lo, hi = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
    return Counter(t.lemma for t in side.tokens[lo:hi] if t.is_content)


def _norm(text: str) -> str:
    words = "".join(ch if ch.isalnum() else " " for ch in text.casefold())
    return " ".join(words.split())
