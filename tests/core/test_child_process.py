"""The start both helper processes share (``core.child_process``): nothing left open when no
process can be had."""

from __future__ import annotations

import socket
import subprocess
from pathlib import Path

import pytest

from core.first_look_process import FirstLookProcess
from core.parse_server import ParseServer


@pytest.mark.parametrize("start", [
    lambda paths: ParseServer(),
    lambda paths: FirstLookProcess(paths),
], ids=["model", "first-look"])
def test_a_child_that_cannot_be_started_is_an_oserror_and_leaves_no_socket_open(
        monkeypatch, tmp_path: Path, start):
    paths = [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    made: list[socket.socket] = []
    real_pair = socket.socketpair

    def counting_pair():
        ends = real_pair()
        made.extend(ends)
        return ends

    def no_fork(*_args, **_kwargs):
        raise OSError("Resource temporarily unavailable")

    monkeypatch.setattr(socket, "socketpair", counting_pair)
    monkeypatch.setattr(subprocess, "Popen", no_fork)
    with pytest.raises(OSError, match="temporarily unavailable"):
        start(paths)
    assert made and all(end.fileno() == -1 for end in made)
