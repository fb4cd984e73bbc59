"""A child process for the crash and concurrency tests.

Usage: ``python storage_worker.py DB SEED COUNT`` (COUNT 0: run until killed).

Each round stores a new version, tags a claim in it, then edits the claim, and
prints one line after each of those commits:

    V <version id> <n>                 the version with text version_text(n) is committed
    C <claim id> <version id> <start> <end> <n>
    U <claim id> <n>                   the claim's note is now "edited <n>", status verified

It also imports one text shared by every worker into the shared story, so
concurrent workers race on deduplication, and prints ``S <version id>``.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from core.storage import Library
from core.textio import load_text

SHARED_TEXT = "Shared text\n\nEvery worker imports this same version."
_WORDS = "minister budget vote union strike court ruling said would could tax cuts".split()


def version_text(n: int) -> str:
    """The text of version ``n``: deterministic, so the parent can check it exactly."""
    rng = random.Random(n)
    sentences = [
        " ".join(rng.choice(_WORDS) for _ in range(rng.randint(5, 12))).capitalize() + "."
        for _ in range(rng.randint(3, 8))
    ]
    return f"Version {n}\n\n" + " ".join(sentences)


def main(path: str, seed: int, count: int) -> None:
    rng = random.Random(seed)
    library = Library.open(path)
    story_id, _, _ = library.ensure_story("Shared story")
    shared, _, _ = library.add_version(story_id, load_text(SHARED_TEXT))
    print(f"S {shared}", flush=True)
    n = seed * 1_000_000
    while count == 0 or n < seed * 1_000_000 + count:
        n += 1
        text = version_text(n)
        version_id, _, _ = library.add_version(story_id, load_text(text))
        print(f"V {version_id} {n}", flush=True)
        start = rng.randrange(0, len(text) - 12)
        end = start + rng.randint(1, 12)
        claim_id, _ = library.add_claim(version_id, start, end, note=f"note {n}")
        print(f"C {claim_id} {version_id} {start} {end} {n}", flush=True)
        library.update_claim(claim_id, note=f"edited {n}", status="verified")
        print(f"U {claim_id} {n}", flush=True)
    library.close()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
