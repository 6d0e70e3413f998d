"""The collector pause: back on as it was, what the block kept moved to the oldest generation, cycles still found."""

from __future__ import annotations

import gc
import weakref

from kzquiz.collector import collector_paused


class Node:
    """A container the collector tracks, which can point at itself."""

    def __init__(self) -> None:
        self.other: object = None


def test_what_the_block_keeps_skips_the_young_generations() -> None:
    gc.collect()
    with collector_paused():
        kept = [Node() for _ in range(5_000)]
        assert not gc.isenabled()
    assert gc.isenabled()
    assert gc.get_count()[0] < 100  # nothing waits for a young collection ...
    young = {id(o) for generation in (0, 1) for o in gc.get_objects(generation)}
    assert not any(id(node) in young for node in kept)  # ... and none of the kept objects is young
    oldest = {id(o) for o in gc.get_objects(2)}
    assert all(id(node) in oldest for node in kept)


def test_a_cycle_made_in_the_block_is_still_collected() -> None:
    with collector_paused():
        node = Node()
        node.other = node
        alive = weakref.ref(node)
        del node
    assert alive() is not None  # a cycle: only the collector frees it
    gc.collect()
    assert alive() is None


def test_objects_the_program_froze_stay_frozen() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        with collector_paused():
            kept = [Node() for _ in range(100)]
        assert gc.get_freeze_count() == frozen
        assert any(o is kept for generation in (0, 1) for o in gc.get_objects(generation))  # still young
    finally:
        gc.unfreeze()


def test_a_collector_turned_off_stays_off_and_nothing_moves() -> None:
    gc.disable()
    try:
        with collector_paused():
            kept = Node()
        assert not gc.isenabled()
        assert any(o is kept for o in gc.get_objects(0))
    finally:
        gc.enable()


def test_an_error_in_the_block_turns_the_collector_back_on() -> None:
    try:
        with collector_paused():
            raise ValueError("in the block")
    except ValueError:
        pass
    assert gc.isenabled()
