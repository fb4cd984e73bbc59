"""``report``, ``export`` and ``import-story``: a story out of the library, and back in.

``report STORY -o FILE`` writes the story report; the suffix picks the format
(``.html``, or ``.pdf`` through Qt's printing, which ``main.py`` supplies as
``args.pdf_writer`` so that core never imports Qt). ``export STORY --format F -o
FILE`` writes one data format; ``import-story FILE`` brings a story file into the
library in one transaction. Outputs are written atomically and never over the library.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from core.cli import add_db_option, add_model_option
from core.export.formats import FORMATS, export_bytes
from core.export.story_data import (
    ExportError,
    chosen_versions,
    load_comparison,
    load_story_data,
)
from core.export.story_report import SECTIONS
from core.limits import as_id, text_arg
from core.output import check_output_path, terminal_safe, write_bytes_output, write_output
from core.storage.cli_support import Subparsers, guarded, open_library

if TYPE_CHECKING:
    from core.records import Comparison
    from core.storage.library import Library
    from core.storage.rows import VersionRow

COMMANDS = ("report", "export", "import-story")
PAPER = ("a4", "letter")
#: Writes a report page as a PDF: (html, path, title, paper) -> pages written.
PdfWriter = Callable[[str, Path, str, str], int]


def register(subparsers: Subparsers) -> None:
    """Add the three commands to the root parser."""
    report = subparsers.add_parser(
        "report",
        help="write a story report (.html or .pdf)",
        description="The story's versions side by side, summary, entities, quotation ledger, "
        "typed changes and claims, as one HTML page or a PDF (the suffix decides).",
    )
    report.add_argument("story", metavar="STORY", type=text_arg, help="story id or title")
    report.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    report.add_argument(
        "--versions", metavar="IDS", type=_id_list,
        help="comma-separated version ids to include, the base first (default: all)",
    )  # fmt: skip
    report.add_argument(
        "--sections", metavar="NAMES", type=_section_list,
        help=f"comma-separated sections (default: all): {', '.join(SECTIONS)}",
    )  # fmt: skip
    report.add_argument("--paper", choices=PAPER, default="a4", help="PDF page size")
    add_model_option(report, default=argparse.SUPPRESS)
    _common(report, cmd_report)

    export = subparsers.add_parser(
        "export",
        help="write a story's claims and data in a standard format",
        description="csv: claims, one row per appearance; json: the whole story (for "
        "import-story); w3c: Web Annotation JSON-LD; jsonl: Prodigy/doccano; docbin: spaCy "
        "DocBin; claimreview: schema.org ClaimReview JSON-LD.",
    )
    export.add_argument("story", metavar="STORY", type=text_arg, help="story id or title")
    export.add_argument("--format", dest="data_format", choices=FORMATS, required=True)
    export.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    add_model_option(export, default=argparse.SUPPRESS)
    _common(export, cmd_export)

    imp = subparsers.add_parser(
        "import-story",
        help="import a story file written by `export --format json`",
        description="Import a whole story (versions, claims, labels, corrections, overrides) "
        "in one transaction: a bad file changes nothing.",
    )
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument("--title", type=text_arg, metavar="TITLE", help="import under this title")
    _common(imp, cmd_import_story)


def _common(parser: argparse.ArgumentParser, handler: Callable[[argparse.Namespace], int]) -> None:
    add_db_option(parser, default=argparse.SUPPRESS)
    parser.set_defaults(handler=guarded(handler))


def _id_list(text: str) -> tuple[int, ...]:
    ids = [as_id(part) for part in text.split(",")]
    if not ids or any(i is None for i in ids):
        raise argparse.ArgumentTypeError(f"{text!r} is not a comma-separated list of version ids")
    return tuple(i for i in ids if i is not None)


def _section_list(text: str) -> tuple[str, ...]:
    names = tuple(part.strip().lower() for part in text.split(",") if part.strip())
    unknown = [n for n in names if n not in SECTIONS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"{unknown[0] if unknown else text!r} is not a section; use {', '.join(SECTIONS)}"
        )
    return names


def _note(message: str) -> None:
    print(f"variorum: {message}", file=sys.stderr, flush=True)


def _comparison(
    library: Library, versions: Sequence[VersionRow], args: argparse.Namespace
) -> Comparison:
    return load_comparison(
        library, versions, model_name=getattr(args, "model", None),
        on_cache_error=lambda exc: _note(f"note: the comparison was not cached ({exc})"),
    )  # fmt: skip


def cmd_report(args: argparse.Namespace) -> int:
    """Write the story report as HTML or PDF."""
    from core.export.story_report import story_report_html

    suffix = args.output.suffix.lower()
    if suffix not in (".html", ".htm", ".pdf"):
        raise ExportError(f"{terminal_safe(str(args.output))}: the report is .html or .pdf")
    pdf_writer: PdfWriter | None = getattr(args, "pdf_writer", None)
    if suffix == ".pdf" and pdf_writer is None:
        raise ExportError("PDF reports need Qt: run them through main.py")
    with open_library(args, create=False) as library:
        check_output_path(args.output, [library.path])
        data = load_story_data(library, args.story)
        versions = chosen_versions(data, args.versions)
        comparison = _comparison(library, versions, args)
        inputs = [library.path]
    sections = args.sections or tuple(SECTIONS)
    html = story_report_html(data, comparison, versions, sections=sections, for_qt=suffix == ".pdf")
    if pdf_writer is not None and suffix == ".pdf":
        pages = pdf_writer(html, args.output, data.story.title, args.paper)
        _note(f"wrote a {pages}-page PDF report")
    else:
        write_output(html, args.output, inputs=inputs)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write one export format."""
    with open_library(args, create=False) as library:
        check_output_path(args.output, [library.path])
        data = load_story_data(library, args.story)
        payload, notes = export_bytes(
            library, data, args.data_format, model_name=getattr(args, "model", None)
        )
        inputs = [library.path]
    write_bytes_output(payload, args.output, inputs=inputs)
    for note in notes:
        _note(note)
    return 0


def cmd_import_story(args: argparse.Namespace) -> int:
    """Import a story file in one transaction."""
    from core.export.story_json import import_story_file

    with open_library(args, create=True) as library:
        summary = import_story_file(library, args.file, title=args.title)
    print(terminal_safe(summary.message()))
    return 0
