"""A comparison as a readable report for a terminal."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from core.quote_words import change_heading, quote_status_words
from core.records import AlignedRow, Comparison, QuoteCheck, Version

_MARK = {"identical": "=", "changed": "~", "moved": ">", "added": "+", "removed": "-"}


def render_text(comparison: Comparison, *, width: int = 100) -> str:
    """Summary, aligned rows with typed changes, quote checks and one-sided entities."""
    base = comparison.versions[0]
    lines = [f"Base: {base.source}"]
    for alignment, summary, checks in zip(
        comparison.alignments, comparison.summary, comparison.quote_checks, strict=True
    ):
        other = comparison.versions[alignment.other]
        lines += [
            "",
            f"=== {other.source} against the base",
            f"similarity {summary.similarity:.0%}, base reused {summary.reuse_share:.0%}, "
            f"verbatim {summary.verbatim_share:.0%}",
            "rows: " + _counts(summary.status_counts),
            "changes: " + (_counts(summary.change_counts) or "none"),
            "quotes: " + (_counts(summary.quote_counts, quote_status_words) or "none"),
            "",
        ]
        for row in alignment.rows:
            lines += _row(row, base, other, width)
        lines += ["", "Quotes:"]
        for check in checks.rows:
            quote = base.quotes[check.base_quote] if check.base_quote is not None else None
            other_quote = other.quotes[check.other_quote] if check.other_quote is not None else None
            shown = quote or other_quote
            text = (base if quote else other).text[shown.start : shown.end] if shown else ""
            line = f"  [{quote_status_words(check.status)}] \u201c{_clip(text, width - 20)}\u201d"
            line += _linked(check, base, other, width)
            if check.attribution:
                a = check.attribution
                before = f"{a.base_speaker} {a.base_verb}"
                after = f"{a.other_speaker} {a.other_verb}"
                line += f" (attribution: {before} -> {after})"
            lines.append(line)
    one_sided = [e for e in comparison.entity_diff if e.missing_in]
    if one_sided:
        lines += ["", "Entities missing from a version:"]
        for e in one_sided:
            where = ", ".join(str(i) for i in e.missing_in)
            lines.append(f"  {e.text} ({e.label}) missing in version {where}")
    return "\n".join(lines) + "\n"


def _linked(check: QuoteCheck, base: Version, other: Version, width: int) -> str:
    """The unquoted words a paraphrased quote or a quote of unquoted base text stands for."""
    if check.status == "paraphrased" and check.other_span is not None:
        words = other.text[check.other_span.start : check.other_span.end]
        return f"\n      reported as: {_clip(' '.join(words.split()), width - 20)}"
    if check.status == "unquoted_in_base" and check.base_span is not None:
        words = base.text[check.base_span.start : check.base_span.end]
        return f"\n      the base says, unquoted: {_clip(' '.join(words.split()), width - 20)}"
    return ""


def _row(row: AlignedRow, base: Version, other: Version, width: int) -> list[str]:
    mark = _MARK[row.status]
    out = [f"{mark} {row.status} ({row.similarity:.2f})"]
    for label, version, units in (("B", base, row.base), ("O", other, row.other)):
        for i in units:
            unit = version.units[i]
            body = textwrap.shorten(version.text[unit.start : unit.end], width - 6)
            out.append(f"    {label}: {body}")
    for change in row.changes:
        note = f" ({change.note})" if change.note else ""
        out.append(
            f"    * {change_heading(change)}: "
            f"{change.base_text or '-'} -> {change.other_text or '-'}{note}"
        )
    return out


def _counts(counts: dict[str, int], words: Callable[[str], str] = str) -> str:
    return ", ".join(f"{n} {words(k)}" for k, n in sorted(counts.items()))


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"
