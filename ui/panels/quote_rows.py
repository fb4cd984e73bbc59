"""The words of the details dock's Quotes tab: the whole quote, what changed in it and
in its attribution. Pure: no Qt."""

from __future__ import annotations

import html
from dataclasses import dataclass

from core.records import Comparison, QuoteCheck, QuoteRecord, Version
from ui.compare.layers import quote_word_changes, word_changes_text


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """One row: status, the quote as the base has it (else the other), what changed."""

    status: str
    quote: str
    changes: str
    tooltip: str


def _text(version: Version, quote: QuoteRecord | None) -> str:
    return " ".join(version.text[quote.start:quote.end].split()) if quote else ""


def _said(quote: QuoteRecord | None) -> str:
    return " ".join(part for part in (quote.speaker, quote.verb) if part) if quote else ""


def quote_row(comparison: Comparison, other: int, check: QuoteCheck) -> QuoteRow:
    """The row for one quote check of ``other`` against the base."""
    base, version = comparison.versions[0], comparison.versions[other]
    base_quote = base.quotes[check.base_quote] if check.base_quote is not None else None
    other_quote = version.quotes[check.other_quote] if check.other_quote is not None else None
    shown = _text(base, base_quote) or _text(version, other_quote)
    notes: list[str] = []
    if check.status == "altered":
        words = word_changes_text(quote_word_changes(comparison, other, check))
        notes.append(words or f"{check.similarity:.0%} similar")
    change = check.attribution
    if change is not None:
        if change.base_verb != change.other_verb:
            notes.append(f"verb: {change.base_verb or 'none'} → {change.other_verb or 'none'}")
        if change.base_speaker != change.other_speaker:
            notes.append(f"speaker: {change.base_speaker or 'none'} → "
                         f"{change.other_speaker or 'none'}")
    if not notes and check.status in ("verbatim", "altered"):
        said = _said(other_quote)
        notes.append(f"same attribution{f': {said}' if said else ''}")
    tip = [f"<b>{html.escape(check.status.capitalize())}</b>"]
    if base_quote is not None:
        tip.append(f"Base: “{html.escape(_text(base, base_quote))}” "
                   f"{html.escape(_said(base_quote))}")
    if other_quote is not None:
        tip.append(f"This version: “{html.escape(_text(version, other_quote))}” "
                   f"{html.escape(_said(other_quote))}")
    if notes:
        tip.append(html.escape("; ".join(notes)))
    return QuoteRow(check.status, f"“{shown}”", "; ".join(notes), "<br>".join(tip))


def found_quote_row(version: Version, quote: QuoteRecord) -> QuoteRow:
    """A quote of a story's only version: the quote and who said it."""
    said = _said(quote)
    text = _text(version, quote)
    tip = f"“{html.escape(text)}”" + (f"<br>{html.escape(said)}" if said else "")
    return QuoteRow("found", f"“{text}”", said or "no speaker found", tip)
