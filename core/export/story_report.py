"""A story report for an editor: one self-contained HTML page, for a browser or for Qt's PDF.

Sections (any subset, in this order): the versions and the summary figures, the
versions side by side with the word diff, the entity comparison, the quotation
ledger (altered quotes word by word, attribution changes), the typed changes, and
the analyst's claims with their label, status, note, author and drift in every
version. The page has no script and makes no request; its print stylesheet fits A4
and Letter alike (the page size is the printer's) and repeats the story title and
the page number in the margins where the browser supports CSS page-margin boxes.

Every piece of text from an article, a note, a label or a file name is escaped.
For a browser, each piece is isolated in a ``<bdi>`` with its bidi controls marked
(:func:`core.export.report_html.user_text`). Qt's rich text knows no ``<bdi>``, so
the ``for_qt`` flavour shows each bidi control as a visible tag such as ``[RLO]``
instead of the control itself: a stray override cannot reorder the rest of a cell.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape

from core.export.report_html import change_badges, diff_cells, unit_cell, user_text
from core.export.story_data import StoryData, appearance_drift, status_word
from core.export.story_report_css import PRINT_CSS, QT_CSS, SCREEN_CSS, css_string
from core.invisibles import BIDI_CONTROLS
from core.output import markup_safe
from core.quote_words import change_heading, quote_status_words
from core.records import Comparison, DiffOp, QuoteCheck, Version
from core.storage.rows import ClaimRow, VersionRow

SECTIONS: dict[str, str] = {
    "summary": "Summary",
    "diff": "Side by side",
    "entities": "Entities",
    "quotes": "Quotation ledger",
    "changes": "Typed changes",
    "claims": "Claims",
}
_BIDI = re.compile("[" + "".join(BIDI_CONTROLS) + "]")
Text = Callable[[str], str]
_GRID = "<table class='grid' width='100%' cellspacing='0'>"


def visible_controls(text: str) -> str:
    """Plain ``text`` with each bidi control replaced by its tag, ``[RLO]``."""
    return _BIDI.sub(lambda m: f"[{BIDI_CONTROLS[m.group()]}]", text)


def qt_text(text: str) -> str:
    """``text`` escaped for Qt rich text, each bidi control replaced by a visible tag."""
    if not text:
        return ""
    escaped = escape(markup_safe(text))
    return _BIDI.sub(lambda m: f"<span class='ctl'>[{BIDI_CONTROLS[m.group()]}]</span>", escaped)


@dataclass(frozen=True, slots=True)
class _Context:
    data: StoryData
    comparison: Comparison
    versions: tuple[VersionRow, ...]
    text: Text

    def name(self, index: int) -> str:
        v = self.versions[index]
        return self.text(v.outlet or v.title or v.source or f"version {v.id}")


def story_report_html(
    data: StoryData,
    comparison: Comparison,
    versions: Sequence[VersionRow],
    *,
    sections: Iterable[str] = SECTIONS,
    for_qt: bool = False,
    generated: datetime | None = None,
) -> str:
    """The report page; ``versions`` are the compared ones, base first, as in ``comparison``."""
    chosen = [s for s in SECTIONS if s in set(sections)]
    ctx = _Context(data, comparison, tuple(versions), qt_text if for_qt else user_text)
    when = (generated or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    title = data.story.title
    css = (
        QT_CSS
        if for_qt
        else SCREEN_CSS + PRINT_CSS.replace("%TITLE%", css_string(visible_controls(title)))
    )
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width,initial-scale=1'>",
        f"<title>{escape(markup_safe(title))}</title><style>{css}</style></head><body>",
        f"<h1>{ctx.text(title)}</h1>",
        f"<p class='meta'>Variorum story report, {escape(when)}. Model "
        f"{ctx.text(comparison.model)}, engine {escape(comparison.engine_version)}.</p>",
        _versions_table(ctx),
    ]
    builders = {
        "summary": _summary,
        "diff": _side_by_side,
        "entities": _entities,
        "quotes": _quotes,
        "changes": _changes,
        "claims": _claims,
    }
    for section in chosen:
        parts.append(f"<h2 id='{section}'>{SECTIONS[section]}</h2>")
        parts.append(builders[section](ctx))
    parts.append("</body></html>")
    return "".join(parts)


def _versions_table(ctx: _Context) -> str:
    rows = [
        _GRID + "<thead><tr><th>Role</th><th>Title</th><th>Outlet</th>"
        "<th>Published</th><th>Source</th><th>Words</th></tr></thead><tbody>"
    ]
    for index, v in enumerate(ctx.versions):
        role = "base" if index == 0 else f"other {index}"
        cells = [v.title or "", v.outlet or "", v.published or "", v.source]
        rows.append(
            f"<tr><td>{role}</td>"
            + "".join(f"<td>{ctx.text(c)}</td>" for c in cells)
            + f"<td class='num'>{v.word_count:,}</td></tr>"
        )
    return "".join(rows) + "</tbody></table>"


def _counts(counts: dict[str, int], words: Callable[[str], str] = str) -> str:
    shown = [f"{escape(words(k))} {n}" for k, n in sorted(counts.items()) if n]
    return ", ".join(shown) or "none"


def _summary(ctx: _Context) -> str:
    if not ctx.comparison.summary:
        return "<p>Only one version: nothing to compare.</p>"
    rows = [
        _GRID + "<thead><tr><th>Version</th><th>Similarity</th><th>Base reused</th>"
        "<th>Verbatim</th><th>Sentences</th><th>Changes</th><th>Quotes</th></tr></thead><tbody>"
    ]
    for s in ctx.comparison.summary:
        rows.append(
            f"<tr><td>{ctx.name(s.other)}</td><td class='num'>{s.similarity:.0%}</td>"
            f"<td class='num'>{s.reuse_share:.0%}</td><td class='num'>{s.verbatim_share:.0%}</td>"
            f"<td>{_counts(s.status_counts)}</td><td>{_counts(s.change_counts)}</td>"
            f"<td>{_counts(s.quote_counts, quote_status_words)}</td></tr>"
        )
    return "".join(rows) + "</tbody></table>"


def _marked(ctx: _Context, ops: Sequence[DiffOp], base: str, other: str) -> tuple[str, str]:
    return diff_cells(ops, base, other, text_of=ctx.text, mark=_span_mark)


def _span_mark(side: str, text: str, minor: bool) -> str:
    """Classed spans, which Qt's rich text styles as well as a browser (for the PDF)."""
    return f"<span class='{side}{' minor' if minor else ''}'>{text}</span>"


def _side_by_side(ctx: _Context) -> str:
    base = ctx.comparison.versions[0]
    parts = []
    for alignment in ctx.comparison.alignments:
        other = ctx.comparison.versions[alignment.other]
        parts.append(f"<h3>{ctx.name(0)} ↔ {ctx.name(alignment.other)}</h3>")
        parts.append(
            "<table class='diff' width='100%' cellspacing='0'><thead><tr><th class='status'></th>"
            f"<th>{ctx.name(0)}</th><th>{ctx.name(alignment.other)}</th></tr></thead><tbody>"
        )
        for row in alignment.rows:
            if row.diff:
                left, right = _marked(ctx, row.diff, base.text, other.text)
            else:
                left = unit_cell(base, row.base, ctx.text)
                right = unit_cell(other, row.other, ctx.text)
            badges = change_badges(row.changes, ctx.text, gap=" ")
            parts.append(
                f"<tr class='{escape(row.status)}'><td class='status'>{escape(row.status)}</td>"
                f"<td>{left}</td><td>{right}{badges}</td></tr>"
            )
        parts.append("</tbody></table>")
    return "".join(parts) or "<p>Only one version: nothing to compare.</p>"


def _entities(ctx: _Context) -> str:
    rows = ctx.comparison.entity_diff
    if not rows:
        return "<p>No entities were found.</p>"
    heads = "".join(f"<th class='num'>{ctx.name(i)}</th>" for i in range(len(ctx.versions)))
    parts = [
        _GRID + f"<thead><tr><th>Entity</th><th>Type</th>{heads}"
        "<th>Missing in</th></tr></thead><tbody>"
    ]
    for e in rows:
        counts = "".join(f"<td class='num'>{n}</td>" for n in e.counts)
        missing = ", ".join(ctx.name(i) for i in e.missing_in)
        parts.append(
            f"<tr><td>{ctx.text(e.text)}</td><td>{ctx.text(e.label)}</td>{counts}"
            f"<td>{missing}</td></tr>"
        )
    return "".join(parts) + "</tbody></table>"


def _quotes(ctx: _Context) -> str:
    base = ctx.comparison.versions[0]
    parts = []
    for checks in ctx.comparison.quote_checks:
        other = ctx.comparison.versions[checks.other]
        parts.append(f"<h3>{ctx.name(0)} ↔ {ctx.name(checks.other)}</h3>")
        if not checks.rows:
            parts.append("<p>No quotations.</p>")
            continue
        parts.append(
            _GRID + "<thead><tr><th class='status'>Status</th>"
            f"<th>{ctx.name(0)}</th><th>{ctx.name(checks.other)}</th><th>Attribution</th>"
            "</tr></thead><tbody>"
        )
        for check in checks.rows:
            left, right = _quote_cells(ctx, check, base, other)
            parts.append(
                f"<tr class='q-{escape(check.status)}'><td class='status'>"
                f"{escape(quote_status_words(check.status))}</td><td>{left}</td><td>{right}</td>"
                f"<td>{_attribution(ctx, check.attribution)}</td></tr>"
            )
        parts.append("</tbody></table>")
    return "".join(parts) or "<p>Only one version: nothing to compare.</p>"


def _quote_cells(
    ctx: _Context, check: QuoteCheck, base: Version, other: Version
) -> tuple[str, str]:
    """The quote on each side; a side without one shows the unquoted words it is linked to."""
    qa = base.quotes[check.base_quote] if check.base_quote is not None else None
    qb = other.quotes[check.other_quote] if check.other_quote is not None else None
    if check.status in ("altered", "unquoted_in_base") and check.diff:
        left, right = _marked(ctx, check.diff, base.text, other.text)
    else:
        left = ctx.text(base.text[qa.start : qa.end]) if qa else ""
        right = ctx.text(other.text[qb.start : qb.end]) if qb else ""
    if check.status == "unquoted_in_base" and check.base_span is not None:
        if not check.diff:
            left = ctx.text(base.text[check.base_span.start : check.base_span.end])
        left = f"<span class='unquoted'>unquoted:</span> {left}"
    if check.status == "paraphrased" and check.other_span is not None:
        words = ctx.text(other.text[check.other_span.start : check.other_span.end])
        right = f"<span class='unquoted'>reported speech:</span> {words}"
    return left, right


def _attribution(ctx: _Context, change: object) -> str:
    if change is None:
        return ""
    lines = []
    for what, a, b in (
        ("speaker", getattr(change, "base_speaker", None), getattr(change, "other_speaker", None)),
        ("verb", getattr(change, "base_verb", None), getattr(change, "other_verb", None)),
    ):
        if a != b:
            lines.append(f"{what}: {ctx.text(a or '—')} → {ctx.text(b or '—')}")
    return "<br>".join(lines)


def _changes(ctx: _Context) -> str:
    parts = []
    for alignment in ctx.comparison.alignments:
        found = [c for row in alignment.rows for c in row.changes]
        parts.append(f"<h3>{ctx.name(0)} ↔ {ctx.name(alignment.other)}</h3>")
        if not found:
            parts.append("<p>No typed changes.</p>")
            continue
        parts.append(
            _GRID + "<thead><tr><th class='status'>Kind</th><th>Direction</th>"
            f"<th>{ctx.name(0)}</th><th>{ctx.name(alignment.other)}</th><th>Why</th>"
            "</tr></thead><tbody>"
        )
        parts.extend(
            f"<tr><td class='status'>{escape(c.kind)}</td>"
            f"<td>{escape(change_heading(c).removeprefix(c.kind).strip())}</td>"
            f"<td>{ctx.text(c.base_text)}</td><td>{ctx.text(c.other_text)}</td>"
            f"<td>{ctx.text(c.note)}</td></tr>"
            for c in found
        )
        parts.append("</tbody></table>")
    return "".join(parts) or "<p>Only one version: nothing to compare.</p>"


def _claims(ctx: _Context) -> str:
    chosen = {v.id for v in ctx.versions}
    claims = [c for c in ctx.data.claims if any(a.version_id in chosen for a in c.appearances)]
    if not claims:
        return "<p>No claims are tagged in these versions.</p>"
    return "".join(_claim(ctx, number, c) for number, c in enumerate(claims, start=1))


def _claim(ctx: _Context, number: int, claim: ClaimRow) -> str:
    label = ctx.data.labels.get(claim.label_id) if claim.label_id is not None else None
    swatch = (
        f"<span class='swatch' style='background-color:{escape(label.colour)}'>&nbsp;&nbsp;</span> "
        if label and re.fullmatch(r"#[0-9a-fA-F]{6}", label.colour)
        else ""
    )
    head = (
        f"<h3 class='claim'>Claim {number}: {swatch}{ctx.text(label.name) if label else 'no label'}"
        f" · {escape(status_word(claim.status))}</h3>"
    )
    who = ctx.text(claim.author) if claim.author else "unknown author"
    meta = (
        f"<p class='meta'>By {who}; tagged {escape(claim.created_at)}, "
        f"last changed {escape(claim.modified_at)}.</p>"
    )
    note = f"<p class='note'>{ctx.text(claim.note)}</p>" if claim.note else ""
    rows = [_GRID + "<thead><tr><th>Version</th><th>Words</th><th>Drift</th></tr></thead><tbody>"]
    for index, version in enumerate(ctx.versions):
        appearance = claim.appearance_in(version.id)
        words = ctx.text(appearance.quote) if appearance else "—"
        rows.append(
            f"<tr><td>{ctx.name(index)}</td><td>{words}</td>"
            f"<td>{escape(appearance_drift(claim, appearance))}</td></tr>"
        )
    return f"<div class='claim'>{head}{meta}{note}{''.join(rows)}</tbody></table></div>"
