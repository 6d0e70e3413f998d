"""Stable fact ids made from text: a readable ASCII slug, made unique within a deck."""

from __future__ import annotations

import re

from anyascii import anyascii

MAX_SLUG = 48
"""Slugs are cut to about this many characters, at a word boundary."""

_NOT_ID = re.compile(r"[^a-z0-9]+")


def slugify(text: str, fallback: str = "fact", limit: int = MAX_SLUG) -> str:
    """A lower-case ASCII id from ``text``: words joined by ``-``, cut near ``limit`` characters.

    The same text always gives the same slug, so re-importing a file keeps the ids (and learners' progress).
    """
    words = _NOT_ID.sub(" ", anyascii(text).lower()).split()
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit and slug:
            break
        slug = candidate[:limit]
    return slug or fallback


class IdMaker:
    """Hands out ids that are unique within one deck: ``slug``, then ``slug-2``, ``slug-3``, ..."""

    def __init__(self, taken: set[str] | None = None) -> None:
        self._taken: set[str] = set(taken or ())
        # The N to try first for each wanted id: every wanted-M below it is taken, and ids are never given back,
        # so 100,000 identical prompts cost 100,000 steps, not 5 billion.
        self._next: dict[str, int] = {}

    def take(self, wanted: str) -> str:
        """``wanted`` if it is free, else the first free ``wanted-N``; the result is then taken."""
        candidate = wanted
        if candidate in self._taken:
            n = self._next.get(wanted, 2)
            candidate = f"{wanted}-{n}"
            while candidate in self._taken:
                n += 1
                candidate = f"{wanted}-{n}"
            self._next[wanted] = n + 1
        self._taken.add(candidate)
        return candidate

    def from_text(self, text: str, fallback: str = "fact") -> str:
        """A free id made from ``text`` (see :func:`slugify`)."""
        return self.take(slugify(text, fallback))
