"""The story file's schema (``variorum.story/1``) as pydantic models, with every limit.

The models are strict (no coercion: ``"3"`` is not ``3``), refuse unknown fields,
bound every string and list, and check what no single field can: ids unique and
resolved, content hashes matching texts, offsets inside their text with the quote
they claim, one origin per claim. A file that passes can be written without any
storage constraint failing half-way.
"""

from __future__ import annotations

import hashlib
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from core.limits import MAX_ID

STORY_SCHEMA = "variorum.story/1"
FORMAT_NUMBER = 1
#: A version's text, in code points (the import limit of a file, 10 MiB, in characters).
MAX_TEXT = 10_485_760
MAX_SHORT = 500
MAX_NOTE = 20_000
MAX_VERSIONS = 500
MAX_REVISIONS = 200
MAX_CLAIMS = 200_000
MAX_CORRECTIONS = 200_000
MAX_LABELS = 1_000
MAX_OVERRIDES = 200_000
MAX_TIMESTAMP = 40

Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Offset = Annotated[int, Field(ge=0, le=MAX_TEXT)]
Short = Annotated[str, Field(max_length=MAX_SHORT)]
Stamp = Annotated[str, Field(min_length=1, max_length=MAX_TIMESTAMP)]
Text = Annotated[str, Field(max_length=MAX_TEXT)]
Hash = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class _Model(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class LabelModel(_Model):
    id: Id
    name: Annotated[str, Field(min_length=1, max_length=100)]
    colour: Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")]
    shortcut: Annotated[str, Field(min_length=1, max_length=32)] | None = None
    description: Annotated[str, Field(max_length=MAX_SHORT)] = ""
    position: Annotated[int, Field(ge=0, le=MAX_ID)] = 0


class RevisionModel(_Model):
    text: Annotated[str, Field(min_length=1, max_length=MAX_TEXT)]
    content_hash: Hash
    source: Short
    format: Short
    encoding: Short
    replaced_at: Stamp

    @model_validator(mode="after")
    def _hash_matches(self) -> RevisionModel:
        _check_hash(self.text, self.content_hash, "a revision")
        return self


class CorrectionModel(_Model):
    start: Offset
    end: Offset
    quote: Text
    label: Annotated[str, Field(min_length=1, max_length=64)] | None
    key: Short | None = None
    created_at: Stamp


class VersionModel(_Model):
    id: Id
    text: Annotated[str, Field(min_length=1, max_length=MAX_TEXT)]
    content_hash: Hash
    source: Short
    format: Short
    encoding: Short
    title: Short | None = None
    outlet: Short | None = None
    byline: Short | None = None
    published: Annotated[str, Field(max_length=64)] | None = None
    imported_at: Stamp
    is_base: bool = False
    revisions: Annotated[list[RevisionModel], Field(max_length=MAX_REVISIONS)] = []
    corrections: Annotated[list[CorrectionModel], Field(max_length=MAX_CORRECTIONS)] = []

    @model_validator(mode="after")
    def _consistent(self) -> VersionModel:
        _check_hash(self.text, self.content_hash, f"version {self.id}")
        for c in self.corrections:
            _check_span(self.text, c.start, c.end, c.quote, f"a correction of version {self.id}")
        return self


class AppearanceModel(_Model):
    version_id: Id
    start: Offset | None
    end: Offset | None
    quote: Text
    prefix: Annotated[str, Field(max_length=MAX_SHORT)] = ""
    suffix: Annotated[str, Field(max_length=MAX_SHORT)] = ""
    origin: bool = False
    anchor: Literal["exact", "moved", "fuzzy", "orphaned"] = "exact"
    created_at: Stamp


class ClaimModel(_Model):
    id: Id
    label_id: Id | None = None
    status: Literal["open", "verified", "disputed", "refuted", "unverifiable"] = "open"
    note: Annotated[str, Field(max_length=MAX_NOTE)] = ""
    author: Annotated[str, Field(max_length=200)] = ""
    created_at: Stamp
    modified_at: Stamp
    appearances: Annotated[list[AppearanceModel], Field(min_length=1, max_length=MAX_VERSIONS)]

    @model_validator(mode="after")
    def _one_origin(self) -> ClaimModel:
        if sum(a.origin for a in self.appearances) != 1:
            raise ValueError(f"claim {self.id} must have exactly one origin appearance")
        versions = [a.version_id for a in self.appearances]
        if len(set(versions)) != len(versions):
            raise ValueError(f"claim {self.id} appears twice in one version")
        return self


class OverrideModel(_Model):
    base_version_id: Id
    other_version_id: Id
    base_unit: Annotated[int, Field(ge=0, le=MAX_TEXT)]
    other_unit: Annotated[int, Field(ge=0, le=MAX_TEXT)]
    kind: Literal["pin", "forbid"]


class StoryModel(_Model):
    title: Annotated[str, Field(min_length=1, max_length=MAX_SHORT)]
    created_at: Stamp


class StoryFileModel(_Model):
    """A whole ``variorum.story/1`` file."""

    schema_id: Literal["variorum.story/1"] = Field(alias="schema")
    exported_at: Stamp
    engine_version: Short = ""
    story: StoryModel
    labels: Annotated[list[LabelModel], Field(max_length=MAX_LABELS)] = []
    versions: Annotated[list[VersionModel], Field(min_length=1, max_length=MAX_VERSIONS)]
    claims: Annotated[list[ClaimModel], Field(max_length=MAX_CLAIMS)] = []
    alignment_overrides: Annotated[list[OverrideModel], Field(max_length=MAX_OVERRIDES)] = []

    @model_validator(mode="after")
    def _references(self) -> StoryFileModel:
        texts = {v.id: v.text for v in self.versions}
        _unique([v.id for v in self.versions], "version id")
        _unique([v.content_hash for v in self.versions], "version text")
        _unique([label.id for label in self.labels], "label id")
        _unique([label.name.strip().casefold() for label in self.labels], "label name")
        _unique([c.id for c in self.claims], "claim id")
        if sum(v.is_base for v in self.versions) != 1:
            raise ValueError("exactly one version must be the base")
        labels = {label.id for label in self.labels}
        for claim in self.claims:
            if claim.label_id is not None and claim.label_id not in labels:
                raise ValueError(f"claim {claim.id} names label {claim.label_id}, not in the file")
            for a in claim.appearances:
                _check_appearance(texts, claim.id, a)
        for o in self.alignment_overrides:
            for version_id in (o.base_version_id, o.other_version_id):
                if version_id not in texts:
                    raise ValueError(
                        f"an alignment override names version {version_id}, not in the file"
                    )
            if o.base_version_id == o.other_version_id:
                raise ValueError("an alignment override pairs a version with itself")
        return self


def _check_hash(text: str, digest: str, what: str) -> None:
    if hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest() != digest:
        raise ValueError(f"the content hash of {what} does not match its text")


def _check_span(text: str, start: int, end: int, quote: str, what: str) -> None:
    if not 0 <= start < end <= len(text):
        raise ValueError(f"{what} spans {start}–{end}, outside its text (0–{len(text)})")
    if text[start:end] != quote:
        raise ValueError(f"{what} at {start}–{end} quotes words its text does not have there")


def _check_appearance(texts: dict[int, str], claim_id: int, a: AppearanceModel) -> None:
    what = f"claim {claim_id}'s appearance in version {a.version_id}"
    text = texts.get(a.version_id)
    if text is None:
        raise ValueError(f"{what}: the version is not in the file")
    if a.start is None or a.end is None:
        if a.start is not None or a.end is not None or a.anchor != "orphaned":
            raise ValueError(f"{what}: only an orphaned appearance has no start and end")
        return
    if a.anchor == "orphaned":
        raise ValueError(f"{what}: an orphaned appearance has no start and end")
    _check_span(text, a.start, a.end, a.quote, what)


def _unique(values: list[object], what: str) -> None:
    seen: set[object] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"the {what} {value!r} occurs twice")
        seen.add(value)
