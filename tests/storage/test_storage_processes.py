"""Crash safety (SIGKILL at random moments) and two processes writing one library."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from core.storage import Library
from core.textio import load_file

sys.path.insert(0, str(Path(__file__).resolve().parent))
from storage_worker import SHARED_TEXT, version_text

REPO = Path(__file__).resolve().parents[2]
WORKER = Path(__file__).resolve().parent / "storage_worker.py"
ROUNDS = 20
CLI_FILES = 300  # enough that some imports are killed half-way


@dataclass
class Printed:
    """What child processes reported as committed."""

    versions: dict[int, str] = field(default_factory=dict)  # id -> exact text
    claims: dict[int, tuple[int, int, int, int]] = field(default_factory=dict)  # id -> v, s, e, n
    edited: set[int] = field(default_factory=set)
    shared: set[int] = field(default_factory=set)

    def read_worker(self, lines: list[str]) -> None:
        for line in lines:
            kind, *values = line.split()
            numbers = [int(v) for v in values]
            if kind == "S":
                self.shared.add(numbers[0])
            elif kind == "V":
                assert numbers[0] not in self.versions
                self.versions[numbers[0]] = version_text(numbers[1])
            elif kind == "C":
                self.claims[numbers[0]] = (numbers[1], numbers[2], numbers[3], numbers[4])
            elif kind == "U":
                self.edited.add(numbers[0])


def _complete_lines(output: bytes) -> list[str]:
    """Lines ended by a newline (a kill may cut the last one short)."""
    return output.decode("utf-8", errors="replace").split("\n")[:-1]


def _child_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO)}


def _worker(db: Path, seed: int, count: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(WORKER), str(db), str(seed), str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
        env=_child_env(),
    )


def _cli_import(db: Path, files: list[Path]) -> subprocess.Popen[bytes]:
    args = ["import", *map(str, files), "--db", str(db), "--story", "CLI story"]
    return subprocess.Popen(
        [sys.executable, "-m", "core.storage.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
        env=_child_env(),
    )


def _write_files(folder: Path, first: int, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for n in range(first, first + count):
        path = folder / f"v{n}.txt"
        path.write_text(version_text(n) + "\n\nImported by the command line.", encoding="utf-8")
        files.append(path)
    return files


def _check_library(db: Path, printed: Printed, cli_files: dict[int, Path]) -> None:
    with Library.open(db) as lib:
        assert lib.integrity_check() == ["ok"]
        conn = lib._db.conn
        conn.execute("INSERT INTO version_fts (version_fts) VALUES ('integrity-check')")
        conn.execute("INSERT INTO claim_fts (claim_fts) VALUES ('integrity-check')")
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        for version_id, text in printed.versions.items():
            row = lib.get_version(version_id)
            assert row is not None, f"version {version_id} was reported committed but is lost"
            assert row.text == text
        for version_id, path in cli_files.items():
            row = lib.get_version(version_id)
            assert row is not None, f"imported version {version_id} is lost"
            assert row.text == load_file(path).text
        for claim_id, (version_id, start, end, n) in printed.claims.items():
            claim = lib.get_claim(claim_id)
            assert claim is not None, f"claim {claim_id} was reported committed but is lost"
            origin = claim.origin
            assert (origin.version_id, origin.start, origin.end) == (version_id, start, end)
            assert origin.quote == version_text(n)[start:end]
            if claim_id in printed.edited:
                assert (claim.note, claim.status) == (f"edited {n}", "verified")
            else:  # the edit may have committed just before the kill, unreported
                assert claim.note in (f"note {n}", f"edited {n}")
        assert len(printed.shared) == 1
        assert lib.get_version(printed.shared.pop()).text == SHARED_TEXT  # type: ignore[union-attr]


def test_sigkill_at_random_moments_loses_nothing_committed(tmp_path: Path) -> None:
    db = tmp_path / "crash" / "library.sqlite3"
    rng = random.Random(20240517)
    printed = Printed()
    cli_files: dict[int, Path] = {}
    next_file = 900_000_000
    for round_number in range(ROUNDS):
        files: list[Path] = []
        if round_number % 4 == 3:
            files = _write_files(tmp_path / f"files{round_number}", next_file, CLI_FILES)
            next_file += CLI_FILES
            process = _cli_import(db, files)
        else:
            process = _worker(db, round_number + 1, 0)
        time.sleep(rng.uniform(0.05, 0.9))
        process.send_signal(signal.SIGKILL)
        stdout, stderr = process.communicate(timeout=30)
        assert process.returncode in (-signal.SIGKILL, 0), stderr.decode()
        assert b"Traceback" not in stderr and b"variorum:" not in stderr, stderr.decode()
        lines = _complete_lines(stdout)
        if files:
            by_name = {str(f): f for f in files}
            for line in lines:
                version_id, word, name = line.split("\t")
                assert word == "stored"
                cli_files[int(version_id)] = by_name[name]
        else:
            printed.read_worker(lines)
    assert len(printed.versions) >= ROUNDS, "kills came too early to test anything"
    assert cli_files, "no command-line import got as far as a commit"
    _check_library(db, printed, cli_files)


def test_two_processes_write_one_library_side_by_side(tmp_path: Path) -> None:
    db = tmp_path / "shared" / "library.sqlite3"  # neither process finds it: both create it
    count = 120
    printed = Printed()
    # Each worker is waited for and its pipes closed even when the other failed: a
    # failure here had left one running, and its warnings failed a later test.
    with _worker(db, 1, count) as first, _worker(db, 2, count) as second:
        for worker in (first, second):
            stdout, stderr = worker.communicate(timeout=120)
            assert worker.returncode == 0, stderr.decode()
            assert stderr == b""
            printed.read_worker(_complete_lines(stdout))
    assert len(printed.versions) == 2 * count
    assert len(printed.edited) == 2 * count
    _check_library(db, printed, {})
    with Library.open(db) as lib:
        (story,) = lib.list_stories()
        assert story.version_count == 2 * count + 1
        assert story.claim_count == 2 * count
