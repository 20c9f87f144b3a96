"""What a chart says of its rows with no data ("No data: X, Y and 3 more"), as a picture and a native chart
both say it: one wording, one rule for how many names are listed."""

from __future__ import annotations

from collections.abc import Callable, Sequence

NO_DATA_LINES = 3
"""The most lines the names take: many gaps are named as far as three lines allow, the rest counted."""


def no_data_note(names: Sequence[str], fits: Callable[[str], bool]) -> str:
    """'No data: X, Y and N more': the most of `names`, in order, for which `fits(note)` holds (at least
    one, so the note never names none); '' for no names. `fits` says whether a note takes few enough
    lines where it is set."""
    if not names:
        return ""

    def note(count: int) -> str:
        more = f" and {len(names) - count} more" if count < len(names) else ""
        return "No data: " + ", ".join(names[:count]) + more

    low, high = 0, len(names)
    while low < high:
        middle = (low + high + 1) // 2
        if fits(note(middle)):
            low = middle
        else:
            high = middle - 1
    return note(max(low, 1))
