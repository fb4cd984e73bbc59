"""Cut an SQL script into statements, for schema steps run inside one transaction."""

from __future__ import annotations

import sqlite3


def split_statements(script: str) -> list[str]:
    """Cut an SQL script into statements (trigger bodies stay whole).

    ``executescript`` would commit the open transaction first, which would break
    the one-transaction guarantee of an upgrade.
    """
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip() and not all(
        ln.strip().startswith("--") or not ln.strip() for ln in buffer.splitlines()
    ):
        raise ValueError(f"incomplete SQL statement at the end of the script: {buffer!r}")
    return statements


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Execute every statement of ``script`` in the open transaction."""
    for statement in split_statements(script):
        conn.execute(statement)
