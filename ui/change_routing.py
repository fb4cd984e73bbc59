"""Which views a storage ``Change`` touches, so an edit never reloads what it does not show.

A claim edit repaints one layer and one panel row; a rename refreshes a tree row and
the title; a pin, a correction or a version's new outlet or date re-aligns from cached
parses; only a change to the versions' texts or their list shows the story again.
Pure: no Qt, unit-tested.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core.storage.changes import Change


@dataclass(frozen=True, slots=True)
class Routes:
    """What to refresh for one change."""

    #: Stories whose tree rows to refresh (None: all of them).
    stories: frozenset[int] | None
    #: The story on screen must be shown again (its versions or their order changed).
    reshow: bool = False
    #: The comparison on screen must be recomputed (overrides, corrections or a version's
    #: outlet or date changed), from the cached parses.
    realign: bool = False
    #: The claims of the story on screen changed (claims, links or labels).
    claims: bool = False
    labels: bool = False


EVERYTHING = Routes(stories=None, reshow=True, claims=True, labels=True)


def route(change: Change | None, story_id: int | None, version_ids: Sequence[int]) -> Routes:
    """The refreshes ``change`` needs while ``story_id`` (versions ``version_ids``) is shown.

    ``None`` stands for "anything may have changed" (after a failed edit).
    """
    if change is None:
        return EVERYTHING
    shown = frozenset(version_ids)
    rewritten = change.versions - change.properties
    versions_changed = bool(rewritten & shown) or (story_id in change.stories and bool(rewritten))
    reread = change.overrides | change.corrections | change.properties
    return Routes(
        stories=change.stories if change.stories or change.versions else frozenset(),
        reshow=story_id is not None and versions_changed,
        realign=not versions_changed and bool(reread & shown),
        claims=bool(change.claims),
        labels=bool(change.labels),
    )
