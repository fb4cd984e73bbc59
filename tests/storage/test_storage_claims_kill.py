"""A few rounds of bench/stress_claims_kill.py: SIGKILL right after a claim is committed."""

from __future__ import annotations

from pathlib import Path

from bench.stress_claims_kill import note_for, run
from core.storage import Library


def test_claims_survive_a_kill_right_after_their_commit(tmp_path: Path) -> None:
    path = tmp_path / "stress.sqlite3"
    said: list[str] = []
    rounds = run(path, 4, said.append)
    assert [r.note for r in rounds] == [note_for(n, edited=n % 2 == 1) for n in range(4)]
    assert len({r.claim_id for r in rounds}) == 4
    assert said[-1].endswith("nothing lost")
    with Library.open(path) as library:
        assert library.integrity_check() == ["ok"]
        for done in rounds:
            claim = library.get_claim(done.claim_id)
            assert claim is not None and claim.note == done.note
