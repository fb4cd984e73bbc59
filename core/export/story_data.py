"""Everything a story's report or export needs, read from the library once.

Every format (report, CSV, W3C, JSONL, DocBin, ClaimReview, story JSON) starts
from one :class:`StoryData`: the story, its live versions (base first), claims,
labels, entity corrections, alignment overrides and earlier texts. The
comparison (entities, quotes, word diffs) is separate, :func:`load_comparison`:
only the report and the entity formats need it, and it may take a parse.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from core.claims import STATUS_WORDS, claim_drift, drift_label
from core.errors import StorageError, VariorumError
from core.limits import as_id
from core.storage.rows import (
    AlignmentOverrideRow,
    AppearanceRow,
    ClaimRow,
    EntityCorrectionRow,
    LabelRow,
    RevisionRow,
    StoryRow,
    VersionRow,
)

if TYPE_CHECKING:
    from core.records import Comparison
    from core.storage.library import Library


class ExportError(VariorumError):
    """A report or export that cannot be made as asked (one line for the user)."""


@dataclass(frozen=True, slots=True)
class StoryData:
    """A story as stored: the rows every export format reads."""

    story: StoryRow
    #: Live versions, the base first, then in import order.
    versions: tuple[VersionRow, ...]
    claims: tuple[ClaimRow, ...]
    #: Every label of the library by id (claims name theirs by id).
    labels: Mapping[int, LabelRow]
    #: Entity corrections by version id, in text order.
    corrections: Mapping[int, tuple[EntityCorrectionRow, ...]]
    #: Pinned and forbidden unit pairs between any two of the versions.
    overrides: tuple[AlignmentOverrideRow, ...]
    #: Texts a version had before a corrected re-import, by version id, oldest first.
    revisions: Mapping[int, tuple[RevisionRow, ...]]

    def version(self, version_id: int) -> VersionRow:
        """The version with this id (KeyError when it is not one of the story's)."""
        return self._versions_by_id()[version_id]

    def _versions_by_id(self) -> dict[int, VersionRow]:
        return {v.id: v for v in self.versions}

    def label_name(self, claim: ClaimRow) -> str:
        """The claim's label, or "" when it has none."""
        label = self.labels.get(claim.label_id) if claim.label_id is not None else None
        return label.name if label else ""

    def used_labels(self) -> list[LabelRow]:
        """The labels the story's claims use, in display order."""
        used = {c.label_id for c in self.claims}
        return sorted((r for i, r in self.labels.items() if i in used), key=_label_order)


def _label_order(label: LabelRow) -> tuple[int, int]:
    return label.position, label.id


def status_word(status: str) -> str:
    """The analysts' word for a stored status ("verified" is "Supported")."""
    return STATUS_WORDS.get(status, status)


def appearance_drift(claim: ClaimRow, appearance: AppearanceRow | None) -> str:
    """How an appearance drifted from the claim's origin, in table words."""
    if appearance is None:
        return "absent"
    if appearance.origin:
        return "origin"
    if appearance.start is None:
        return "orphaned"
    return drift_label(claim_drift(claim.origin.quote, appearance.quote))


def find_story(library: Library, key: str | int) -> StoryRow:
    """A story by id or title (ignoring case), or a one-line StorageError."""
    story_id = key if isinstance(key, int) else as_id(key)
    story = library.get_story(story_id) if story_id is not None else None
    story = story or (library.find_story(key) if isinstance(key, str) else None)
    if story is None:
        raise StorageError(f"there is no story with the id or title {key!r}")
    return story


def load_story_data(library: Library, key: str | int) -> StoryData:
    """Read a story and everything that hangs off it (one pass over the library)."""
    story = find_story(library, key)
    versions = tuple(library.list_versions(story.id))
    ids = [v.id for v in versions]
    overrides = [
        row
        for base in ids
        for other in ids
        if base != other
        for row in library.list_alignment_overrides(base, other)
    ]
    return StoryData(
        story=story,
        versions=versions,
        claims=tuple(library.list_claims(story_id=story.id)),
        labels={label.id: label for label in library.list_labels()},
        corrections={v: tuple(library.list_entity_corrections(v)) for v in ids},
        overrides=tuple(overrides),
        revisions={v: tuple(library.list_revisions(v)) for v in ids},
    )


def chosen_versions(data: StoryData, version_ids: Sequence[int] | None) -> list[VersionRow]:
    """The versions asked for (the first is the base of the comparison), all by default."""
    if version_ids is None:
        return list(data.versions)
    known = {v.id: v for v in data.versions}
    missing = [v for v in version_ids if v not in known]
    if missing:
        raise ExportError(
            f"version {missing[0]} is not a live version of the story {data.story.title!r}"
        )
    if len(set(version_ids)) != len(version_ids):
        raise ExportError("each version can be chosen only once")
    if not version_ids:
        raise ExportError("choose at least one version")
    return [known[v] for v in version_ids]


def load_comparison(
    library: Library,
    versions: Sequence[VersionRow],
    *,
    model_name: str | None = None,
    on_cache_error: Callable[[StorageError], None] | None = None,
) -> Comparison:
    """The comparison of ``versions`` (the first is the base): cached, or computed and cached.

    A single version is "compared" with itself so its entities and quotes are known.
    """
    from core.contract import comparison_from_json
    from core.stored_compare import compare_stored

    ids = [v.id for v in versions]
    payload, _ = compare_stored(
        library, ids if len(ids) > 1 else ids * 2, model_name=model_name,
        on_cache_error=on_cache_error or (lambda _exc: None),
    )  # fmt: skip
    comparison = comparison_from_json(json.loads(payload))
    if len(ids) == 1:
        entities = tuple(
            replace(e, counts=e.counts[:1], missing_in=()) for e in comparison.entity_diff
        )
        comparison = replace(
            comparison, versions=comparison.versions[:1], alignments=(), quote_checks=(),
            summary=(), entity_diff=entities,
        )  # fmt: skip
    return comparison
