"""Matching one typed answer against the accepted answers of a question, and marking spelling differences.

A :class:`Matcher` is built once per expectation (it folds every accepted form and every known wrong answer in
advance), then matches each answer with a few dictionary look-ups and, for typos, one bounded edit-distance pass
in C++ (rapidfuzz).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Sequence

import attrs
from rapidfuzz import process
from rapidfuzz.distance import OSA, Levenshtein

from kzquiz.model import Answer, Grading
from kzquiz.normalize import Keys, expand_optional, fold_char, keys, surname, tidy


class Match(enum.Enum):
    """Why an answer was judged as it was; the scheduler tells a clean recall from a shaky one by it.

    ``EXACT``, ``ALIAS`` and ``TRANSLITERATION`` are clean recalls; ``TYPO`` and ``PARTIAL`` are shaky;
    ``WRONG`` and ``EMPTY`` are failures.
    """

    EXACT = "exact"
    ALIAS = "alias"
    TYPO = "typo"
    TRANSLITERATION = "transliteration"
    PARTIAL = "partial"
    WRONG = "wrong"
    EMPTY = "empty"

    @property
    def is_clean(self) -> bool:
        """True for a right answer recalled without hesitation: exact, an alias or another script's spelling."""
        return self in (Match.EXACT, Match.ALIAS, Match.TRANSLITERATION)


def typo_allowance(length: int) -> int:
    """How many edits (insertions, deletions, substitutions, swaps) a key of ``length`` letters may have."""
    if length <= 4:
        return 0
    if length <= 8:
        return 1
    if length <= 14:
        return 2
    return 3


@attrs.frozen
class Hit:
    """The result of matching one answer.

    Attributes:
        match: how it matched (``WRONG`` when it did not).
        item: the index of the accepted answer it matched, or -1.
        shown: the accepted form it matched (or, for a typo, the form it was closest to), as the deck writes it.
        other: the known wrong answer it equals or is closer to, when that is why it was refused.
        accents: refused only because accents matter and differ.
    """

    match: Match
    item: int = -1
    shown: str = ""
    other: str = ""
    accents: bool = False


_MISS = Hit(Match.WRONG)

LENGTH_FACTOR = 8
LENGTH_SLACK = 40
"""An answer longer than ``LENGTH_FACTOR`` times the longest accepted form plus ``LENGTH_SLACK`` is not read."""
_OTHER = -1

LEAD_IN = re.compile(
    r"\s*(?:(?:i think|i guess|i believe|maybe|perhaps|probably|the answer is|it was|it is|it's|that was|"
    r"that is|that's)\b[\s,:]*)+",
    re.IGNORECASE,
)
"""Words a learner may put before an answer ("I think it was Masimov"); read again without them."""


@attrs.frozen
class Matcher:
    """Accepted answers (one per item) and known wrong answers, folded once, ready to match answers."""

    grading: Grading
    plain: dict[str, tuple[int, Match, str]]
    roman: dict[str, tuple[int, str]]
    loose: dict[str, tuple[int, str]]
    bare: dict[str, tuple[int, str]]
    other_roman: dict[str, str]
    other_loose: dict[str, str]
    targets: Targets
    loose_targets: Targets
    longest_text: int

    @classmethod
    def build(cls, items: Sequence[Answer], others: Iterable[str], grading: Grading) -> Matcher:
        """Fold every form of ``items`` (canonical, aliases, optional words, surnames) and of ``others``."""
        accents = grading.accents
        plain: dict[str, tuple[int, Match, str]] = {}
        roman: dict[str, tuple[int, str]] = {}
        loose: dict[str, tuple[int, str]] = {}
        bare: dict[str, tuple[int, str]] = {}
        targets: dict[str, tuple[int, str]] = {}

        def accept(index: int, form: str, how: Match, k: Keys) -> None:
            plain.setdefault(k.plain, (index, how, form))
            roman.setdefault(k.roman, (index, form))
            loose.setdefault(k.loose, (index, form))
            bare.setdefault(k.bare, (index, form))
            targets.setdefault(k.roman, (index, form))

        surnames: list[tuple[int, str, Keys]] = []
        for index, item in enumerate(items):
            for form, how in _forms(item):
                k = keys(form, accents=accents)
                if k.roman:
                    accept(index, form, how, k)
                name = surname(form) if grading.surname else ""
                if name:
                    surnames.append((index, name, keys(name, accents=accents)))
        other_roman: dict[str, str] = {}
        other_loose: dict[str, str] = {}
        for other in others:
            for form in expand_optional(other):
                k = keys(form, accents=accents)
                if not k.roman or k.roman in roman:
                    continue  # a wrong answer that is also right (the deck loader reports it) stays right
                other_roman.setdefault(k.roman, form)
                if k.loose not in loose:
                    other_loose.setdefault(k.loose, form)
                targets.setdefault(k.roman, (_OTHER, form))
        for index, name, k in surnames:
            # A surname alone is weaker than a whole known wrong answer: "Masimov" is not accepted for someone
            # else's question when a distractor is called just "Masimov".
            if k.roman and k.roman not in other_roman and k.loose not in other_loose:
                accept(index, name, Match.ALIAS, k)
        loose_targets = {key: (_OTHER, form) for key, form in other_loose.items()} | loose
        longest_text = max((len(form) for item in items for form in item.forms), default=0)
        return cls(
            grading,
            plain,
            roman,
            loose,
            bare,
            other_roman,
            other_loose,
            Targets.of(targets),
            Targets.of(loose_targets),
            longest_text,
        )

    def keys(self, text: str) -> Keys:
        """The comparison keys of an answer under this matcher's grading options."""
        return keys(text, accents=self.grading.accents)

    def read(self, text: str) -> Hit:
        """Match a text answer; one many times longer than every accepted answer is a miss, without more work."""
        limit = LENGTH_FACTOR * self.longest_text + LENGTH_SLACK
        if len(text) > limit and len(text.strip()) > limit:
            return _MISS
        hit = self.match(keys(text, accents=self.grading.accents))
        if hit is _MISS:
            lead = LEAD_IN.match(text)
            if lead and lead.end() < len(text):
                return self.match(keys(text[lead.end() :], accents=self.grading.accents))
        return hit

    def match(self, answer: Keys) -> Hit:
        """Match an answer's keys: exact, alias, transliteration, refused as a known wrong answer, typo, or miss."""
        if not answer.roman:
            return _MISS
        found = self.plain.get(answer.plain)
        if found is not None:
            return Hit(found[1], found[0], found[2])
        hit = self.roman.get(answer.roman)
        if hit is not None:
            return Hit(Match.TRANSLITERATION, hit[0], hit[1])
        other = self.other_roman.get(answer.roman)
        if other is not None:
            return Hit(Match.WRONG, other=other)
        accents = self.grading.accents
        if not accents:
            hit = self.loose.get(answer.loose)
            if hit is not None:
                # Another romanisation ("Tokaev"): clean when typed in another script, a slip when typed in ours.
                how = Match.TYPO if answer.plain.isascii() else Match.TRANSLITERATION
                if how is Match.TRANSLITERATION or self.grading.typos:
                    return Hit(how, hit[0], hit[1])
            other = self.other_loose.get(answer.loose)
            if other is not None:
                return Hit(Match.WRONG, other=other)
        else:
            hit = self.bare.get(answer.bare)
            if hit is not None:
                return Hit(Match.WRONG, hit[0], hit[1], accents=True)
        if not self.grading.typos:
            return _MISS
        slip = self.targets.typo(answer.roman)
        if slip is _MISS and not answer.plain.isascii() and not accents:
            # Typed in another script: romanisation adds its own noise ("Қазақстан" is "Qazaqstan"), so the
            # slip is measured between the loose keys too.
            slip = self.loose_targets.typo(answer.loose)
        return slip


@attrs.frozen
class Targets:
    """Keys a typo can be a slip of, each with its owner: an item's index and form, or a known wrong answer."""

    keys: tuple[str, ...]
    owners: tuple[tuple[int, str], ...]
    longest: int

    @classmethod
    def of(cls, owners: dict[str, tuple[int, str]]) -> Targets:
        """Targets from a mapping of key to owner."""
        return cls(tuple(owners), tuple(owners.values()), max(map(len, owners), default=0))

    def typo(self, key: str) -> Hit:
        """The accepted form ``key`` is a slip of, unless it is as close to another answer or too far."""
        length = len(key)
        most = typo_allowance(length)
        if not most or length > self.longest + most or not key.isalpha():
            return _MISS
        near = process.extract(key, self.keys, scorer=OSA.distance, score_cutoff=most, limit=None)
        if not near:
            return _MISS
        best = min(distance for _, distance, _ in near)
        closest = [(self.owners[i], self.keys[i]) for _, distance, i in near if distance == best]
        items = {owner for (owner, _), _ in closest}
        if len(items) > 1 or _OTHER in items:
            # As close to a known wrong answer, or to two different answers: a different answer, not a slip.
            wrong = next((form for (owner, form), _ in closest if owner == _OTHER), "")
            return Hit(Match.WRONG, other=wrong)
        (index, form), target = min(closest, key=lambda entry: len(entry[0][1]))
        if best > typo_allowance(min(len(target), length)):
            return _MISS
        return Hit(Match.TYPO, index, form)


def _forms(item: Answer) -> Iterable[tuple[str, Match]]:
    """Every accepted form of an answer and how matching it counts: the canonical text first."""
    for i, text in enumerate(item.forms):
        how = Match.EXACT if i == 0 else Match.ALIAS
        for variant in expand_optional(text):
            yield variant, how


def mark_differences(written: str, right: str) -> str:
    """``right`` with the differences from ``written`` marked: ``[w→v]`` changed, ``[+v]`` missing, ``[-w]`` extra.

    Case, accents and script are not differences: ``mark_differences("masimow", "Masimov")`` is ``"Masimo[w→v]"``.
    """
    written, right = tidy(written), tidy(right)
    if written.isascii() and right.isascii():
        ops = Levenshtein.opcodes(written.lower(), right.lower())
    else:
        ops = Levenshtein.opcodes([fold_char(c) for c in written], [fold_char(c) for c in right])
    out: list[str] = []
    for op in ops:
        mine, theirs = written[op.src_start : op.src_end], right[op.dest_start : op.dest_end]
        if op.tag == "equal":
            out.append(theirs)
        elif op.tag == "replace":
            out.append(f"[{mine}→{theirs}]")
        elif op.tag == "insert":
            out.append(f"[+{theirs}]")
        else:
            out.append(f"[-{mine}]")
    return "".join(out)
