"""Pausing Python's cyclic garbage collector while kzquiz builds many objects that stay alive.

Loading a deck and generating its questions make hundreds of thousands of objects and free almost none, so the
collector's passes, which grow with the number of objects alive, find nothing to collect: at 100,000 facts they
take half the time of generating every question.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block, and turn it back on after it if it was on.

    What the block made and kept is moved to the collector's oldest generation as it ends, as if it had lived
    through the young collections already: otherwise the next young collection walks every object the block made
    (10 ms after the questions of 10,000 facts) to find them all still alive. Full collections still look at them.
    A program that froze objects itself (``gc.freeze()``, before forking) keeps them frozen: then nothing is moved.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        if was_enabled and not gc.get_freeze_count():
            gc.freeze()  # every tracked object out of the generations ...
            gc.unfreeze()  # ... and back, into the oldest
    finally:
        if was_enabled:
            gc.enable()
