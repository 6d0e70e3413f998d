"""Matching one typed answer against the accepted answers of a question, and marking spelling differences.

A :class:`Matcher` is built once per expectation (it folds every accepted form and every known wrong answer in
advance), then matches each answer with a few dictionary look-ups and, for typos, one bounded edit-distance pass
in C++ (rapidfuzz).
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable, Sequence
from functools import cached_property

import attrs
from rapidfuzz import process
from rapidfuzz.distance import OSA, Levenshtein

from kzquiz.folding import (
    ARTICLES,
    Keys,
    expand_optional,
    fold_char,
    initialled,
    keys,
    name_orders,
    surname,
    symbols,
    tidy,
    typo_allowance,
)
from kzquiz.makers import maker
from kzquiz.marks import marks, same_numerals
from kzquiz.model import Answer, Grading
from kzquiz.numbers import mend_months, ordinal_digits
from kzquiz.questionwords import TITLES, Heads, strip_words, without_heads
from kzquiz.values import DATE, NUMBER, Value, answer_values, form_value


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
        return self in _CLEAN


_CLEAN = (Match.EXACT, Match.ALIAS, Match.TRANSLITERATION)
# A tuple looked up once: on Python 3.11 every ``Match.X`` costs an attribute look-up through EnumType.__getattr__,
# about four times a plain class attribute, and grading asks this of most answers.
_WRONG = Match.WRONG
_TYPO = Match.TYPO
_TRANSLITERATION = Match.TRANSLITERATION


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

    @property
    def accepted(self) -> bool:
        """Whether the answer was taken as one of the accepted items: matched one, and not refused."""
        return self.item >= 0 and self.match is not _WRONG


_MISS = Hit(Match.WRONG)
_hit = maker(Hit)  # Hit(...) three times faster (see kzquiz.makers): grading builds one for most answers read

LENGTH_FACTOR = 8
LENGTH_SLACK = 40
"""An answer longer than ``LENGTH_FACTOR`` times the longest accepted form plus ``LENGTH_SLACK`` is not read."""
_OTHER = -1

LEAD_IN = re.compile(
    # Every lead-in starts with i, m, p or t: the look-ahead turns most answers away before the alternatives are tried.
    r"(?=\s*[impt])\s*(?:(?:i think|i guess|i believe|maybe|perhaps|probably|the answer is|it was|it is|it's|that was|"
    r"that is|that's)\b[\s,:]*)+",
    re.IGNORECASE,
)
"""Words a learner may put before an answer ("I think it was Masimov"); read again without them."""

_WORDS = re.compile(r"[^\W_]+")
_INITIALS = re.compile(r"\s*((?:[^\W\d_][.\s-]+)+)(?=[^\W\d_]{2})")


def _first_letter(word: str) -> str:
    return next((char for char in word if char.isalpha()), "")


def _may_have_initials(text: str) -> bool:
    """Whether ``text`` may start with an initial: a letter and then a full stop, space or hyphen; an "a" only
    with a full stop ("A Masimov" starts with the article)."""
    text = text.lstrip()
    return len(text) > 2 and text[1] in ". -" and text[0].isalpha() and (text[1] == "." or text[0] not in "aA")


def _same_initials(text: str, form: str, slip: bool) -> bool:
    """Whether a name typed with initials ("K. Masimow") has those of ``form``'s given names, and, for a ``slip``,
    one typed without them was not matched to a form with initials ("Grimm" is no slip of "J Grimm")."""
    typed = _INITIALS.match(text) if _may_have_initials(text) else None
    if typed is None:
        return not slip or not _may_have_initials(form) or _INITIALS.match(form) is None
    letters = "".join(ch for ch in typed.group(1) if ch.isalpha()).casefold()
    given = "".join(_first_letter(part) for word in form.split()[:-1] for part in word.split("-")).casefold()
    return given.startswith(letters)


_PARENTHESISED = re.compile(r"^(?P<outer>[^()]+?)\s*\((?P<inner>[^()]+)\)\s*[.!]?$")


@attrs.frozen
class Matcher:
    """Accepted answers (one per item) and known wrong answers, folded once, ready to match answers.

    What most answers need (the folded keys of every form) is built at once; what only some answers need (the
    values the forms are, for an answer that is a number, date or time; the typo targets, for an answer no key
    matches) is worked out the first time an answer needs it, and kept.
    """

    grading: Grading
    plain: dict[str, Hit]
    """Each plain key with the hit an answer of that key is (kept ready: matching an answer builds no new hit)."""
    roman: dict[str, Hit]
    """Each romanised key with its hit, a transliteration of an accepted form."""
    loose: dict[str, tuple[int, str]]
    bare: dict[str, tuple[int, str]]
    other_roman: dict[str, str]
    other_loose: dict[str, str]
    target_keys: dict[str, tuple[int, str]]
    """Every key a typo may be a slip of, with its owner: an item's index and form, or a known wrong answer."""
    longest_text: int
    items: tuple[Answer, ...] = ()
    others: tuple[str, ...] = ()
    heads: Heads = attrs.field(factory=lambda: Heads.of(()))
    symbols: dict[str, tuple[int, Match, str]] = attrs.field(factory=dict)
    """Accepted forms made only of symbols ("!!", "±"), which have no letters to fold: right when typed as written."""

    @cached_property
    def targets(self) -> Targets:
        """The keys a typo may be a slip of, ready for the edit-distance search."""
        return Targets.of(self.target_keys)

    @cached_property
    def loose_targets(self) -> Targets:
        """The loose keys (another romanisation) a typo typed in another script may be a slip of."""
        return Targets.of({key: (_OTHER, form) for key, form in self.other_loose.items()} | self.loose)

    @cached_property
    def _values(self) -> tuple[dict[Value, tuple[int, Match, str]], dict[Value, str]]:
        values: dict[Value, tuple[int, Match, str]] = {}
        for index, item in enumerate(self.items):
            for form, how in _forms(item):
                value = form_value(form)
                if value is not None:
                    values.setdefault(value, (index, how, form))
        other_values: dict[Value, str] = {}
        for other in self.others:
            for form in expand_optional(other):
                value = form_value(form)
                if value is not None and value not in values:
                    other_values.setdefault(value, form)
        return values, other_values

    @property
    def values(self) -> dict[Value, tuple[int, Match, str]]:
        """The values (numbers, dates, times) accepted forms are, each with its item, how it counts and its form."""
        return self._values[0]

    @property
    def other_values(self) -> dict[Value, str]:
        """The values known wrong answers are, each with its form (none that an accepted form is too)."""
        return self._values[1]

    @cached_property
    def year(self) -> int:
        """The year a date answer without one is read in: the accepted date's, or 2000."""
        return next((v[1].year for v in self.values if v[0] == DATE and isinstance(v[1], dt.date)), 2000)

    @cached_property
    def longest_words(self) -> int:
        """The most words an accepted form has, as a learner may split them ("Nur Sultan" for "Nur-Sultan")."""
        return max((len(_WORDS.findall(form)) for item in self.items for form in item.forms), default=1)

    @classmethod
    def build(
        cls,
        items: Sequence[Answer],
        others: Iterable[str],
        grading: Grading,
        heads: Iterable[str] = (),
        *,
        names: bool | None = None,
    ) -> Matcher:
        """Fold every form of ``items`` (canonical, aliases, optional words, surnames) and of ``others``.

        ``heads`` are the words the question names the kind of answer by ("river" in "Which river..."): an accepted
        form may leave them out ("Caspian" for "Caspian Sea"), and an answer may add them ("the Ili River").
        ``names`` (by default ``grading.surname``: the answers are people's names) accepts a name's words in
        another order ("Masimov Karim"; see :func:`kzquiz.folding.name_orders`).
        """
        names = grading.surname if names is None else names
        head = Heads.of(tuple(heads))
        accents = grading.accents
        plain: dict[str, Hit] = {}
        roman: dict[str, Hit] = {}
        loose: dict[str, tuple[int, str]] = {}
        bare: dict[str, tuple[int, str]] = {}
        targets: dict[str, tuple[int, str]] = {}

        def accept(index: int, form: str, how: Match, k: Keys) -> None:
            if k.plain not in plain:
                plain[k.plain] = _hit(how, index, form)
            if k.roman not in roman:
                roman[k.roman] = _hit(Match.TRANSLITERATION, index, form)
            loose.setdefault(k.loose, (index, form))
            bare.setdefault(k.bare, (index, form))
            targets.setdefault(k.roman, (index, form))

        weaker: list[tuple[int, str, Match, Keys]] = []  # surnames and forms without the question's head words
        only_symbols: dict[str, tuple[int, Match, str]] = {}
        for index, item in enumerate(items):
            for form, how in _forms(item):
                k = keys(form, accents=accents)
                if k.roman:
                    accept(index, form, how, k)
                elif symbols(form):
                    only_symbols.setdefault(symbols(form), (index, how, form))
                name = surname(form) if grading.surname else ""
                if name:  # "Masimov", "K. Masimov" for "Karim Masimov"
                    weaker.append((index, name, Match.ALIAS, keys(name, accents=accents)))
                    weaker.extend(
                        (index, short, Match.ALIAS, keys(short, accents=accents)) for short in initialled(form)
                    )
                if names:  # "Masimov Karim", "Tokayev, Kassym-Jomart": the same person
                    weaker.extend(
                        (index, order, Match.ALIAS, keys(order, accents=accents)) for order in name_orders(form)
                    )
                weaker.extend((index, short, how, keys(short, accents=accents)) for short in without_heads(form, head))
        other_roman: dict[str, str] = {}
        other_loose: dict[str, str] = {}
        others = tuple(others)
        for other in others:
            for form in expand_optional(other):
                digits = ordinal_digits(form)
                ordinals = (digits,) if digits != form else ()
                for variant in (form, *ordinals, *without_heads(form, head), *(name_orders(form) if names else ())):
                    k = keys(variant, accents=accents)
                    if not k.roman or k.roman in roman:
                        continue  # a wrong answer that is also right (the deck loader reports it) stays right
                    other_roman.setdefault(k.roman, form)
                    if k.loose not in loose:
                        other_loose.setdefault(k.loose, form)
                    targets.setdefault(k.roman, (_OTHER, form))
        owners: dict[str, set[int]] = {}
        for index, _, _, k in weaker:
            owners.setdefault(k.roman, set()).add(index)
        # The surnames (and initials) of known wrong answers: "Grimm" names Jacob Grimm no more than Wilhelm.
        other_names = {
            keys(short, accents=accents).roman
            for other in (others if grading.surname else ())
            for form in expand_optional(other)
            for short in (surname(form), *initialled(form))
            if short
        }
        for index, name, how, k in weaker:
            # A surname alone (or a name without "River") is weaker than a whole known wrong answer, and than
            # another item's: "Masimov" is not accepted for someone else's question when a distractor is called
            # just "Masimov" or has the surname too, nor when two items share it.
            if (
                k.roman
                and k.roman not in other_roman
                and k.loose not in other_loose
                and k.roman not in other_names
                and len(owners[k.roman]) == 1
            ):
                accept(index, name, how, k)
        longest_text = max((len(form) for item in items for form in item.forms), default=0)
        return cls(
            grading,
            plain,
            roman,
            loose,
            bare,
            other_roman,
            other_loose,
            targets,
            longest_text,
            tuple(items),
            others,
            head,
            only_symbols,
        )

    def keys(self, text: str) -> Keys:
        """The comparison keys of an answer under this matcher's grading options."""
        return keys(text, accents=self.grading.accents)

    def read(self, text: str) -> Hit:
        """Match a text answer; one many times longer than every accepted answer is a miss, without more work.

        Beyond :meth:`match`: lead-ins ("I think"), values ("in 1997" for "1997", "9 am" for "9:00"), the
        question's head words ("the Ili River"), titles before a name (with ``surname``), and an answer with its
        abbreviation or expansion in parentheses are read too; none of them can accept a known wrong answer.
        """
        limit = LENGTH_FACTOR * self.longest_text + LENGTH_SLACK
        if len(text) > limit and len(text.strip()) > limit:
            return _MISS
        hit = self._read(text)
        if hit.match.is_clean or (hit.other and self._is_other(text)):
            return hit
        if not hit.accepted and not hit.other:
            digits = ordinal_digits(text)
            if digits != text:  # "nineteenth century" for "19th century", "2nd" for "second" the other way
                return self.read(digits)
        # Only an answer with parentheses can be one; the pattern costs more than the whole read without them.
        paired = _PARENTHESISED.match(text.strip()) if ")" in text else None
        if paired:
            # "CSTO (Collective Security Treaty Organization)": right when both parts are right for one item, and
            # wrong when either is a known wrong answer or another item's, whatever a typo reading said.
            outer, inner = self._read(paired["outer"]), self._read(paired["inner"])
            if outer.accepted and inner.accepted and outer.item == inner.item:
                return outer if inner.match.is_clean else inner
            for part in (outer, inner):
                if part.other or (part.accepted and hit.accepted and part.item != hit.item):
                    return _hit(Match.WRONG, other=part.other)
            if outer.accepted or inner.accepted:
                return _MISS if not hit.accepted else _hit(Match.WRONG)
        if hit.accepted or not (self.heads or self.grading.surname):
            return hit  # without head words or names, there is no variant to read
        for variant in self._variants(text):
            found = self._read(variant)
            if found.accepted:
                return found
            if found.other and not hit.other:
                hit = found  # "Ural River": the known wrong answer "Ural" with the question's word
        return hit

    @property
    def has_numbers(self) -> bool:
        """Whether some accepted form is a number ("three", "3"), so a typed number may mean it."""
        return any(value[0] == NUMBER for value in self.values)

    def split_words(self, text: str, most: int) -> list[tuple[str, Hit]] | None:
        """``text`` split at spaces into known answers ("Russia Belarus Armenia"), each with its match, when there
        is one way only.

        Every piece must be an accepted answer or a known wrong one. When there is no such split, the longest known
        answer is taken at each word and runs of other words are kept together as one (wrong) piece, provided two
        pieces are known answers. ``None`` when ``text`` is one word, has more than ``most`` words, splits in
        several ways, or has fewer than two known pieces.
        """
        words = text.split()
        count = len(words)
        if count < 2 or count > most:
            return None
        ways = [0] * count + [1]  # ways[i]: how many splits words[i:] has (0, 1 or "2", meaning several)
        ends = [0] * (count + 1)
        read: dict[str, Hit] = {}
        for start in range(count - 1, -1, -1):
            for end in range(start + 1, min(count, start + self.longest_words) + 1):
                if ways[end] and self._known(" ".join(words[start:end]), read):
                    ways[start] = min(2, ways[start] + ways[end])
                    ends[start] = end
        if ways[0] > 1:
            return None
        if ways[0] == 0:
            return self._split_greedily(words, read)
        pieces, start = [], 0
        while start < count:
            piece = " ".join(words[start : ends[start]])
            pieces.append((piece, read[piece]))
            start = ends[start]
        return pieces

    def _known(self, piece: str, read: dict[str, Hit]) -> bool:
        """Whether ``piece`` is an accepted or a known wrong answer; its match is kept in ``read``."""
        hit = read.get(piece)
        if hit is None:
            hit = read[piece] = self.read(piece)
        return hit.accepted or bool(hit.other)

    def _split_greedily(self, words: list[str], read: dict[str, Hit]) -> list[tuple[str, Hit]] | None:
        """The longest known answer at each word, and runs of unknown words kept together as one wrong piece;
        ``None`` unless two pieces are known (so that "South Georgia" is not read as "South" and "Georgia")."""
        pieces: list[tuple[str, Hit]] = []
        unknown: list[str] = []
        known = 0
        start = 0
        while start < len(words):
            for end in range(min(len(words), start + self.longest_words), start, -1):
                piece = " ".join(words[start:end])
                if self._known(piece, read):
                    if unknown:
                        pieces.append(self._run(unknown, read))
                        unknown = []
                    pieces.append((piece, read[piece]))
                    known += 1
                    start = end
                    break
            else:
                unknown.append(words[start])
                start += 1
        if unknown:
            pieces.append(self._run(unknown, read))
        return pieces if known >= 2 else None

    def _run(self, words: list[str], read: dict[str, Hit]) -> tuple[str, Hit]:
        """Words between known answers, as one piece with its match ("Nur Sultan" may still be "Nur-Sultan"); a
        piece already read (one unknown word) is not read again."""
        piece = " ".join(words)
        hit = read.get(piece)
        return piece, self.read(piece) if hit is None else hit

    def _read(self, text: str) -> Hit:
        answer = keys(text, accents=self.grading.accents)
        if not answer.roman and self.symbols:
            found = self.symbols.get(symbols(text))
            return _MISS if found is None else _hit(found[1], found[0], found[2])
        hit = self._marked(text, self.match(answer))
        if hit is _MISS:
            lead = LEAD_IN.match(text)
            if lead and lead.end() < len(text):
                text = text[lead.end() :]
                hit = self._marked(text, self.match(keys(text, accents=self.grading.accents)))
        if hit.item >= 0 and self.grading.surname and not _same_initials(text, hit.shown, hit.match is _TYPO):
            return _MISS  # "W. Grimm" is not "Grimm", nor a slip of "J. Grimm": an initial is a name's letter
        if hit.item < 0 and self.values and not hit.other:
            kinds = frozenset(value[0] for value in self.values)
            for value in answer_values(text, kinds, self.year, typos=self.grading.typos):
                found = self.values.get(value)
                if found is not None:
                    mended = mend_months(text) if value[0] == DATE and self.grading.typos else text
                    if mended != text:  # "15 Janury 2022": right, with the month's spelling shown
                        return _hit(Match.TYPO, found[0], mended)
                    return _hit(found[1], found[0], found[2])
                other = self.other_values.get(value)
                if other is not None:
                    return _hit(Match.WRONG, other=other)
        return hit

    def _marked(self, text: str, hit: Hit) -> Hit:
        """``hit``, when ``text`` has the numbers and symbols of the form it matched (and, for a slip, its Roman
        numerals): folding drops them, but "3.5" is not "35", "C#" is not "C++" and "Henry VIII" no slip of
        "Henry VII". Otherwise another form of the same key with the same marks ("C#" among the options "C++" and
        "C#"), or a miss (a value may still match: "9.00" is "9:00")."""
        form = hit.shown
        if hit.item < 0 or text == form:
            return hit  # typed as the form is written: the same marks, and no slip (what most right answers are)
        said = marks(text)
        if said == marks(form) and (hit.match is not _TYPO or same_numerals(text, form)):
            return hit
        if hit.match is _TYPO:
            return _MISS
        answer = keys(text, accents=self.grading.accents)
        for index, item in enumerate(self.items):
            for other, how in _forms(item):
                if marks(other) == said and keys(other, accents=self.grading.accents).roman == answer.roman:
                    return _hit(how if answer.plain == keys(other).plain else Match.TRANSLITERATION, index, other)
        for wrong in self.others:  # "C#" for "C++" when the deck lists "C#" as a known wrong answer
            for form in expand_optional(wrong):
                if marks(form) == said and keys(form, accents=self.grading.accents).roman == answer.roman:
                    return _hit(Match.WRONG, other=form)
        return _MISS

    def _is_other(self, text: str) -> bool:
        """Whether ``text`` is itself a known wrong answer (not merely close to one)."""
        k = keys(text, accents=self.grading.accents)
        return k.roman in self.other_roman or k.loose in self.other_loose

    def _variants(self, text: str) -> Iterable[str]:
        """``text`` without the question's head words, and (with ``surname``) without titles before a name."""
        words = text.split()
        while len(words) > 1 and words[0].casefold() in ARTICLES:
            words = words[1:]
        if self.heads:
            short = strip_words(words, self.heads)
            if short != words:
                yield " ".join(short)
        if self.grading.surname:
            start = 0
            while start < len(words) - 1 and words[start].casefold().rstrip(".") in TITLES:
                start += 1
            if start:
                yield " ".join(words[start:])

    def match(self, answer: Keys) -> Hit:
        """Match an answer's keys: exact, alias, transliteration, refused as a known wrong answer, typo, or miss."""
        if not answer.roman:
            return _MISS
        found = self.plain.get(answer.plain)
        if found is not None:
            return found
        found = self.roman.get(answer.roman)
        if found is not None:
            return found
        other = self.other_roman.get(answer.roman)
        if other is not None:
            return _hit(Match.WRONG, other=other)
        accents = self.grading.accents
        if not accents:
            loose = answer.loose
            hit = self.loose.get(loose)
            if hit is not None:
                # Another romanisation ("Tokaev"): clean when typed in another script, a slip when typed in ours.
                # Typed in our script, it is a slip, and keys of four letters or fewer allow none ("EU" is not
                # "EEU", "Illi" is not "Ili").
                how = _TYPO if answer.plain.isascii() else _TRANSLITERATION
                if how is _TRANSLITERATION or (self.grading.typos and typo_allowance(len(answer.roman))):
                    return _hit(how, hit[0], hit[1])
            other = self.other_loose.get(loose)
            if other is not None:
                return _hit(Match.WRONG, other=other)
        else:
            hit = self.bare.get(answer.bare)
            if hit is not None:
                return _hit(Match.WRONG, hit[0], hit[1], accents=True)
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
            return _hit(Match.WRONG, other=wrong)
        (index, form), target = min(closest, key=lambda entry: len(entry[0][1]))
        if best > typo_allowance(min(len(target), length)):
            return _MISS
        return _hit(_TYPO, index, form)


_UMLAUT_SPELLING = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
_UMLAUTS = re.compile("[äöüÄÖÜ]")


def _forms(item: Answer) -> Iterable[tuple[str, Match]]:
    """Every accepted form of an answer and how matching it counts: the canonical text first."""
    for i, text in enumerate(item.forms):
        how = Match.EXACT if i == 0 else Match.ALIAS
        for variant in expand_optional(text):
            yield variant, how
            digits = ordinal_digits(variant)
            if digits != variant:  # "2nd" for "second", "19th century" for "nineteenth century"
                yield digits, Match.ALIAS
            if " & " in variant:  # "Procter and Gamble" for "Procter & Gamble", and the other way
                yield variant.replace(" & ", " and "), how
            elif " and " in variant:
                yield variant.replace(" and ", " & "), how
            if _UMLAUTS.search(variant):  # "Koeln" for "Köln", "Mueller" for "Müller", as German writes them
                yield _UMLAUTS.sub(lambda umlaut: _UMLAUT_SPELLING[umlaut.group(0)], variant), how


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
