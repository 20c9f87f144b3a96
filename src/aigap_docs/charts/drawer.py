"""A drawing process started before the report is read, so matplotlib loads while this process reads,
validates and plans.

A cold build's charts wait for matplotlib's import (a third of a second) and the report's plans; one
after the other they were most of a small build's wall time. The drawer is forked once the model is
imported (so it need not import it again), imports matplotlib at once, then draws what `render_charts`
sends it, with workers forked from it that inherit matplotlib, and sends back what it drew. Only a
build that expects to draw starts one (`wanted`); one that draws nothing after all ends it unused.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import signal
import traceback
from collections.abc import Callable
from typing import Any

from aigap_docs import workers
from aigap_docs.errors import AigapError


class Drawer:
    """The drawing process and this process's end of the pipe to it; `close` ends it, used or not."""

    def __init__(self) -> None:
        _import_shared()
        context = multiprocessing.get_context("fork")
        self._connection, theirs = context.Pipe()
        self._process = context.Process(target=_serve, args=(theirs, os.getpid()), name="aigap-docs drawer")
        self._process.start()
        theirs.close()

    def run(self, job: tuple[Any, ...], while_drawing: Callable[[], object] | None) -> Any:
        """What `function(*arguments)` returns when run in the drawer; `while_drawing` runs here
        meanwhile. A failure there (a bug) is raised here with the drawer's traceback."""
        self._connection.send(job)
        if while_drawing:
            while_drawing()
        try:
            ok, result = self._connection.recv()
        except EOFError:
            raise RuntimeError("the chart drawing process ended without an answer") from None
        if not ok:
            error, text = result
            if isinstance(error, (OSError, AigapError)):
                raise error  # a full disk, a cache that cannot be written: worded as the build words them
            raise RuntimeError(f"drawing the charts failed:\n{text}")
        return result

    def close(self) -> None:
        self._connection.close()
        if self._process.is_alive():
            self._process.kill()  # unused, or still importing: nothing of it is needed
        self._process.join()


def _import_shared() -> None:
    """Import, before the fork, what this process needs to plan and the drawer to draw: the chart kinds,
    the fonts' metrics and PIL. Each process imported them again after the fork: 0.03 s of CPU."""
    import PIL.Image  # noqa: F401

    import aigap_docs.fonts  # noqa: F401
    from aigap_docs.charts.kinds import kinds

    kinds()


def wanted(cache: os.PathLike[str] | str) -> bool:
    """Whether a build into this cache is worth a drawer: workers fork here, and the cache holds no
    chart yet (a build that finds its charts drawn would start one for nothing)."""
    if not workers.forking():
        return False
    try:
        with os.scandir(cache) as entries:
            return not any(entries)
    except OSError:
        return True


def _serve(connection: Any, parent: int) -> None:
    """The drawer: import matplotlib, then run the one job it is sent and send back its result."""
    workers._die_with(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the build's to handle; this dies with it
    # What this process inherits and imports lives until it ends: frozen, and not collected while it
    # imports, the collector never walks it, here or in the workers forked from here (collections during
    # matplotlib's import walked much of what the build had made before the fork). The point of this
    # process: matplotlib and the drawing code imported while the parent plans.
    gc.freeze()
    gc.disable()
    from aigap_docs.charts.draw import import_drawing_code

    import_drawing_code()
    gc.freeze()
    gc.enable()

    try:
        function, *arguments = connection.recv()
    except EOFError:  # the build drew nothing after all
        return
    try:
        answer = (True, function(*arguments))
    except BaseException as error:
        answer = (False, (error, traceback.format_exc()))
    try:
        connection.send(answer)
    except (pickle.PicklingError, TypeError, AttributeError):  # an exception that does not pickle: its text
        connection.send((False, (None, answer[1][1])))
