"""Worker processes for a build, which die with the process that started them, however it ends.

A build killed while its workers draw (SIGKILL or SIGTERM to the build alone, as a service manager or a
timeout sends) would otherwise leave them running with parent PID 1, holding the caller's pipes open, for
as long as their queue stays open: for ever. Every worker process of a build comes from `pool`.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

_PR_SET_PDEATHSIG = 1
"""prctl option (linux/prctl.h): the signal this process receives when its parent ends."""


def forking() -> bool:
    """Whether workers are forked, inheriting this process's imports and data, rather than spawned."""
    return "fork" in multiprocessing.get_all_start_methods()


def pool(
    workers: int, initializer: Callable[..., object] | None = None, initargs: tuple[Any, ...] = ()
) -> ProcessPoolExecutor:
    """A pool of `workers` processes that end when this process ends, even when it is killed.

    Make and use it from the thread that will outlive it (the main thread): Linux signals a worker when
    the thread that forked it ends, not the process.
    """
    context = multiprocessing.get_context("fork" if forking() else "spawn")
    return ProcessPoolExecutor(
        workers, context, initializer=_start, initargs=(os.getpid(), initializer, initargs)
    )


def _start(parent: int, initializer: Callable[..., object] | None, initargs: tuple[Any, ...]) -> None:
    _die_with(parent)
    if initializer is not None:
        initializer(*initargs)


def _die_with(parent: int) -> None:
    """End this worker when `parent` ends: the kernel sends SIGKILL (Linux), or a thread watches.

    The parent may have died between the fork and this call, before the request could count: then the
    worker has been adopted by another process already, and leaves at once.
    """
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    else:
        threading.Thread(target=_watch, args=(parent,), daemon=True).start()
    if os.getppid() != parent:
        os._exit(1)


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)
