"""The date a build speaks of: SOURCE_DATE_EPOCH when set (reproducible builds), else today."""

from __future__ import annotations

import datetime as dt
import os


def build_date() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.date.today()
