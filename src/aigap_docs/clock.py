"""The one date a build stamps on its outputs: SOURCE_DATE_EPOCH if set, else the report's date; never now.

Only `new` asks for today (`today`), for the date of the report it starts: SOURCE_DATE_EPOCH's, else now.
"""

from __future__ import annotations

import datetime as dt
import os
import re

from aigap_docs.errors import AigapError, Problem, SourceRef, quoted
from aigap_docs.model import Report

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
_LAST = (dt.datetime.max.replace(tzinfo=dt.timezone.utc) - _EPOCH) // dt.timedelta(seconds=1)
"""9999-12-31 23:59:59 UTC: the last second a datetime (and so a document's date) can hold."""


class ClockError(AigapError):
    """SOURCE_DATE_EPOCH is set, but not to a date a build can stamp."""


def build_time(report: Report) -> dt.datetime:
    """A UTC timestamp for document properties, so the same input always builds the same bytes.

    Raises ClockError if SOURCE_DATE_EPOCH is set to anything but a whole number of seconds from 0 to
    the year 9999: the reproducible-builds rule is to refuse a malformed value, never to ignore it.
    """
    return _from_epoch() or dt.datetime.combine(report.date, dt.time(0, 0), tzinfo=dt.timezone.utc)


def today() -> dt.date:
    """The date a new report starts with: SOURCE_DATE_EPOCH's day (UTC) if set, else today's.

    Raises ClockError as build_time does."""
    moment = _from_epoch()
    return moment.date() if moment else dt.date.today()


def _from_epoch() -> dt.datetime | None:
    """SOURCE_DATE_EPOCH as a UTC time, None if unset; ClockError if malformed."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None
    # ASCII digits only (str.isdigit() accepts '²', which int() refuses), and few enough for int().
    if not re.fullmatch(r"0*[0-9]{1,12}", epoch) or int(epoch) > _LAST:
        expected = f"a whole number of seconds since 1970-01-01 UTC, from 0 to {_LAST} (year 9999)"
        raise ClockError([Problem(SourceRef("SOURCE_DATE_EPOCH"), f"{quoted(epoch)} is not {expected}")])
    return _EPOCH + dt.timedelta(seconds=int(epoch))
