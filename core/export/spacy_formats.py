"""Training data from a story: Prodigy/doccano JSONL and a spaCy ``DocBin``.

Both carry each version's entities *as corrected by the analyst* (the model's
entities with every correction applied, as the comparison has them) and the
claims, so the analyst's work can train a better model.

- JSONL: one line per version, ``{"text", "spans": [{"start", "end", "label"}],
  "label": [[start, end, label]], "claims": [...], "meta": {...}}``. ``spans`` is
  Prodigy's form and ``label`` doccano's, both of the entities; the claims, which
  may overlap each other and the entities, are apart in ``claims``. Offsets are
  code points, as both tools count them.
- DocBin: one ``Doc`` per version, tokenised by spaCy's English rules, with the
  entities in ``doc.ents`` and the claims in ``doc.spans["claims"]`` (each span's
  ``id_`` is the claim id); ``doc.user_data["variorum"]`` keeps the story, the
  version and each claim's status and note. A span that does not fall on spaCy's
  token boundaries is widened to whole tokens; entities that then overlap keep the
  longest; both are counted in the notes returned.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from core.export.story_data import StoryData, status_word
from core.storage.rows import VersionRow

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from core.records import Comparison

CLAIMS_KEY = "claims"
USER_DATA_KEY = "variorum"
#: The label of a claim without one.
NO_LABEL = "CLAIM"


@dataclass
class SpanNotes:
    """What fitting spans to spaCy's tokens changed (reported to the user, never silent)."""

    widened: int = 0
    dropped_overlaps: int = 0
    messages: list[str] = field(default_factory=list)

    def summary(self) -> list[str]:
        """One line per kind of change, none when nothing changed."""
        lines = []
        if self.widened:
            lines.append(f"{self.widened} span(s) widened to whole spaCy tokens")
        if self.dropped_overlaps:
            lines.append(f"{self.dropped_overlaps} overlapping entity span(s) left out of doc.ents")
        return lines + self.messages


def _pairs(data: StoryData, comparison: Comparison) -> Iterator[tuple[VersionRow, Any]]:
    """Each compared version's row with its analysed record (matched by text hash)."""
    by_hash = {v.content_hash: v for v in data.versions}
    for analysed in comparison.versions:
        row = by_hash.get(analysed.content_hash)
        if row is not None:
            yield row, analysed


def _claim_spans(data: StoryData, version_id: int) -> list[dict[str, Any]]:
    spans = []
    for claim in data.claims:
        appearance = claim.appearance_in(version_id)
        if appearance is None or appearance.start is None or appearance.end is None:
            continue
        spans.append({
            "start": appearance.start,
            "end": appearance.end,
            "label": data.label_name(claim) or NO_LABEL,
            "claim_id": claim.id,
            "status": status_word(claim.status),
            "origin": appearance.origin,
        })  # fmt: skip
    return sorted(spans, key=lambda s: (s["start"], s["end"], s["claim_id"]))


def _meta(data: StoryData, version: VersionRow) -> dict[str, Any]:
    return {
        "story": data.story.title,
        "version_id": version.id,
        "title": version.title,
        "outlet": version.outlet,
        "published": version.published,
        "source": version.source,
        "is_base": version.is_base,
    }


def prodigy_jsonl(data: StoryData, comparison: Comparison) -> str:
    """One JSON object per line and version (see the module docstring)."""
    lines = []
    for version, analysed in _pairs(data, comparison):
        entities = [{"start": e.start, "end": e.end, "label": e.label} for e in analysed.entities]
        record = {
            "text": version.text,
            "spans": entities,
            "label": [[e["start"], e["end"], e["label"]] for e in entities],
            "claims": _claim_spans(data, version.id),
            "meta": _meta(data, version),
        }
        lines.append(json.dumps(record, ensure_ascii=False))
    return "".join(line + "\n" for line in lines)


def _fit(doc: Doc, start: int, end: int, label: str, notes: SpanNotes) -> Span | None:
    span = doc.char_span(start, end, label=label)
    if span is None:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None:
            notes.widened += 1
        else:
            notes.messages.append(f"a {label} span at {start}–{end} has no token and was left out")
    return span


def _doc(data: StoryData, version: VersionRow, analysed: Any, nlp: Any, notes: SpanNotes) -> Doc:
    from spacy.util import filter_spans

    doc = nlp.make_doc(version.text)
    entities = [_fit(doc, e.start, e.end, e.label, notes) for e in analysed.entities]
    kept = filter_spans([s for s in entities if s is not None])
    notes.dropped_overlaps += sum(1 for s in entities if s is not None) - len(kept)
    doc.ents = kept
    claims = []
    for spec in _claim_spans(data, version.id):
        span = _fit(doc, spec["start"], spec["end"], spec["label"], notes)
        if span is not None:
            span.id_ = str(spec["claim_id"])
            claims.append(span)
    doc.spans[CLAIMS_KEY] = claims
    doc.user_data[USER_DATA_KEY] = _meta(data, version) | {
        "claims": [
            {"id": c.id, "status": status_word(c.status), "note": c.note, "author": c.author}
            for c in data.claims
            if c.appearance_in(version.id) is not None
        ]
    }
    return doc


def claims_docbin(data: StoryData, comparison: Comparison) -> tuple[bytes, SpanNotes]:
    """The DocBin's bytes (``DocBin().from_bytes`` reads them) and what fitting changed."""
    from core.spacy_import import import_spacy

    spacy = import_spacy()
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    notes = SpanNotes()
    docbin = DocBin(store_user_data=True)
    for version, analysed in _pairs(data, comparison):
        docbin.add(_doc(data, version, analysed, nlp, notes))
    return docbin.to_bytes(), notes
