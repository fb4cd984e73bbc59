"""The Change record returned by every mutating call."""

from __future__ import annotations

import dataclasses

import pytest

from core.storage import NO_CHANGE, Change


def test_change_of_and_merge() -> None:
    a = Change.of(stories=[1], versions={2})
    b = Change.of(versions=[3], claims=(4,))
    merged = a | b
    assert merged.stories == {1}
    assert merged.versions == {2, 3}
    assert merged.claims == {4}
    assert isinstance(merged.versions, frozenset)


def test_change_truthiness() -> None:
    assert not NO_CHANGE
    assert not Change()
    assert Change.of(labels=[1])


def test_change_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        Change().stories = frozenset({1})  # type: ignore[misc]
