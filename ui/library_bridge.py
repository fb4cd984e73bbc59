"""The GUI's one door to the storage ``Library``: rows for the tree, inputs for the engine.

Everything the shell needs from storage goes through here, so a change in the storage
API touches one module. Only the GUI thread calls it (SQLite connections are bound to
their thread); workers get the immutable ``StoryInputs`` it returns.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from core import ENGINE_VERSION
from core.errors import InputError, VariorumError
from core.textio import SourceText, load_file, text_format
from ui.models.library_model import StoryItem, VersionItem
from ui.version_names import short_names, version_name

if TYPE_CHECKING:
    from core.align import Overrides
    from core.corrections import EntityCorrection
    from core.records import Comparison
    from core.storage.library import Library
    from core.stored_compare import ParsedComparison, StoredInputs



#: (outlet, published date) of a version, when known.
VersionMeta = tuple[str | None, str | None]


@dataclass(frozen=True, slots=True)
class StoryInputs:
    """What the engine needs for one story, base first, plus what the GUI shows."""

    story_id: int
    version_ids: tuple[int, ...]
    sources: tuple[SourceText, ...]
    names: tuple[str, ...]
    overrides: Mapping[int, Overrides] = field(default_factory=dict)
    corrections: Mapping[int, tuple[EntityCorrection, ...]] = field(default_factory=dict)
    #: The same names in their short form, for narrow places (``ui.version_names``).
    short_names: tuple[str, ...] = ()

    def short_name(self, index: int) -> str:
        """Version ``index``'s short name (its long name when none was made)."""
        if index < len(self.short_names):
            return self.short_names[index]
        return self.names[index] if index < len(self.names) else f"Version {index + 1}"

    def stored(self) -> StoredInputs:
        """The engine's view of these inputs (``core.stored_compare``)."""
        from core.stored_compare import StoredInputs

        return StoredInputs(self.version_ids, self.sources, self.overrides, self.corrections)


class LibraryBridge:
    """Adapts ``core.storage.library.Library`` to what the shell asks of it."""

    def __init__(self, library: Library) -> None:
        self.library = library

    # ------------------------------------------------------------------ LibrarySource

    def stories(self) -> Sequence[StoryItem]:
        return [
            StoryItem(s.id, s.title, s.version_count, f"Added {s.created_at[:10]}")
            for s in self.library.list_stories()
        ]

    def versions(self, story_id: int) -> Sequence[VersionItem]:
        return [
            VersionItem(
                v.id,
                story_id,
                version_name(v.source, v.outlet, v.published),
                v.is_base,
                f"{v.source}\n{v.word_count:,} words",
            )
            for v in self.library.list_versions(story_id)
        ]

    def search(self, query: str) -> list[int]:
        """Ids of the stories whose text matches ``query`` (full-text index)."""
        return list(dict.fromkeys(hit.story_id for hit in self.library.search(query)))

    def is_empty(self) -> bool:
        return not self.library.list_stories()

    # ------------------------------------------------------------------ imports

    def add_story(
        self,
        sources: Sequence[SourceText],
        title: str | None = None,
        meta: Sequence[VersionMeta] = (),
    ) -> int:
        """Store ``sources`` as a new story (the first is the base); returns its id.

        Titles are unique in the library, so a taken title gets a number: "Title (2)".
        If the versions cannot be stored, the new, empty story is removed again.
        """
        story_id, _change = self.library.add_story(self._free_title(title or _title_of(sources[0])))
        try:
            self.add_versions(story_id, sources, meta)
        except VariorumError:
            self.library.delete_story(story_id)
            raise
        return int(story_id)

    def add_versions(
        self, story_id: int, sources: Sequence[SourceText], meta: Sequence[VersionMeta] = ()
    ) -> None:
        if not meta:
            self.library.add_versions(story_id, sources)  # one transaction: all or none
            return
        for source, (outlet, published) in zip(sources, meta, strict=True):
            self.library.add_version(story_id, source, outlet=outlet, published=published)

    def _free_title(self, title: str) -> str:
        title = title.strip()[:200] or "Untitled story"
        candidate, number = title, 1
        while self.library.find_story(candidate) is not None:
            number += 1
            candidate = f"{title} ({number})"
        return candidate

    def find_story_with(self, sources: Sequence[SourceText]) -> int | None:
        """A stored story holding exactly these texts in this order (the demo, re-imported)."""
        wanted = [s.content_hash for s in sources]
        for story in self.library.list_stories():
            if story.version_count != len(wanted):
                continue
            if [v.content_hash for v in self.library.list_versions(story.id)] == wanted:
                return int(story.id)
        return None

    # ------------------------------------------------------------------ analysis

    def story_inputs(self, story_id: int) -> StoryInputs:
        from core.stored_compare import stored_corrections, stored_overrides

        rows = self.library.list_versions(story_id)
        sources = tuple(
            SourceText(v.source, v.text, v.content_hash, text_format(v.format), v.encoding,
                       v.title, published=v.published)
            for v in rows
        )
        ids = [v.id for v in rows]
        return StoryInputs(
            story_id=story_id,
            version_ids=tuple(ids),
            sources=sources,
            names=tuple(version_name(v.source, v.outlet, v.published) for v in rows),
            short_names=tuple(short_names([(v.source, v.outlet, v.published) for v in rows])),
            overrides=stored_overrides(self.library, ids),
            corrections=stored_corrections(self.library, ids),
        )

    def cached_parses(self, inputs: StoryInputs, model_name: str | None) -> list[bytes | None]:
        """Each version's cached parse (DocBin bytes) for the installed model, or None."""
        from core.stored_compare import read_cached_parses

        return read_cached_parses(self.library, inputs.version_ids, model_name)

    def cached_payload(self, inputs: StoryInputs, model_key: str) -> str | None:
        """The cached comparison's JSON text, if any (``decode_comparison`` reads it)."""
        text = self.library.cached_comparison(list(inputs.version_ids), model_key, ENGINE_VERSION)
        return text or None

    def save_analysis(self, inputs: StoryInputs, parsed: ParsedComparison, payload: str) -> None:
        """Cache the parses made for a comparison and its JSON (built on the worker)."""
        from core.stored_compare import save_parses

        save_parses(self.library, inputs.version_ids, parsed)
        self.library.save_comparison(
            list(inputs.version_ids), parsed.comparison.model, ENGINE_VERSION, payload
        )


def comparison_payload(comparison: Comparison) -> str:
    """The cache's JSON text for a comparison; pure, so the worker thread can build it."""
    from core.contract import comparison_to_json

    return json.dumps(comparison_to_json(comparison), ensure_ascii=False)


def decode_comparison(payload: str) -> Comparison:
    """A comparison from its cached JSON text; pure, so a worker thread can do it."""
    from core.contract import comparison_from_json

    return comparison_from_json(json.loads(payload))


def read_files(paths: Sequence[str]) -> tuple[list[SourceText], list[str]]:
    """Load each file (on the worker); returns the texts read and a plain line per failure."""
    sources: list[SourceText] = []
    problems: list[str] = []
    for path in paths:
        try:
            sources.append(load_file(path))
        except InputError as exc:
            problems.append(str(exc))
    return sources, problems


def _title_of(source: SourceText) -> str:
    if source.title:
        return source.title
    first_line = source.text.split("\n", 1)[0].strip()
    return first_line[:120] or version_name(source.source)
