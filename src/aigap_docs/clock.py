"""The one date a build stamps on its outputs: SOURCE_DATE_EPOCH if set, else the report's date; never now."""

from __future__ import annotations

import datetime as dt
import os

from aigap_docs.model import Report


def build_time(report: Report) -> dt.datetime:
    """A UTC timestamp for document properties, so the same input always builds the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    return dt.datetime.combine(report.date, dt.time(0, 0), tzinfo=dt.timezone.utc)
