"""The story report's stylesheets: screen, print (A4 and Letter alike), and Qt's rich text."""

from __future__ import annotations

SCREEN_CSS = """
body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em;
color:#1b1b1b;background:#fff}
h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:2em;
border-bottom:2px solid #333}h3{font-size:1em;margin:1.4em 0 .4em}
.meta{color:#555;font-size:.9em}
table{border-collapse:collapse;width:100%;table-layout:fixed;margin:.4em 0 1em}
th,td{vertical-align:top;text-align:left;padding:.3em .5em;border-bottom:1px solid #ddd;
overflow-wrap:anywhere;white-space:pre-wrap}
th{background:#f2f2f2;font-weight:600}
td.num,th.num{text-align:right;width:6em}
.status{width:6.5em;font-size:.85em;color:#444}
tr.added td:nth-child(3),tr.removed td:nth-child(2){background:#eef6ff}
tr.moved td{background:#fff6e0}
.ins{background:#c9efd3;border-bottom:2px solid #1a7f37}
.del{background:#ffd9d6;text-decoration:line-through}
.minor{opacity:.65}
.chg{display:inline-block;font-size:.75em;padding:0 .4em;border-radius:.6em;
background:#ede7f6;color:#4a148c;white-space:nowrap}
tr.q-altered td.status{color:#b00020;font-weight:600}
.unquoted,.why{font-size:.8em;color:#555}
div.claim{margin-bottom:1.2em}
.note{white-space:pre-wrap;border-left:3px solid #999;padding-left:.6em}
.swatch{display:inline-block;width:.9em;height:.9em;border:1px solid #555;
vertical-align:-.1em}
bdi{unicode-bidi:isolate}
.ctl::before{content:attr(data-c);font:600 .65em/1 monospace;color:#b00020;
border:1px solid currentColor;border-radius:.2em;padding:0 .15em;margin:0 .1em;
unicode-bidi:isolate;direction:ltr}
"""

#: ``%TITLE%`` becomes the story title as a CSS string (:func:`css_string`).
PRINT_CSS = """
@page{margin:16mm 12mm 16mm 12mm;
@top-center{content:%TITLE%;font:9pt system-ui,sans-serif;color:#444}
@bottom-right{content:"Page " counter(page) " of " counter(pages);
font:9pt system-ui,sans-serif;color:#444}}
@media print{
body{font-size:10pt;margin:0;max-width:none;padding:0}
h2{break-after:avoid;page-break-after:avoid}h3{break-after:avoid;page-break-after:avoid}
tr,div.claim{break-inside:avoid;page-break-inside:avoid}
thead{display:table-header-group}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
"""

#: Qt's rich text understands a subset of CSS 2: no pseudo-elements, no page boxes.
QT_CSS = """
body{font-family:sans-serif;font-size:9pt;color:#1b1b1b}
h1{font-size:15pt}h2{font-size:12pt;margin-top:14pt}h3{font-size:10pt;margin-top:8pt}
.meta{color:#555555}
table{border-collapse:collapse;margin-bottom:8pt}
th{background-color:#eeeeee;font-weight:bold;text-align:left}
td,th{padding:2pt;border:0.5pt solid #cccccc;vertical-align:top;white-space:pre-wrap}
td.num{text-align:right}
.status{color:#444444}
tr.moved td{background-color:#fff6e0}
.ins{background-color:#c9efd3}
.del{background-color:#ffd9d6;text-decoration:line-through}
.minor{color:#555555}
.chg{background-color:#ede7f6;color:#4a148c}
.unquoted,.why{color:#555555}
.note{white-space:pre-wrap}
.ctl{color:#b00020;font-family:monospace}
"""


def css_string(text: str) -> str:
    """``text`` as a CSS string literal: every character but letters, digits and spaces
    written as a hex escape, so no quote, backslash, ``<`` or newline can end it."""
    return (
        '"'
        + "".join(
            ch if (ch.isalnum() and ch.isascii()) or ch == " " else f"\\{ord(ch):x} " for ch in text
        )
        + '"'
    )
