"""Every data export format by name: one function from a story's rows to a file's bytes."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from core.export.story_data import ExportError, StoryData, load_comparison

if TYPE_CHECKING:
    from core.storage.library import Library

FORMATS = ("csv", "json", "w3c", "jsonl", "docbin", "claimreview")
#: Formats that need the comparison (the corrected entities); the others need only rows.
NEEDS_COMPARISON = frozenset({"jsonl", "docbin"})


def export_bytes(
    library: Library, data: StoryData, fmt: str, *, model_name: str | None = None
) -> tuple[bytes, list[str]]:
    """One format's file content and the notes to show (shared by the CLI and the GUI)."""
    notes: list[str] = []
    if fmt == "csv":
        from core.export.tabular import claims_csv

        return claims_csv(data).encode("utf-8"), notes
    if fmt == "json":
        from core.export.story_json import dump_story

        return dump_story(data).encode("utf-8"), notes
    if fmt == "w3c":
        from core.export.w3c import web_annotations

        text = json.dumps(web_annotations(data), ensure_ascii=False, indent=1)
        return (text + "\n").encode("utf-8"), notes
    if fmt == "claimreview":
        from core.export.claimreview import claim_reviews

        reviews = claim_reviews(data)
        text = json.dumps(reviews.document, ensure_ascii=False, indent=1)
        return (text + "\n").encode("utf-8"), [reviews.message()]
    comparison = load_comparison(library, list(data.versions), model_name=model_name,
                                 on_cache_error=lambda exc: notes.append(
                                     f"note: the comparison was not cached ({exc})"))  # fmt: skip
    if fmt == "jsonl":
        from core.export.spacy_formats import prodigy_jsonl

        return prodigy_jsonl(data, comparison).encode("utf-8"), notes
    if fmt == "docbin":
        from core.export.spacy_formats import claims_docbin

        payload, span_notes = claims_docbin(data, comparison)
        return payload, notes + span_notes.summary()
    raise ExportError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
