"""A story's claims as CSV: one row per appearance, safe to open in a spreadsheet.

The file is UTF-8 with a byte-order mark (Excel reads UTF-8 only with it; LibreOffice
and Google Sheets ignore it), fields are all quoted and rows end in CRLF (RFC 4180).

A cell a spreadsheet would run as a formula starts with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return (OWASP's list, plus NUL and the full-width forms of the
four signs, which some locales also read as formulas). Such a cell gets a leading
apostrophe, as OWASP advises: spreadsheets show the text and do not run it. That
apostrophe is the only change ever made to the analyst's words, and only in this
format; a reader who needs the exact text strips one leading ``'`` from such cells
or uses the JSON export.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from core.export.story_data import StoryData, appearance_drift, status_word

COLUMNS = (
    "story", "claim_id", "version_id", "version", "outlet", "label", "status", "drift",
    "quote", "start", "end", "anchor", "note", "author", "created", "modified",
)  # fmt: skip
#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_TRIGGERS = frozenset("=+-@\t\r\0＝＋－＠")
BOM = "\ufeff"


def neutralise(cell: str) -> str:
    """``cell`` with a leading apostrophe when a spreadsheet would run it as a formula."""
    return "'" + cell if cell[:1] in FORMULA_TRIGGERS else cell


def claim_rows(data: StoryData) -> Iterator[list[str]]:
    """One list of cells per appearance (origin first), neutralised, without the header."""
    for claim in data.claims:
        common = {
            "story": data.story.title,
            "claim_id": str(claim.id),
            "label": data.label_name(claim),
            "status": status_word(claim.status),
            "note": claim.note,
            "author": claim.author,
            "created": claim.created_at,
            "modified": claim.modified_at,
        }
        for appearance in claim.appearances:
            version = data.version(appearance.version_id)
            cells = common | {
                "version_id": str(version.id),
                "version": version.title or version.source,
                "outlet": version.outlet or "",
                "drift": appearance_drift(claim, appearance),
                "quote": appearance.quote,
                "start": "" if appearance.start is None else str(appearance.start),
                "end": "" if appearance.end is None else str(appearance.end),
                "anchor": appearance.anchor,
            }
            yield [neutralise(cells[name]) for name in COLUMNS]


def claims_csv(data: StoryData) -> str:
    """The whole CSV text, byte-order mark and header included."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(claim_rows(data))
    return out.getvalue()
