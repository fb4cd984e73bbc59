"""The story file's schema in msgspec, for bench_exports.py to measure against pydantic.

Field constraints as ``core.export.story_schema`` has them, then the same
cross-field checks; not used by Variorum itself.
"""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

from core.export import story_schema as s

Short = Annotated[str, msgspec.Meta(max_length=s.MAX_SHORT)]
Stamp = Annotated[str, msgspec.Meta(min_length=1, max_length=s.MAX_TIMESTAMP)]
Text = Annotated[str, msgspec.Meta(max_length=s.MAX_TEXT)]
Id = Annotated[int, msgspec.Meta(ge=1)]
Offset = Annotated[int, msgspec.Meta(ge=0, le=s.MAX_TEXT)]
Hash = Annotated[str, msgspec.Meta(pattern=r"^[0-9a-f]{64}$")]


class Label(msgspec.Struct, forbid_unknown_fields=True):
    id: Id
    name: Short
    colour: Annotated[str, msgspec.Meta(pattern=r"^#[0-9a-fA-F]{6}$")]
    shortcut: Short | None = None
    description: Short = ""
    position: int = 0


class Revision(msgspec.Struct, forbid_unknown_fields=True):
    text: Text
    content_hash: Hash
    source: Short
    format: Short
    encoding: Short
    replaced_at: Stamp


class Correction(msgspec.Struct, forbid_unknown_fields=True):
    start: Offset
    end: Offset
    quote: Text
    label: Short | None
    created_at: Stamp
    key: Short | None = None


class Version(msgspec.Struct, forbid_unknown_fields=True):
    id: Id
    text: Text
    content_hash: Hash
    source: Short
    format: Short
    encoding: Short
    imported_at: Stamp
    title: Short | None = None
    outlet: Short | None = None
    byline: Short | None = None
    published: Short | None = None
    is_base: bool = False
    revisions: list[Revision] = []
    corrections: list[Correction] = []


class Appearance(msgspec.Struct, forbid_unknown_fields=True):
    version_id: Id
    start: Offset | None
    end: Offset | None
    quote: Text
    created_at: Stamp
    prefix: Short = ""
    suffix: Short = ""
    origin: bool = False
    anchor: Literal["exact", "moved", "fuzzy", "orphaned"] = "exact"


class Claim(msgspec.Struct, forbid_unknown_fields=True):
    id: Id
    created_at: Stamp
    modified_at: Stamp
    appearances: list[Appearance]
    label_id: Id | None = None
    status: Literal["open", "verified", "disputed", "refuted", "unverifiable"] = "open"
    note: Annotated[str, msgspec.Meta(max_length=s.MAX_NOTE)] = ""
    author: Short = ""


class Override(msgspec.Struct, forbid_unknown_fields=True):
    base_version_id: Id
    other_version_id: Id
    base_unit: Offset
    other_unit: Offset
    kind: Literal["pin", "forbid"]


class Story(msgspec.Struct, forbid_unknown_fields=True):
    title: Short
    created_at: Stamp


class File(msgspec.Struct, forbid_unknown_fields=True, rename={"schema_id": "schema"}):
    schema_id: Literal["variorum.story/1"]
    exported_at: Stamp
    story: Story
    versions: list[Version]
    engine_version: Short = ""
    labels: list[Label] = []
    claims: list[Claim] = []
    alignment_overrides: list[Override] = []


decoder = msgspec.json.Decoder(File)


def validate(raw: bytes) -> object:
    document = decoder.decode(raw)
    texts = {v.id: v.text for v in document.versions}
    for v in document.versions:  # the same cross-field checks as the pydantic models
        s._check_hash(v.text, v.content_hash, "v")
    for claim in document.claims:
        for a in claim.appearances:
            if a.start is not None and a.end is not None:
                s._check_span(texts[a.version_id], a.start, a.end, a.quote, "a")
    return document
