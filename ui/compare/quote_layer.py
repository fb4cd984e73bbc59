"""The quote layer: each quote check as underlined spans with hover texts, per pane.

Roles: ``quote_<status>`` on a quotation (``verbatim``, ``altered``, ``added``,
``removed``, ``paraphrased``, ``unquoted_in_base``) and ``quote_unquoted`` on the words
without quotation marks that a quote of the other side corresponds to: the reported
speech a base quote became (``paraphrased``), or the base words a later quote
reproduces (``unquoted_in_base``). While a quote is hovered, ``quote_hover_highlights``
tints the words it is linked to. Pure: no Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core.quote_words import quote_status_words
from core.records import Comparison, QuoteCheck, QuoteRecord, Span, Version

Highlight = tuple[int, int, str]
#: The role of the unquoted words a quote elsewhere corresponds to.
UNQUOTED_ROLE = "quote_unquoted"
#: The tint of those words while their quote is hovered.
LINK_ROLE = "quote_link"
_BASE_WORD_ROLE = {"delete": "word_delete", "replace": "word_replace"}
_OTHER_WORD_ROLE = {"insert": "word_insert", "replace": "word_replace"}
#: Statuses whose base side is drawn in the base pane whatever the partner version.
_ALWAYS_IN_BASE = frozenset({"removed", "altered", "paraphrased", "unquoted_in_base"})
#: Statuses a hover links to other words (a diff, or the unquoted counterpart).
LINKED_STATUSES = frozenset({"altered", "paraphrased", "unquoted_in_base"})
_TIP_WORDS = 30


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """One span of the quote layer: the pane it is in, where, its role and hover text."""

    pane: int
    start: int
    end: int
    role: str
    tip: str


def quote_word_changes(comparison: Comparison, other: int,
                       check: QuoteCheck) -> list[tuple[str, str]]:
    """The words that changed inside a matched quote: (base words, other words) per edit."""
    base, version = comparison.versions[0].text, comparison.versions[other].text
    return [(base[op.base.start:op.base.end].strip(),
             version[op.other.start:op.other.end].strip())
            for op in check.diff if op.op != "equal" and not op.minor]


def word_changes_text(changes: Sequence[tuple[str, str]]) -> str:
    """ "‘serious’ → ‘grave’; ‘now’ added" from ``quote_word_changes``."""
    parts = []
    for before, after in changes:
        if before and after:
            parts.append(f"‘{before}’ → ‘{after}’")
        elif after:
            parts.append(f"‘{after}’ added")
        elif before:
            parts.append(f"‘{before}’ dropped")
    return "; ".join(parts)


def words_of(text: str, span: Span | QuoteRecord | None, limit: int = _TIP_WORDS) -> str:
    """The words of ``span`` on one line, cut after ``limit`` words with an ellipsis."""
    if span is None:
        return ""
    words = text[span.start:span.end].split()
    return " ".join(words[:limit]) + (" …" if len(words) > limit else "")


def quote_spans(comparison: Comparison, other: int, check: QuoteCheck, show_base: bool,
                name: str) -> list[QuoteSpan]:
    """The spans one check draws; ``name`` names version ``other`` in the hover texts."""
    base, version = comparison.versions[0], comparison.versions[other]
    role, tip = f"quote_{check.status}", _tip(comparison, other, check, name)
    spans: list[QuoteSpan] = []
    if check.other_quote is not None:
        quote = version.quotes[check.other_quote]
        spans.append(QuoteSpan(other, quote.start, quote.end, role, tip))
    if check.base_quote is not None and (show_base or check.status in _ALWAYS_IN_BASE):
        quote = base.quotes[check.base_quote]
        spans.append(QuoteSpan(0, quote.start, quote.end, role, tip))
    if check.status == "paraphrased" and check.other_span is not None:
        said = words_of(base.text, _quote(base, check.base_quote))
        spans.append(QuoteSpan(
            other, check.other_span.start, check.other_span.end, UNQUOTED_ROLE,
            f"Reported speech of a base quote (paraphrased as reported speech)\n"
            f"The base quotes: “{said}”"))
    if check.status == "unquoted_in_base" and check.base_span is not None:
        quoted = words_of(version.text, _quote(version, check.other_quote))
        spans.append(QuoteSpan(
            0, check.base_span.start, check.base_span.end, UNQUOTED_ROLE,
            f"Unquoted here, quoted in {name} (quoted from the base text)\n"
            f"{name} quotes: “{quoted}”"))
    return spans


def found_quote_spans(version: Version) -> list[QuoteSpan]:
    """A story with one version: every quote the import found, with who said it."""
    spans = []
    for quote in version.quotes:
        said = " ".join(part for part in (quote.speaker, quote.verb) if part)
        spans.append(QuoteSpan(0, quote.start, quote.end, "quote_found",
                               f"Quote found{f': {said}' if said else ''}"))
    return spans


def _quote(version: Version, index: int | None) -> QuoteRecord | None:
    return version.quotes[index] if index is not None else None


def _tip(comparison: Comparison, other: int, check: QuoteCheck, name: str) -> str:
    base, version = comparison.versions[0], comparison.versions[other]
    if check.status == "unquoted_in_base":
        text = f"Quote in {name}: {quote_status_words(check.status)}"
    else:
        text = f"Quote {quote_status_words(check.status)} in {name}"
    if check.status in ("altered", "unquoted_in_base") and check.diff:
        text += f" (similarity {check.similarity:.0%})"
        words = word_changes_text(quote_word_changes(comparison, other, check))
        if words:
            text += f"\nWords: {words}"
    if check.status == "paraphrased" and check.other_span is not None:
        text += f"\nReported there as: “{words_of(version.text, check.other_span)}”"
    if check.status == "unquoted_in_base" and check.base_span is not None:
        text += f"\nThe base says, unquoted: “{words_of(base.text, check.base_span)}”"
    attribution = check.attribution
    if attribution is not None:
        if attribution.base_speaker != attribution.other_speaker:
            text += (f"\nSpeaker: {attribution.base_speaker or '?'}"
                     f" → {attribution.other_speaker or '?'}")
        if attribution.base_verb != attribution.other_verb:
            text += f"\nVerb: {attribution.base_verb or '?'} → {attribution.other_verb or '?'}"
    return text


def quote_hover_highlights(comparison: Comparison, other: int,
                           check: QuoteCheck) -> dict[int, list[Highlight]]:
    """What a hovered quote lights up, per pane: an altered quote's word diff, and the
    unquoted words a paraphrased quote or a quote of unquoted base text is linked to."""
    result: dict[int, list[Highlight]] = {0: [], other: []}
    for op in check.diff:
        if op.op == "equal":
            continue
        base_role = _BASE_WORD_ROLE.get(op.op)
        other_role = _OTHER_WORD_ROLE.get(op.op)
        if base_role and op.base.end > op.base.start:
            result[0].append((op.base.start, op.base.end, base_role))
        if other_role and op.other.end > op.other.start:
            result[other].append((op.other.start, op.other.end, other_role))
    if check.status == "unquoted_in_base" and check.base_span is not None:
        result[0].insert(0, (check.base_span.start, check.base_span.end, LINK_ROLE))
    if check.status == "paraphrased" and check.other_span is not None:
        result[other].insert(0, (check.other_span.start, check.other_span.end, LINK_ROLE))
    return result
