"""What a library call changed, so views refresh only what they show."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields


@dataclass(frozen=True, slots=True)
class Change:
    """The ids touched by one mutating :class:`~core.storage.library.Library` call.

    Each field is a set of ids; an empty ``Change`` means nothing was written.

    Attributes:
        stories: stories added, renamed, deleted or restored, or whose base or
            version list changed.
        versions: versions added, edited, deleted or restored.
        claims: claims added, edited or deleted.
        labels: labels added, edited or deleted.
        appearances: claim appearances added, removed or re-anchored (their
            claims are in ``claims`` too).
        corrections: versions whose entity corrections changed.
        analyses: versions whose cached analyses (DocBin or comparison) changed.
        overrides: versions whose alignment overrides changed (both sides of the pair).
        properties: versions whose outlet, byline or publication date changed but not
            their text (they are in ``versions`` too): a comparison re-reads their dates
            from the cached parses.
    """

    stories: frozenset[int] = frozenset()
    versions: frozenset[int] = frozenset()
    claims: frozenset[int] = frozenset()
    labels: frozenset[int] = frozenset()
    appearances: frozenset[int] = frozenset()
    corrections: frozenset[int] = frozenset()
    analyses: frozenset[int] = frozenset()
    overrides: frozenset[int] = frozenset()
    properties: frozenset[int] = frozenset()

    @classmethod
    def of(cls, **ids: Iterable[int]) -> Change:
        """Build a Change from iterables: ``Change.of(stories=[1], versions={4, 5})``."""
        return cls(**{name: frozenset(values) for name, values in ids.items()})

    def __or__(self, other: Change) -> Change:
        """Merge two changes (for compound operations)."""
        return Change(
            **{f.name: getattr(self, f.name) | getattr(other, f.name) for f in fields(self)}
        )

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))


NO_CHANGE = Change()
