"""The words of the details dock's Quotes tab: the whole quote, what changed in it and
in its attribution, and the unquoted words it is linked to. Pure: no Qt."""

from __future__ import annotations

import html
from dataclasses import dataclass

from core.quote_words import quote_status_words
from core.records import Comparison, QuoteCheck, QuoteRecord, Span, Version
from ui.compare.quote_layer import quote_word_changes, word_changes_text


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """One row: status words, the quote as the base has it (else the other), what changed.

    ``kind`` is the contract's status (``unquoted_in_base``), ``status`` the analyst's
    words for it ("quoted from the base text (unquoted there)").
    """

    status: str
    quote: str
    changes: str
    tooltip: str
    kind: str = ""


def _text(version: Version, quote: QuoteRecord | Span | None) -> str:
    return " ".join(version.text[quote.start:quote.end].split()) if quote else ""


def _said(quote: QuoteRecord | None) -> str:
    return " ".join(part for part in (quote.speaker, quote.verb) if part) if quote else ""


def quote_row(comparison: Comparison, other: int, check: QuoteCheck) -> QuoteRow:
    """The row for one quote check of ``other`` against the base."""
    base, version = comparison.versions[0], comparison.versions[other]
    base_quote = base.quotes[check.base_quote] if check.base_quote is not None else None
    other_quote = version.quotes[check.other_quote] if check.other_quote is not None else None
    shown = _text(base, base_quote) or _text(version, other_quote)
    notes = _linked_words(base, version, check)
    if check.status == "altered" or (check.status == "unquoted_in_base" and check.diff):
        words = word_changes_text(quote_word_changes(comparison, other, check))
        notes.append(words or f"{check.similarity:.0%} similar")
    notes += _attribution_notes(check)
    if not notes and check.status in ("verbatim", "altered"):
        said = _said(other_quote)
        notes.append(f"same attribution{f': {said}' if said else ''}")
    status = quote_status_words(check.status)
    tip = [f"<b>{html.escape(status.capitalize())}</b>"]
    if base_quote is not None:
        tip.append(f"Base: “{html.escape(_text(base, base_quote))}” "
                   f"{html.escape(_said(base_quote))}")
    if other_quote is not None:
        tip.append(f"This version: “{html.escape(_text(version, other_quote))}” "
                   f"{html.escape(_said(other_quote))}")
    if notes:
        tip.append(html.escape("; ".join(notes)))
    return QuoteRow(status, f"“{shown}”", "; ".join(notes), "<br>".join(tip), check.status)


def _linked_words(base: Version, version: Version, check: QuoteCheck) -> list[str]:
    """The unquoted words a paraphrased quote or a quote of unquoted base text stands for."""
    if check.status == "paraphrased" and check.other_span is not None:
        return [f"reported as: “{_text(version, check.other_span)}”"]
    if check.status == "unquoted_in_base" and check.base_span is not None:
        return [f"the base says, unquoted: “{_text(base, check.base_span)}”"]
    return []


def _attribution_notes(check: QuoteCheck) -> list[str]:
    change = check.attribution
    if change is None:
        return []
    notes = []
    if change.base_verb != change.other_verb:
        notes.append(f"verb: {change.base_verb or 'none'} → {change.other_verb or 'none'}")
    if change.base_speaker != change.other_speaker:
        notes.append(f"speaker: {change.base_speaker or 'none'} → "
                     f"{change.other_speaker or 'none'}")
    return notes


def found_quote_row(version: Version, quote: QuoteRecord) -> QuoteRow:
    """A quote of a story's only version: the quote and who said it."""
    said = _said(quote)
    text = _text(version, quote)
    tip = f"“{html.escape(text)}”" + (f"<br>{html.escape(said)}" if said else "")
    return QuoteRow("found", f"“{text}”", said or "no speaker found", tip, "found")
