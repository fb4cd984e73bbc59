"""A story's claims and entity corrections as a W3C Web Annotation collection (JSON-LD).

One ``Annotation`` per claim: a ``tagging`` body (the label), an ``assessing`` body
(the status in the analysts' words), a ``commenting`` body (the note, when there is
one), the author as ``creator``, and one target per appearance, the origin first.
Each target is a ``SpecificResource`` on its version with a ``TextQuoteSelector``
(exact, prefix, suffix) and a ``TextPositionSelector``. An orphaned appearance (its
words are gone from the corrected text) has the quote selector only.

Positions count Unicode code points, as the Web Annotation model says and as
Variorum stores them (a character outside the BMP, an emoji, counts 1, where Qt and
JavaScript count 2 UTF-16 units).

Each entity correction is a ``classifying`` annotation whose body is the entity
label, or an ``editing`` body "not an entity" for a removed one.

Identifiers are ``urn:uuid:`` names derived (UUID 5) from the story, the claim and
the text they point into, so exporting the same library twice gives the same ids.
"""

from __future__ import annotations

import uuid
from typing import Any

from core.anchoring import quote_selector
from core.export.story_data import StoryData, status_word
from core.storage.rows import AppearanceRow, ClaimRow, EntityCorrectionRow, VersionRow

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
_NAMESPACE = uuid.UUID("6f1b3f6e-2a4c-5d8e-9b0a-7c3d2e1f4a5b")
Json = dict[str, Any]


def _urn(*parts: object) -> str:
    return uuid.uuid5(_NAMESPACE, "\x1f".join(str(p) for p in parts)).urn


def version_iri(version: VersionRow) -> str:
    """The IRI naming a version's text (the same text gets the same IRI)."""
    return _urn("text", version.content_hash)


def _source(version: VersionRow) -> Json:
    source: Json = {"id": version_iri(version), "type": "Text", "format": "text/plain"}
    title = version.title or version.source
    if title:
        source["title"] = title
    return source


def _target(version: VersionRow, appearance: AppearanceRow) -> Json:
    selectors: list[Json] = [
        {
            "type": "TextQuoteSelector",
            "exact": appearance.quote,
            "prefix": appearance.prefix,
            "suffix": appearance.suffix,
        }
    ]
    if appearance.start is not None and appearance.end is not None:
        selectors.append(
            {"type": "TextPositionSelector", "start": appearance.start, "end": appearance.end}
        )
    return {"type": "SpecificResource", "source": _source(version), "selector": selectors}


def _text_body(purpose: str, value: str) -> Json:
    return {"type": "TextualBody", "purpose": purpose, "value": value, "format": "text/plain"}


def claim_annotation(data: StoryData, claim: ClaimRow) -> Json:
    """One claim as an Annotation."""
    bodies = []
    label = data.label_name(claim)
    if label:
        bodies.append(_text_body("tagging", label))
    bodies.append(_text_body("assessing", status_word(claim.status)))
    if claim.note:
        bodies.append(_text_body("commenting", claim.note))
    annotation: Json = {
        "id": _urn("claim", data.story.created_at, data.story.title, claim.id, claim.created_at),
        "type": "Annotation",
        "motivation": "tagging",
        "created": claim.created_at,
        "modified": claim.modified_at,
        "body": bodies,
        "target": [_target(data.version(a.version_id), a) for a in claim.appearances],
    }
    if claim.author:
        annotation["creator"] = {"type": "Person", "name": claim.author}
    return annotation


def correction_annotation(version: VersionRow, correction: EntityCorrectionRow) -> Json:
    """One entity correction as an Annotation on its span."""
    quote = quote_selector(version.text, correction.start, correction.end)
    appearance = AppearanceRow(
        correction.id, 0, version.id, correction.start, correction.end, quote.exact,
        quote.prefix, quote.suffix, True, "exact", correction.created_at,
    )  # fmt: skip
    if correction.label is None:
        body = _text_body("editing", "not an entity")
    else:
        body = _text_body("classifying", correction.label)
    return {
        "id": _urn("correction", version.content_hash, correction.start, correction.end),
        "type": "Annotation",
        "motivation": "classifying",
        "created": correction.created_at,
        "body": [body],
        "target": _target(version, appearance),
    }


def web_annotations(data: StoryData) -> Json:
    """The story's ``AnnotationCollection``, every annotation on its one page."""
    items = [claim_annotation(data, claim) for claim in data.claims]
    for version in data.versions:
        items += [correction_annotation(version, c) for c in data.corrections.get(version.id, ())]
    collection_id = _urn("story", data.story.created_at, data.story.title)
    return {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": data.story.title,
        "total": len(items),
        "first": {
            "id": f"{collection_id}#page1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }
