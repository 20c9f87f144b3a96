"""The drawing process a cold build starts before reading the report (charts/drawer.py)."""

from __future__ import annotations

import time

import pytest

from aigap_docs import workers
from aigap_docs.charts import drawer

pytestmark = pytest.mark.skipif(not workers.forking(), reason="the drawer is forked")


def answer(x: int) -> tuple[int, bool]:
    import sys

    return x * 2, "matplotlib" in sys.modules


def collector_state() -> tuple[bool, bool]:
    import gc

    return gc.get_freeze_count() > 0, gc.isenabled()


def fail() -> None:
    raise ValueError("a bug in drawing")


def test_the_drawer_runs_its_job_with_matplotlib_imported_and_ends():
    started = drawer.Drawer()
    seen = []
    try:
        assert started.run((answer, 21), lambda: seen.append("meanwhile")) == (42, True)
        assert seen == ["meanwhile"]
    finally:
        started.close()
    assert not started._process.is_alive()


def test_the_drawer_keeps_what_it_inherited_and_imported_out_of_the_collectors_sight():
    # A collection walking matplotlib's objects, or the build's from before the fork, is time for nothing.
    started = drawer.Drawer()
    try:
        assert started.run((collector_state,), None) == (True, True)  # frozen, still collecting the rest
    finally:
        started.close()


def test_an_unused_drawer_is_ended_at_once_not_waited_for():
    began = time.perf_counter()
    started = drawer.Drawer()
    started.close()  # still importing matplotlib: killed, not joined after its import
    assert time.perf_counter() - began < 0.3
    assert not started._process.is_alive()


def test_a_failure_in_the_drawer_is_raised_here_with_its_traceback():
    started = drawer.Drawer()
    try:
        with pytest.raises(RuntimeError, match="ValueError: a bug in drawing"):
            started.run((fail,), None)
    finally:
        started.close()


def test_a_drawer_is_wanted_only_where_no_chart_is_cached_yet(tmp_path):
    cache = tmp_path / ".cache" / "charts"
    assert drawer.wanted(cache)  # no cache folder yet
    cache.mkdir(parents=True)
    assert drawer.wanted(cache)
    (cache / "chart-0123.png").write_bytes(b"")
    assert not drawer.wanted(cache)
