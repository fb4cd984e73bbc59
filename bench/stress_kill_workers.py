"""Kill a real `compare` while its spaCy workers parse, and count the workers that survive.

    PYTHONPATH=. python bench/stress_kill_workers.py [--rounds N] [--words W] [--root CHECKOUT]

Each round starts ``main.py compare A B`` on a generated pair long enough to parse on
two processes (``bench/textgen.py``), waits until the worker processes exist, then
stops it one way: SIGKILL of the parent alone, SIGTERM of the parent alone, or SIGINT
to the whole process group (Ctrl+C in a terminal). It then waits for the parent and
checks, for up to 3 s, whether any worker is still alive. Survivors are killed at the
end of the round (and counted), so a "before" run (``--root`` an old checkout) cleans
up after itself. Linux only (reads /proc).
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import BinaryIO

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from textgen import story_pair  # noqa: E402

WAYS = ("SIGKILL parent", "SIGTERM parent", "SIGINT group")


def children(pid: int) -> list[tuple[int, str]]:
    """(pid, start time) of the live children of ``pid``, from /proc."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        stat = _stat(int(entry))
        if stat is not None and int(stat[1]) == pid and stat[0] != "Z":
            found.append((int(entry), stat[17]))
    return found


def alive(process: tuple[int, str]) -> bool:
    """Whether that process (same pid and start time) still runs and is not a zombie."""
    stat = _stat(process[0])
    return stat is not None and stat[17] == process[1] and stat[0] != "Z"


def _stat(pid: int) -> list[str] | None:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            text = handle.read()
    except OSError:
        return None
    # Fields after the command name, which may hold spaces: state, ppid, ... starttime.
    return text[text.rfind(")") + 2 :].split()


def one_round(root: Path, a: Path, b: Path, way: str, timeout: float) -> dict[str, object]:
    # stderr goes to a file: orphaned workers would hold a pipe open and hang the read.
    with tempfile.TemporaryFile() as err_file:
        return _round(root, a, b, way, timeout, err_file)


def _round(
    root: Path, a: Path, b: Path, way: str, timeout: float, err_file: BinaryIO
) -> dict[str, object]:
    env = dict(os.environ, PYTHONPATH=str(root), VARIORUM_NLP_PROCESSES="2")
    proc = subprocess.Popen(
        [sys.executable, str(root / "main.py"), "compare", str(a), str(b), "--format", "json"],
        cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=err_file,
        start_new_session=True,
    )  # fmt: skip
    started = time.monotonic()
    workers: list[tuple[int, str]] = []
    while time.monotonic() - started < timeout and proc.poll() is None:
        workers = children(proc.pid)
        if len(workers) >= 2:
            break
        time.sleep(0.05)
    if len(workers) < 2:
        proc.kill()
        proc.wait()
        for pid, _ in [w for w in workers if alive(w)]:
            os.kill(pid, signal.SIGKILL)
        return {"way": way, "error": "no workers appeared (text too short or machine too slow)"}
    time.sleep(0.5)  # let them start parsing
    workers = children(proc.pid) or workers
    {
        "SIGKILL parent": lambda: os.kill(proc.pid, signal.SIGKILL),
        "SIGTERM parent": lambda: os.kill(proc.pid, signal.SIGTERM),
        "SIGINT group": lambda: os.killpg(proc.pid, signal.SIGINT),
    }[way]()
    stopped = time.monotonic()
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    parent_s = time.monotonic() - stopped
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline and any(alive(w) for w in workers):
        time.sleep(0.05)
    survivors = [w for w in workers if alive(w)]
    for pid, _ in survivors:
        os.kill(pid, signal.SIGKILL)
    err_file.seek(0)
    lines = [ln for ln in err_file.read().decode("utf-8", "replace").splitlines() if ln.strip()]
    return {
        "way": way,
        "status": proc.returncode,
        "workers": len(workers),
        "survivors": len(survivors),
        "gone_after_s": round(time.monotonic() - stopped, 2),
        "parent_exit_s": round(parent_s, 2),
        "traceback": any("Traceback" in ln for ln in lines),
        "last_line": lines[-1] if lines else "",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=6, help="rounds (the 3 ways in turn)")
    parser.add_argument("--words", type=int, default=30_000, help="words per generated version")
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout whose main.py to run")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for workers")
    args = parser.parse_args()
    original, rewrite = story_pair(args.words, 7)
    with tempfile.TemporaryDirectory(prefix="kill-workers-") as folder:
        a, b = Path(folder) / "a.txt", Path(folder) / "b.txt"
        a.write_text(original, encoding="utf-8")
        b.write_text(rewrite, encoding="utf-8")
        results = [
            one_round(args.root.resolve(), a, b, WAYS[i % len(WAYS)], args.timeout)
            for i in range(args.rounds)
        ]
    for result in results:
        print(result, flush=True)
    done = [r for r in results if "error" not in r]
    survivors = sum(int(r["survivors"]) for r in done)  # type: ignore[call-overload]
    workers = sum(int(r["workers"]) for r in done)  # type: ignore[call-overload]
    gone = [float(r["gone_after_s"]) for r in done]  # type: ignore[arg-type]
    print(
        f"rounds {len(done)}/{len(results)}; workers {workers}; survivors {survivors}; "
        f"tracebacks {sum(bool(r['traceback']) for r in done)}; "
        f"median time to no worker {statistics.median(gone) if gone else float('nan'):.2f} s"
    )
    return 1 if survivors or len(done) < len(results) else 0


if __name__ == "__main__":
    sys.exit(main())
