"""Each kind of storage change reaches only the views it touches."""

from __future__ import annotations

from core.storage.changes import Change
from ui.change_routing import EVERYTHING, route

SHOWN = (4, 5, 6)


def test_claim_edit_touches_claims_only():
    routes = route(Change.of(claims=[9]), 1, SHOWN)
    assert routes.claims and not routes.reshow and not routes.realign
    assert routes.stories == frozenset()


def test_rename_refreshes_the_tree_row_without_reshowing():
    routes = route(Change.of(stories=[1]), 1, SHOWN)
    assert routes.stories == {1} and not routes.reshow and not routes.realign


def test_a_new_version_of_the_story_on_screen_reshows_it():
    assert route(Change.of(stories=[1], versions=[7]), 1, SHOWN).reshow


def test_a_new_version_of_another_story_does_not():
    routes = route(Change.of(stories=[2], versions=[7]), 1, SHOWN)
    assert not routes.reshow and routes.stories == {2}


def test_pins_and_corrections_realign_without_reshowing():
    for change in (Change.of(overrides=[4, 5]), Change.of(corrections=[6])):
        routes = route(change, 1, SHOWN)
        assert routes.realign and not routes.reshow


def test_pins_between_versions_not_shown_change_nothing_on_screen():
    routes = route(Change.of(overrides=[8, 9]), 1, SHOWN)
    assert not routes.realign and not routes.reshow


def test_labels_and_unknown_changes():
    assert route(Change.of(labels=[3]), 1, SHOWN).labels
    assert route(None, 1, SHOWN) == EVERYTHING


def test_a_new_date_or_outlet_realigns_without_reshowing():
    routes = route(Change.of(versions=[5], properties=[5]), 1, SHOWN)
    assert routes.realign and not routes.reshow
    assert routes.stories == frozenset()  # every fetched tree row: the name changed


def test_a_new_date_of_a_version_not_shown_changes_nothing_on_screen():
    routes = route(Change.of(versions=[8], properties=[8]), 1, SHOWN)
    assert not routes.realign and not routes.reshow


def test_a_new_text_with_a_new_date_reshows():
    routes = route(Change.of(versions=[4, 5], properties=[5]), 1, SHOWN)
    assert routes.reshow and not routes.realign
