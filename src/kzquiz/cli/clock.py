"""The command line's clock: the current time, which the CLI passes to the core (the core never reads a clock).

A module of its own, so that a command that only needs the time (``kzquiz stats``) imports nothing else.
"""

from __future__ import annotations

import datetime as dt


def utc_now() -> dt.datetime:
    """The current time in UTC."""
    return dt.datetime.now(dt.UTC)
