"""Worker processes end with the process that made them, however it ends."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import ROOT

_PARENT = """
import os, time
from aigap_docs import workers

def pid(_):
    time.sleep(0.3)
    return os.getpid()

with workers.pool(2) as pool:
    print(*sorted(set(pool.map(pid, range(2)))), flush=True)
    time.sleep(60)
"""


def alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie, ended but not yet reaped by its new parent, does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_workers_end_with_their_parent_when_it_alone_is_killed(signum):
    parent = subprocess.Popen([sys.executable, "-c", _PARENT], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    with parent.stdout:
        pids = [int(pid) for pid in parent.stdout.readline().split()]
    try:
        assert pids and all(map(alive, pids))
        parent.send_signal(signum)
        assert parent.wait(timeout=10) == -signum
        deadline = time.monotonic() + 3
        while any(map(alive, pids)) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert not any(map(alive, pids))
    finally:
        for pid in filter(alive, pids):
            os.kill(pid, signal.SIGKILL)
