"""A group's pool of answers, lent to each of its facts as distractors and known wrong answers, without copying.

Facts that share a ``group`` lend each other their answers: as the wrong options of a multiple-choice question and
as the known wrong answers a typed answer is told apart from. A group can hold 100,000 facts, so the pool is made
distinct once per group (:class:`GroupPool`) and each fact sees it through a :class:`PoolView`: the pool without
the few entries equal to the fact's own answers and distractors, in the same order, never copied. Generating a
fact's questions then costs the same in a group of ten as in a group of 100,000, and ``random.sample`` on a view
picks exactly what it would pick from the equivalent list, so question choices are the same as they always were.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain
from typing import overload

KeyFunction = Callable[[str, bool], str]
"""``key(text, accents)``: the normalised key two texts are the same answer by (empty for no answer at all)."""


class PoolView(Sequence[str]):
    """``head`` followed by ``texts`` without the entries at the indexes ``removed``: a list, without the copy.

    Equal to any sequence of the same strings; hashable like the tuple it stands for.
    """

    __slots__ = ("_head", "_removed", "_texts")

    def __init__(self, head: Sequence[str], texts: Sequence[str], removed: Iterable[int] = ()) -> None:
        self._head = tuple(head)
        self._texts = texts
        self._removed = sorted(set(removed))

    def __len__(self) -> int:
        return len(self._head) + len(self._texts) - len(self._removed)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...

    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        size = len(self)
        if index < 0:
            index += size
        if not 0 <= index < size:
            raise IndexError("pool view index out of range")
        if index < len(self._head):
            return self._head[index]
        return self._texts[self._position(index - len(self._head))]

    def _position(self, wanted: int) -> int:
        """Where the ``wanted``-th kept entry of ``texts`` stands: skip every removed index at or before it."""
        position = wanted
        for removed in self._removed:
            if removed > position:
                break
            position += 1
        return position

    def __iter__(self) -> Iterator[str]:
        # The kept runs of texts between removed indexes, chained in C: random.sample lists a small pool whole
        # (for each multiple-choice question of a group), and a Python generator took five times as long.
        texts, start, runs = self._texts, 0, []
        for removed in self._removed:
            runs.append(texts[start:removed])
            start = removed + 1
        return chain(self._head, *runs, texts[start:] if start else texts)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PoolView | tuple | list):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"PoolView({len(self)} texts)"


class GroupPool:
    """The answers the facts of one group lend, made distinct once per accents setting and shared by every fact."""

    def __init__(self, texts: list[str], key: KeyFunction) -> None:
        self.texts = texts
        self._key = key
        self._distinct: dict[bool, tuple[list[str], dict[str, int]]] = {}
        self._last: tuple[tuple[str, ...], tuple[str, ...], bool, PoolView] | None = None

    def distinct(self, accents: bool) -> tuple[list[str], dict[str, int]]:
        """The pool without repeats (the first of each key kept, in order), and where each key stands in it."""
        found = self._distinct.get(accents)
        if found is None:
            texts: list[str] = []
            index: dict[str, int] = {}
            for text in self.texts:
                key = self._key(text, accents)
                if key and key not in index:
                    index[key] = len(texts)
                    texts.append(text)
            if len(texts) == len(self.texts):
                texts = self.texts  # nothing repeated: the views share the pool's own list rather than a copy
            found = self._distinct[accents] = (texts, index)
        return found

    def forget(self) -> None:
        """Let go of the keys :meth:`distinct` worked out, once every fact of the group has borrowed: they are most
        of a pool's size (a folded key per answer), and the views already lent keep the texts they need. A later
        :meth:`lend` works them out again."""
        self._distinct.clear()
        self._last = None

    def lend(self, own: Sequence[str], exclude: Iterable[str], accents: bool) -> PoolView:
        """``own`` (already distinct), then the pool without anything equal to ``own`` or ``exclude`` once
        normalised: what ``_distinct([*own, *pool], exclude)`` gives, as a view.

        The last view lent is lent again for the same arguments: a fact's typed question and its multiple-choice
        question usually ask for the same one (a view cannot change)."""
        own, exclude = tuple(own), tuple(exclude)
        last = self._last
        if last is not None and last[0] == own and last[1] == exclude and last[2] == accents:
            return last[3]
        texts, index = self.distinct(accents)
        keys = {self._key(text, accents) for text in (*own, *exclude)}
        view = PoolView(own, texts, (index[key] for key in keys if key in index))
        self._last = (own, exclude, accents, view)
        return view
