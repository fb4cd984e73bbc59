"""Run every hostile-input case against a Variorum checkout and print one table row per case.

    PYTHONPATH=. python bench/hostile_matrix.py [--root CHECKOUT] [--only NAME ...]

``--root`` runs another checkout's ``main.py`` (e.g. ``git archive main`` unpacked in a
temporary folder) so the same cases give the "before" column. Each case runs in a fresh
temporary folder with its own library; hanging commands are stopped after ``--timeout`` s.
The outcome column is: the exit status, whether a traceback was printed, and the first
line the command wrote to stderr (or a probe of what it stored or wrote).
"""

from __future__ import annotations

import argparse
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
MEMORY_CAP = 3 * 1024**3
SHORT = "The minister said the budget would pass on Friday. Critics disagreed.\n"
TEXT = (
    "Budget passes after late vote\n\nThe minister said the budget would pass on Friday. "
    "Critics disagreed. The vote was 212 to 190.\n"
)


@dataclass
class Case:
    name: str
    command: str
    run: Callable[[Runner], str]


class Runner:
    """Runs main.py of one checkout inside a scratch folder."""

    def __init__(self, root: Path, folder: Path, timeout: float) -> None:
        self.root, self.folder, self.timeout = root, folder, timeout
        self.db = folder / "lib.sqlite3"

    def file(self, name: str | bytes, data: bytes | str) -> Path:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        target = os.path.join(os.fsencode(self.folder), os.fsencode(name))
        with open(target, "wb") as handle:
            handle.write(raw)
        return Path(os.fsdecode(target))

    def main(self, *args: str | Path | bytes, stdout: int | None = None) -> Outcome:
        argv = [sys.executable, str(self.root / "main.py"), *(os.fsdecode(a) for a in args)]
        env = dict(os.environ, VARIORUM_DB=str(self.db), PYTHONPATH=str(self.root))
        started = time.monotonic()
        proc = subprocess.Popen(
            argv, cwd=self.folder, env=env, stdin=subprocess.DEVNULL,
            stdout=stdout if stdout is not None else subprocess.PIPE, stderr=subprocess.PIPE,
            start_new_session=True, preexec_fn=_limit_memory,
        )  # fmt: skip
        try:
            out, err = proc.communicate(timeout=self.timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            return Outcome(None, b"", b"", time.monotonic() - started)
        return Outcome(proc.returncode, out or b"", err, time.monotonic() - started)

    def stored_texts(self) -> list[str]:
        if not self.db.exists():
            return []
        with sqlite3.connect(self.db) as conn:
            return [row[0] for row in conn.execute("SELECT text FROM version ORDER BY id")]


def _limit_memory() -> None:
    # /dev/zero and /dev/urandom cases read without bound before the fix: cap the damage.
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


@dataclass
class Outcome:
    status: int | None
    out: bytes
    err: bytes
    seconds: float

    def summary(self) -> str:
        if self.status is None:
            return f"hung (killed after {self.seconds:.0f} s)"
        err = self.err.decode("utf-8", "backslashreplace")
        lines = [ln for ln in err.splitlines() if ln.strip()]
        if "Traceback" in err:
            return f"exit {self.status}, traceback: {_cell(lines[-1] if lines else '')}"
        # argparse prints its usage line first; the error is the last line
        first = lines[-1] if lines and lines[0].startswith("usage:") else lines[0] if lines else ""
        return f"exit {self.status}" + (f": {_cell(first)}" if first else "")


def _cell(text: str, limit: int = 110) -> str:
    shown = "".join(
        ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text
    ).replace("|", "\\|")
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def _import_and_show(r: Runner, path: Path, *extra: str) -> str:
    outcome = r.main("import", path, "--db", r.db, *extra)
    texts = r.stored_texts()
    stored = f"; stored {_cell(texts[-1][:60])!s}" if texts else ""
    return outcome.summary() + stored


def _compare(r: Runner, *args: str | Path) -> Outcome:
    return r.main("compare", *args)


def cases() -> list[Case]:
    def latin1(r: Runner) -> str:
        return _import_and_show(r, r.file("f.txt", "Élève, façade, naïve.\n".encode("latin-1")))

    def mixed(r: Runner) -> str:
        data = "Café au lait.\n".encode() + "Il était naïve, déjà.\n".encode("cp1252")
        return _import_and_show(r, r.file("f.txt", data))

    def utf16le(r: Runner) -> str:
        return _import_and_show(r, r.file("f.txt", SHORT.encode("utf-16-le")))

    def utf16be(r: Runner) -> str:
        return _import_and_show(r, r.file("f.txt", SHORT.encode("utf-16-be")))

    def cp1250_long(r: Runner) -> str:
        czech = "Příliš žluťoučký kůň úpěl ďábelské ódy. Řeka teče pod mostem. " * 40
        return _import_and_show(r, r.file("f.txt", czech.encode("cp1250")))

    def md_html(r: Runner) -> str:
        md = "# Title\n\nA <div onclick='x()'>word</div> here.\n\n<script>alert(1)</script>\n"
        return _import_and_show(r, r.file("f.md", md))

    def md_js(r: Runner) -> str:
        return _import_and_show(r, r.file("f.md", "See [link](javascript:alert(1)) now.\n"))

    def nested(r: Runner) -> str:
        html = (
            "<html><body><p>First paragraph of the story, long enough to count.</p>"
            + "<table><tr><td>" * 120
            + "cell"
            + "</td></tr></table>" * 120
            + "<p>The paragraph after the table must survive.</p></body></html>"
        )
        return _import_and_show(r, r.file("f.html", html))

    def fifo_input(r: Runner) -> str:
        fifo = r.folder / "f.txt"
        os.mkfifo(fifo)
        return r.main("import", fifo, "--db", r.db).summary()

    def fifo_db(r: Runner) -> str:
        fifo = r.folder / "db.sqlite3"
        os.mkfifo(fifo)
        return r.main("stories", "--db", fifo).summary()

    def dev_zero(r: Runner) -> str:
        return r.main("import", "/dev/zero", "--db", r.db).summary()

    def dev_urandom(r: Runner) -> str:
        return r.main("import", "/dev/urandom", "--db", r.db).summary()

    def db_dev_null(r: Runner) -> str:
        outcome = r.main("stories", "--db", "/dev/null")
        return outcome.summary()

    def db_folder(r: Runner) -> str:
        return r.main("stories", "--db", r.folder).summary()

    def bad_name(r: Runner) -> str:
        return _import_and_show(r, r.file(b"name\xff.txt", TEXT))

    def bad_story(r: Runner) -> str:
        return _import_and_show(r, r.file("f.txt", TEXT), "--story", os.fsdecode(b"bad\xff"))

    def bad_query(r: Runner) -> str:
        r.main("import", r.file("f.txt", TEXT), "--db", r.db)
        return r.main("search", os.fsdecode(b"vote\xff"), "--db", r.db).summary()

    def huge_limit(r: Runner) -> str:
        r.main("import", r.file("f.txt", TEXT), "--db", r.db)
        return r.main("search", "vote", "--limit", "99999999999999999999", "--db", r.db).summary()

    def huge_show(r: Runner) -> str:
        r.main("import", r.file("f.txt", TEXT), "--db", r.db)
        return r.main("show", "99999999999999999999", "--db", r.db).summary()

    def huge_version(r: Runner) -> str:
        r.main("import", r.file("f.txt", TEXT), "--db", r.db)
        return _compare(r, "99999999999999999999", "1", "--db", r.db).summary()

    def superscript_show(r: Runner) -> str:
        r.main("import", r.file("f.txt", TEXT), "--db", r.db)
        return r.main("show", "²", "--db", r.db).summary()

    def superscript_pin(r: Runner) -> str:
        a, b = r.file("a.txt", TEXT), r.file("b.txt", TEXT)
        return _compare(r, a, b, "--pin", "²:³").summary()

    def pin_range(r: Runner) -> str:
        a, b = r.file("a.txt", TEXT), r.file("b.txt", TEXT)
        return _compare(r, a, b, "--pin", "99:99").summary()

    def forbid_range(r: Runner) -> str:
        a, b = r.file("a.txt", TEXT), r.file("b.txt", TEXT)
        return _compare(r, a, b, "--forbid", "99:0").summary()

    def pin_forbid(r: Runner) -> str:
        a, b = r.file("a.txt", TEXT), r.file("b.txt", TEXT)
        return _compare(r, a, b, "--pin", "0:0", "--forbid", "0:0").summary()

    def out_missing(r: Runner) -> str:
        a, b = r.file("a.txt", TEXT), r.file("b.txt", TEXT)
        return _compare(r, a, b, "-o", r.folder / "no" / "out.txt").summary()

    def out_folder(r: Runner) -> str:
        a, b = r.file("a.txt", TEXT), r.file("b.txt", TEXT)
        return _compare(r, a, b, "-o", r.folder).summary()

    def out_full(r: Runner) -> str:
        a, b = r.file("a.txt", TEXT), r.file("b.txt", TEXT)
        return _compare(r, a, b, "-o", "/dev/full").summary()

    def stdout_full(r: Runner) -> str:
        a, b = r.file("a.txt", TEXT), r.file("b.txt", TEXT)
        with open("/dev/full", "wb") as full:
            return r.main("compare", a, b, stdout=full.fileno()).summary()

    def stdout_closed_pipe(r: Runner) -> str:
        for i in range(40):
            r.main("import", r.file(f"f{i}.txt", TEXT + f"Line {i}.\n"), "--db", r.db)
        reader, writer = os.pipe()
        os.close(reader)
        try:
            return r.main("stories", "--db", r.db, stdout=writer).summary()
        finally:
            os.close(writer)

    def out_is_input(r: Runner) -> str:
        a, b = r.file("a.txt", TEXT), r.file("b.txt", TEXT)
        outcome = _compare(r, a, b, "-o", b)
        kept = "input kept" if b.read_text(encoding="utf-8") == TEXT else "INPUT OVERWRITTEN"
        return f"{outcome.summary()}; {kept}"

    def out_non_utf8_name(r: Runner) -> str:
        a, b = r.file(b"a\xff.txt", TEXT), r.file("b.txt", TEXT)
        out = r.folder / "out.txt"
        outcome = _compare(r, a, b, "-o", out)
        left = f"; out.txt {out.stat().st_size} bytes" if out.exists() else "; no out.txt"
        return outcome.summary() + left

    def control_name(r: Runner) -> str:
        evil = r.file(b"evil\x1b]0;PWNED\x07\x1b[2J.txt", TEXT)
        r.main("import", evil, "--db", r.db)
        listing = r.main("stories", "--db", r.db)
        raw = b"\x1b" in listing.out
        return f"{listing.summary()}; stories output {'has RAW ESC' if raw else 'escaped'}"

    def control_compare(r: Runner) -> str:
        evil = r.file(b"evil\x1b[2J.txt", TEXT)
        outcome = _compare(r, evil, r.file("b.txt", TEXT))
        raw = b"\x1b" in outcome.out
        return f"{outcome.summary()}; output {'has RAW ESC' if raw else 'escaped'}"

    def bidi_html(r: Runner) -> str:
        a = r.file("a.txt", TEXT + "The \u202egnp.exe file is here.\n")
        b = r.file("b.txt", TEXT + "The \u202egnp.exe file is there.\n")
        outcome = _compare(r, a, b, "--format", "html")
        html = outcome.out.decode("utf-8", "replace")
        isolated = "<bdi>" in html or "isolate" in html
        return f"{outcome.summary()}; {'isolated' if isolated else 'NOT isolated'}"

    def bidi_terminal(r: Runner) -> str:
        a = r.file("a.txt", TEXT + "The \u202egnp.exe file is here.\n")
        b = r.file("b.txt", TEXT + "The \u202egnp.exe file is there.\n")
        outcome = _compare(r, a, b)
        raw = "\u202e".encode() in outcome.out
        return f"{outcome.summary()}; terminal {'gets RAW U+202E' if raw else 'escaped'}"

    def bidi_only(r: Runner) -> str:
        return _import_and_show(r, r.file("f.txt", "\u202e\u202d\u2066\u2069\u202c\n"))

    def zero_width_only(r: Runner) -> str:
        return _import_and_show(r, r.file("f.txt", "\u200b\u200c\u200d\n"))

    def too_large(r: Runner) -> str:
        big = r.file("big.txt", b"word " * (10_490_000 // 5))
        return r.main("import", big, "--db", r.db).summary()

    def import_max_bytes(r: Runner) -> str:
        return r.main("import", r.file("f.txt", TEXT), "--db", r.db, "--max-bytes", "10").summary()

    def negative_max_bytes(r: Runner) -> str:
        a, b = r.file("a.txt", TEXT), r.file("b.txt", TEXT)
        return _compare(r, a, b, "--max-bytes", "-5").summary()

    def bad_encoding(r: Runner) -> str:
        return r.main("import", r.file("f.txt", TEXT), "--encoding", "klingon").summary()

    def chosen_encoding(r: Runner) -> str:
        data = "Příliš žluťoučký kůň.\n".encode("cp1250")
        return _import_and_show(r, r.file("f.txt", data), "--encoding", "cp1250")

    def locked_cache(r: Runner) -> str:
        r.main("import", r.file("a.txt", TEXT), r.file("b.txt", TEXT + "More.\n"), "--db", r.db)
        holder = subprocess.Popen(
            [sys.executable, "-c",
             "import sqlite3,sys,time; c=sqlite3.connect(sys.argv[1], isolation_level=None);"
             "c.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); time.sleep(30)",
             str(r.db)],
            stdout=subprocess.PIPE,
        )  # fmt: skip
        assert holder.stdout is not None
        holder.stdout.readline()
        try:
            outcome = _compare(r, "1", "2", "--db", r.db)
        finally:
            holder.kill()
            holder.wait()
        shown = "result printed" if b"Base:" in outcome.out else "NO RESULT"
        return f"{outcome.summary()}; {shown}"

    def symlink_loop(r: Runner) -> str:
        loop = r.folder / "loop.txt"
        loop.symlink_to(loop)
        return r.main("import", loop, "--db", r.db).summary()

    def newline_name(r: Runner) -> str:
        r.main("import", r.file("two\nlines.txt", TEXT), "--db", r.db)
        listing = r.main("stories", "--db", r.db)
        lines = listing.out.decode("utf-8", "replace").splitlines()
        return f"{listing.summary()}; listing has {len(lines)} lines for 1 story"

    table = [
        ("latin1-short", "import f.txt (Latin-1 `Élève, façade, naïve.`)", latin1),
        ("mixed-utf8-cp1252", "import f.txt (UTF-8 line + cp1252 line)", mixed),
        ("utf16le-no-bom", "import f.txt (UTF-16 LE, no BOM)", utf16le),
        ("utf16be-no-bom", "import f.txt (UTF-16 BE, no BOM)", utf16be),
        ("cp1250-long", "import f.txt (2.6 KB Czech in cp1250)", cp1250_long),
        ("encoding-chosen", "import f.txt --encoding cp1250", chosen_encoding),
        ("encoding-unknown", "import f.txt --encoding klingon", bad_encoding),
        ("md-raw-html", "import f.md (raw `<div onclick>`, `<script>`)", md_html),
        ("md-js-link", "import f.md (`[link](javascript:alert(1))`)", md_js),
        ("html-nested-tables", "import f.html (table nested 120 deep, then a <p>)", nested),
        ("fifo-input", "mkfifo f.txt; import f.txt", fifo_input),
        ("fifo-db", "mkfifo db; stories --db db", fifo_db),
        ("dev-zero", "import /dev/zero", dev_zero),
        ("dev-urandom", "import /dev/urandom", dev_urandom),
        ("db-dev-null", "stories --db /dev/null", db_dev_null),
        ("db-folder", "stories --db FOLDER", db_folder),
        ("symlink-loop", "import loop.txt (symlink to itself)", symlink_loop),
        ("non-utf8-name", "import name\\xff.txt", bad_name),
        ("non-utf8-story", "import f.txt --story $'bad\\xff'", bad_story),
        ("non-utf8-query", "search $'vote\\xff'", bad_query),
        ("non-utf8-out", "compare a\\xff.txt b.txt -o out.txt", out_non_utf8_name),
        ("huge-limit", "search vote --limit 99999999999999999999", huge_limit),
        ("huge-show", "show 99999999999999999999", huge_show),
        ("huge-version", "compare 99999999999999999999 1 --db lib", huge_version),
        ("superscript-show", "show ²", superscript_show),
        ("superscript-pin", "compare a b --pin ²:³", superscript_pin),
        ("pin-out-of-range", "compare a b --pin 99:99 (4-unit texts)", pin_range),
        ("forbid-out-of-range", "compare a b --forbid 99:0", forbid_range),
        ("pin-and-forbid", "compare a b --pin 0:0 --forbid 0:0", pin_forbid),
        ("max-bytes-negative", "compare a b --max-bytes -5", negative_max_bytes),
        ("too-large", "import big.txt (10.49 MB)", too_large),
        ("import-max-bytes", "import f.txt --max-bytes 10", import_max_bytes),
        ("out-missing-folder", "compare a b -o no/out.txt", out_missing),
        ("out-folder", "compare a b -o FOLDER", out_folder),
        ("out-dev-full", "compare a b -o /dev/full", out_full),
        ("stdout-dev-full", "compare a b > /dev/full", stdout_full),
        ("stdout-closed-pipe", "stories (40 stories) into a closed pipe", stdout_closed_pipe),
        ("out-is-input", "compare a b -o b", out_is_input),
        ("control-name-stories", "import evil\\e]0;PWNED\\a\\e[2J.txt; stories", control_name),
        ("control-name-compare", "compare evil\\e[2J.txt b.txt", control_compare),
        ("newline-name", "import $'two\\nlines.txt'; stories", newline_name),
        ("bidi-html", "compare a b --format html (U+202E without U+202C)", bidi_html),
        ("bidi-terminal", "compare a b (U+202E in text)", bidi_terminal),
        ("bidi-only", "import f.txt (only bidi controls)", bidi_only),
        ("zero-width-only", "import f.txt (only zero-width characters)", zero_width_only),
        ("cache-locked", "compare 1 2 --db lib (library locked > 5 s)", locked_cache),
    ]
    return [Case(name, command, run) for name, command, run in table]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=HERE, help="checkout whose main.py to run")
    parser.add_argument("--only", nargs="*", default=None, help="case names to run")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds before a hang")
    args = parser.parse_args()
    print("| case | command | outcome |\n|---|---|---|")
    for case in cases():
        if args.only and case.name not in args.only:
            continue
        with tempfile.TemporaryDirectory(prefix="hostile-") as folder:
            runner = Runner(args.root.resolve(), Path(folder), args.timeout)
            try:
                outcome = case.run(runner)
            except Exception as exc:  # a probe failing is itself a finding
                outcome = f"probe failed: {type(exc).__name__}: {exc}"
        print(f"| {case.name} | `{case.command}` | {outcome} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
