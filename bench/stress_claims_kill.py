"""Kill a claim-writing process right after each commit; nothing reported saved may be lost.

Each round starts a child that opens the library, adds a claim (in odd rounds it
then also edits the claim's note) and prints the claim's id as soon as the call
has returned, then keeps writing filler claims. The parent SIGKILLs it the moment
it reads that line, so the kill lands just after the commit or in the middle of
the next write. After every round the parent reopens the library and checks the
claim is there with its note and ``integrity_check() == ["ok"]``; at the end it
also checks the foreign keys and the notes' full-text index.

Run: ``python bench/stress_claims_kill.py [--rounds N] [--keep FOLDER]``. Exits 1
at the first loss. ``tests/storage/test_storage_claims_kill.py`` runs a few rounds.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.storage import Library
from core.textio import load_text

ROOT = Path(__file__).resolve().parents[1]
TEXT = (
    "Claims under fire\n\n"
    "The minister said the budget would pass on Friday by a wide margin. Critics disagreed, "
    "and the union said at least 300 workers would strike if the cuts went ahead."
)


@dataclass(frozen=True, slots=True)
class Round:
    """What a child reported committed: its claim and the note it must have."""

    number: int
    claim_id: int
    note: str


def note_for(number: int, *, edited: bool) -> str:
    """The note round ``number`` writes (edited rounds overwrite the first one)."""
    return f"{'edited' if edited else 'note'} {number}"


def child(path: str, number: int) -> None:
    """Tag a claim, report it, edit it in odd rounds, report again, then write until killed."""
    library = Library.open(path)
    version_id = library.list_versions(library.list_stories()[0].id)[0].id
    end = 1 + number % (len(TEXT) - 2)
    claim_id, _ = library.add_claim(version_id, 0, end, note=note_for(number, edited=False))
    print(f"C {claim_id}", flush=True)
    if number % 2:
        library.update_claim(claim_id, note=note_for(number, edited=True))
        print(f"U {claim_id}", flush=True)
    filler = 0
    while True:  # the kill lands in one of these transactions, or between them
        filler += 1
        library.add_claim(version_id, 0, 5, note=f"filler {number}.{filler}")


def prepare(path: Path) -> None:
    """A library with one story and one version for the children to tag."""
    with Library.open(path) as library:
        story_id, _ = library.add_story("Stress")
        library.add_version(story_id, load_text(TEXT, "stress.txt"))


def kill_round(path: Path, number: int) -> Round:
    """Run one child and SIGKILL it right after it reports its (last) commit."""
    process = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--child", str(path), str(number)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert process.stdout is not None
    wanted = "U" if number % 2 else "C"
    try:
        while True:
            line = process.stdout.readline().decode()
            if not line:
                raise RuntimeError(f"round {number}: the child died: {_stderr(process)}")
            kind, value = line.split()
            if kind == wanted:
                process.send_signal(signal.SIGKILL)
                return Round(number, int(value), note_for(number, edited=number % 2 == 1))
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=30)


def _stderr(process: subprocess.Popen[bytes]) -> str:
    process.kill()
    _, err = process.communicate(timeout=30)
    return err.decode(errors="replace")[-2000:]


def check_round(path: Path, done: Round) -> None:
    """The reported claim is there, with its note, in a sound file."""
    with Library.open(path) as library:
        claim = library.get_claim(done.claim_id)
        if claim is None:
            raise AssertionError(f"round {done.number}: claim {done.claim_id} was lost")
        if claim.note != done.note:
            raise AssertionError(
                f"round {done.number}: claim {done.claim_id} has note {claim.note!r}, "
                f"not {done.note!r}"
            )
        problems = library.integrity_check()
        if problems != ["ok"]:
            raise AssertionError(f"round {done.number}: integrity check says {problems[:3]}")


def check_end(path: Path, rounds: Sequence[Round]) -> None:
    """Every reported claim still there; foreign keys and the notes' index consistent."""
    with Library.open(path) as library:
        for done in rounds:
            claim = library.get_claim(done.claim_id)
            assert claim is not None and claim.note == done.note, done
        conn = library._db.conn
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        conn.execute("INSERT INTO claim_fts (claim_fts) VALUES ('integrity-check')")
        orphans = conn.execute(
            "SELECT count(*) FROM claim c WHERE NOT EXISTS "
            "(SELECT 1 FROM claim_appearance a WHERE a.claim_id = c.id AND a.origin = 1)"
        ).fetchone()[0]
        assert orphans == 0, f"{orphans} claim(s) without an origin"


def run(path: Path, rounds: int, say: Callable[[str], None] = print) -> list[Round]:
    """Prepare the library, run ``rounds`` kill rounds, check after each and at the end."""
    prepare(path)
    results = []
    for number in range(rounds):
        done = kill_round(path, number)
        check_round(path, done)
        results.append(done)
        say(f"round {number + 1}/{rounds}: claim {done.claim_id} {done.note!r} kept")
    check_end(path, results)
    with Library.open(path) as library:
        total = len(library.list_claims())
    say(f"{rounds} rounds, {total} claims in the library (fillers included): nothing lost")
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=50, help="kill rounds (default 50)")
    parser.add_argument("--keep", type=Path, help="folder for the library (kept afterwards)")
    parser.add_argument("--child", nargs=2, metavar=("DB", "ROUND"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child[0], int(args.child[1]))
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        try:
            run(folder / "stress.sqlite3", args.rounds)
        except AssertionError as exc:
            print(f"LOST: {exc}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
