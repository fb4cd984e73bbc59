"""A comparison as one self-contained HTML page: aligned rows side by side, every piece escaped.

Every piece of user text (file names, model name, unit and diff texts) is escaped and
isolated in its own ``<bdi>``, so a bidi override in the source (U+202E without its
U+202C) can reverse only its own piece, never the diff marks or the rest of a cell.
The controls themselves stay in the page (they are the source's) and are marked
visibly before each one, by CSS so that copying the text copies only the source's
characters.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from html import escape

from core.invisibles import BIDI_CONTROLS
from core.output import markup_safe, terminal_safe
from core.quote_words import change_heading
from core.records import AlignedRow, Comparison, DiffOp, TypedChange, Version

_BIDI = re.compile("[" + "".join(BIDI_CONTROLS) + "]")

_CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:2em;color:#1b1b1b;background:#fff}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:2em}
table{border-collapse:collapse;width:100%;table-layout:fixed}
td{vertical-align:top;padding:.35em .6em;border-bottom:1px solid #e4e4e4}
td.status{width:6.5em;font-size:.8em;color:#555}
tr.added td.other,tr.removed td.base{background:#eef6ff}
tr.moved td{background:#fff6e0}
ins{background:#c9efd3;text-decoration:none;border-bottom:2px solid #1a7f37}
del{background:#ffd9d6;text-decoration:line-through}
.minor{opacity:.6}
.chg{display:inline-block;font-size:.75em;margin:.2em .3em 0 0;padding:0 .4em;
border-radius:.6em;background:#ede7f6;color:#4a148c}
.why{font-size:.8em;color:#555;margin-right:.6em}
.fig{display:inline-block;margin-right:1.5em}
bdi{unicode-bidi:isolate}
.ctl::before{content:attr(data-c);font:600 .65em/1 monospace;color:#b00020;
border:1px solid currentColor;border-radius:.2em;padding:0 .15em;margin:0 .1em;
unicode-bidi:isolate;direction:ltr}
@media (prefers-color-scheme:dark){body{background:#1e1e1e;color:#ddd}
ins{background:#1e4d2b}del{background:#5c1f1f}td{border-color:#333}
tr.added td.other,tr.removed td.base{background:#1d2b3a}tr.moved td{background:#3a3220}}
"""


def render_html(comparison: Comparison) -> str:
    """The whole page as a string (no external resources)."""
    base = comparison.versions[0]
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>Variorum: {escape(terminal_safe(base.source, keep_newlines=False))}</title>"
        f"<style>{_CSS}</style></head><body>",
        f"<h1>Variorum comparison</h1><p>Base: {user_text(base.source)}<br>"
        f"Model: {user_text(comparison.model)}, engine {escape(comparison.engine_version)}</p>",
    ]
    for alignment, summary in zip(comparison.alignments, comparison.summary, strict=True):
        other = comparison.versions[alignment.other]
        parts.append(f"<h2>{user_text(other.source)}</h2><p>")
        parts.append(f"<span class='fig'>similarity {summary.similarity:.0%}</span>")
        parts.append(f"<span class='fig'>base reused {summary.reuse_share:.0%}</span>")
        parts.append(f"<span class='fig'>verbatim {summary.verbatim_share:.0%}</span></p>")
        parts.append("<table><tr><th></th><th>Base</th><th>Other</th></tr>")
        parts.extend(_row(row, base, other) for row in alignment.rows)
        parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts)


def _row(row: AlignedRow, base: Version, other: Version) -> str:
    if row.diff:
        base_html, other_html = diff_cells(row.diff, base.text, other.text)
    else:
        base_html = unit_cell(base, row.base)
        other_html = unit_cell(other, row.other)
    badges = change_badges(row.changes)
    status = f"{escape(row.status)}<br>{row.similarity:.2f}"
    return (
        f"<tr class='{escape(row.status)}'><td class='status'>{status}</td>"
        f"<td class='base'>{base_html}</td>"
        f"<td class='other'>{other_html}{'<br>' + badges if badges else ''}</td></tr>"
    )


def unit_cell(version: Version, indices: Sequence[int],
              text_of: Callable[[str], str] | None = None) -> str:
    """The units' texts, escaped by ``text_of`` (default ``user_text``), space-joined."""
    text_of = text_of or user_text
    return " ".join(
        text_of(version.text[version.units[i].start : version.units[i].end]) for i in indices
    )


def change_badges(changes: Sequence[TypedChange], text_of: Callable[[str], str] | None = None,
                  gap: str = "") -> str:
    """Each typed change's heading, and its reason when it has one, as classed spans
    (``gap`` before each; the reason escaped by ``text_of``, default ``user_text``)."""
    text_of = text_of or user_text
    return "".join(
        f"{gap}<span class='chg'>{escape(change_heading(c))}</span>"
        + (f"{gap}<span class='why'>{text_of(c.note)}</span>" if c.note else "")
        for c in changes
    )


def _del_ins(side: str, text: str, minor: bool) -> str:
    minor_class = " class='minor'" if minor else ""
    return f"<{side}{minor_class}>{text}</{side}>"


def diff_cells(
    ops: Sequence[DiffOp],
    base_text: str,
    other_text: str,
    *,
    text_of: Callable[[str], str] | None = None,
    mark: Callable[[str, str, bool], str] = _del_ins,
) -> tuple[str, str]:
    """A row's word diff as two HTML cells: each side's text escaped (``text_of``, default
    ``user_text``), deleted and inserted words wrapped by ``mark(side, text, minor)`` where
    ``side`` is "del" or "ins" (default: ``<del>`` and ``<ins>``)."""
    text_of = text_of or user_text
    left: list[str] = []
    right: list[str] = []
    for op in ops:
        a = text_of(base_text[op.base.start : op.base.end])
        b = text_of(other_text[op.other.start : op.other.end])
        if op.op == "equal":
            left.append(a)
            right.append(b)
            continue
        if a:
            left.append(mark("del", a, op.minor))
        if b:
            right.append(mark("ins", b, op.minor))
    return "".join(left), "".join(right)


def user_text(text: str) -> str:
    """``text`` escaped, its bidi controls marked, isolated in a ``<bdi>`` (empty stays empty)."""
    if not text:
        return ""
    return f"<bdi>{_BIDI.sub(_mark, escape(markup_safe(text)))}</bdi>"


def _mark(match: re.Match[str]) -> str:
    char = match.group()
    return f"<span class='ctl' data-c='{BIDI_CONTROLS[char]}'></span>{char}"
