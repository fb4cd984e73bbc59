"""core.collector: pausing the cyclic collector and freezing long-lived objects."""

from __future__ import annotations

import gc

from core.collector import collector_paused, settle_long_lived


def test_collector_paused_restores_the_previous_state_even_nested_and_on_error():
    assert gc.isenabled()
    try:
        with collector_paused():
            assert not gc.isenabled()
            with collector_paused():
                assert not gc.isenabled()
            assert not gc.isenabled()  # the inner pause found it off, leaves it off
            raise KeyError("boom")
    except KeyError:
        pass
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # it was off before: not turned on behind the caller's back
    finally:
        gc.enable()


def test_settle_long_lived_exempts_existing_objects_from_collection():
    kept = [object() for _ in range(1000)]
    before = gc.get_freeze_count()
    try:
        settle_long_lived()
        assert gc.get_freeze_count() >= before + len(kept)
    finally:
        gc.unfreeze()
