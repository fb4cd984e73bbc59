"""Claims storage: ``add_claim`` latency and ``list_claims`` of 10,000 claims, against baselines.

Measured in the same run, alternating each call with its baseline (order
rotated every round):

* ``add_claim`` in a 10,000-word version of a story that already has 1,000
  claims (span check, quote selector, claim and origin rows, notes index, one
  fsynced commit), against a bare ``INSERT`` + ``COMMIT`` of a row of the same
  size into an un-indexed table of another file with the same pragmas (WAL,
  ``synchronous=FULL``);
* ``list_claims()`` of 10,000 claims, each with its origin only and then with a
  second appearance (in the story's other version), against fetching the same
  rows as tuples with two plain ``SELECT * ... fetchall()`` (the SQL floor: no
  filters, no ordering, no row objects). Target: under 100 ms.

Run: ``python bench/bench_claims_storage.py [--quick]``.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.textgen import story_pair
from core.storage import Library
from core.textio import load_text

SEED = 20240517
EXISTING_CLAIMS = 1_000
LISTED_CLAIMS = 10_000


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def spread(values: Sequence[float]) -> str:
    """Median ± half the interquartile range, in milliseconds."""
    q1, q3 = percentile(values, 0.25), percentile(values, 0.75)
    return f"{statistics.median(values) * 1000:.2f} ± {(q3 - q1) * 500:.2f} ms"


def random_span(rng: random.Random, text: str) -> tuple[int, int]:
    start = rng.randrange(0, len(text) - 80)
    return start, start + rng.randint(5, 60)


def make_library(path: Path) -> tuple[Library, int, int, str, str]:
    """A story with a 10,000-word version and its rewrite: (library, v1, v2, text1, text2)."""
    original, rewrite = story_pair(10_000, SEED)
    library = Library.open(path)
    story_id, _ = library.add_story("Bench")
    first, _, _ = library.add_version(story_id, load_text(original, "original.txt"))
    second, _, _ = library.add_version(story_id, load_text(rewrite, "rewrite.txt"))
    texts = [library.get_version(v).text for v in (first, second)]  # type: ignore[union-attr]
    return library, first, second, texts[0], texts[1]


def baseline_connection(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(
        "CREATE TABLE plain (version_id INTEGER, start_char INTEGER, end_char INTEGER, "
        "quote TEXT, note TEXT, created_at TEXT)"
    )
    return conn


def add_claim_latency(
    library: Library, version_id: int, text: str, plain: sqlite3.Connection, calls: int
) -> tuple[list[float], list[float]]:
    """Seconds per ``add_claim`` and per bare insert+commit, alternating."""
    rng = random.Random(SEED + 1)
    ours: list[float] = []
    bare: list[float] = []

    def one_claim() -> None:
        start, end = random_span(rng, text)
        began = time.perf_counter()
        library.add_claim(version_id, start, end, note="checked against the minutes")
        ours.append(time.perf_counter() - began)

    def one_insert() -> None:
        start, end = random_span(rng, text)
        began = time.perf_counter()
        plain.execute("BEGIN IMMEDIATE")
        plain.execute(
            "INSERT INTO plain VALUES (?, ?, ?, ?, ?, ?)",
            (version_id, start, end, text[start:end], "checked against the minutes", "now"),
        )
        plain.execute("COMMIT")
        bare.append(time.perf_counter() - began)

    for index in range(calls):
        for step in (one_claim, one_insert) if index % 2 == 0 else (one_insert, one_claim):
            step()
    return ours, bare


def fill(library: Library, version_id: int, text: str, count: int) -> list[int]:
    """Add ``count`` claims in one transaction (setting up, not measured)."""
    rng = random.Random(SEED + 2)
    with library._db.transaction():
        return [
            library.add_claim(version_id, *random_span(rng, text), note=f"note {n}")[0]
            for n in range(count)
        ]


def list_latency(library: Library, reps: int) -> tuple[list[float], list[float], int]:
    """Seconds per ``list_claims()`` and per raw fetch of the same rows, alternating."""
    raw_rows = library._db.conn.cursor()
    raw_rows.row_factory = None  # plain tuples, as list_claims reads them
    ours: list[float] = []
    raw: list[float] = []
    count = 0

    def listed() -> None:
        nonlocal count
        began = time.perf_counter()
        count = len(library.list_claims())
        ours.append(time.perf_counter() - began)

    def fetched() -> None:
        began = time.perf_counter()
        raw_rows.execute("SELECT * FROM claim").fetchall()
        raw_rows.execute("SELECT * FROM claim_appearance").fetchall()
        raw.append(time.perf_counter() - began)

    for index in range(reps):
        for step in (listed, fetched) if index % 2 == 0 else (fetched, listed):
            step()
    return ours, raw, count


def run(quick: bool, folder: Path, say: Callable[[str], None]) -> None:
    calls, reps = (60, 5) if quick else (300, 15)
    library, first, second, text, other = make_library(folder / "claims.sqlite3")
    plain = baseline_connection(folder / "plain.sqlite3")
    say(f"load average {os.getloadavg()[0]:.2f}; version of {len(text.split()):,} words")
    ids = fill(library, first, text, EXISTING_CLAIMS)
    ours, bare = add_claim_latency(library, first, text, plain, calls)
    say(f"\n## add_claim with {EXISTING_CLAIMS:,} claims in the story ({calls} calls each)\n")
    say("| | median ± half IQR | p99 | ratio (median) |")
    say("|---|---|---|---|")
    ratio = statistics.median(ours) / statistics.median(bare)
    for name, values, times in (
        ("bare INSERT + COMMIT (baseline)", bare, 1.0),
        ("Library.add_claim", ours, ratio),
    ):
        p99 = percentile(values, 0.99) * 1000
        say(f"| {name} | {spread(values)} | {p99:.2f} ms | {times:.2f}× |")
    ids += fill(library, first, text, LISTED_CLAIMS - len(ids) - calls)
    say(f"\n## list_claims() of {LISTED_CLAIMS:,} claims ({reps} calls each)\n")
    say("| claims | appearances | list_claims | raw SELECT fetchall (baseline) | ratio |")
    say("|---|---|---|---|---|")
    for extra in (False, True):
        if extra:
            rng = random.Random(SEED + 3)
            with library._db.transaction():
                for claim in library.list_claims():
                    library.add_appearance(claim.id, second, *random_span(rng, other))
        listed, raw, count = list_latency(library, reps)
        appearances = library._db.conn.execute("SELECT count(*) FROM claim_appearance")
        ratio = statistics.median(listed) / statistics.median(raw)
        say(f"| {count:,} | {appearances.fetchone()[0]:,} | {spread(listed)} | {spread(raw)} "
            f"| {ratio:.2f}× |")  # fmt: skip
    say(f"\nload average at the end {os.getloadavg()[0]:.2f}")
    library.close()
    plain.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer calls (well under a minute)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        run(args.quick, Path(folder), print)
    return 0


if __name__ == "__main__":
    sys.exit(main())
