"""Moodle GIFT to kzquiz facts (writing them back is :mod:`kzquiz.convert.giftwrite`).

How each GIFT question type becomes facts (docs/teachers.md lists every difference from Moodle):

- multiple choice with one ``=`` answer: a choice fact, its ``~%N%`` options (0 < N < 100) partial options worth
  N% (an embedded one, "missing word", becomes a cloze fact with
  the wrong options as distractors); with several ``=`` answers, a choice fact with ``answers``;
- multiple answers (only ``~`` options, with ``%weights%``): a weighted tick-all choice fact that keeps every
  weight (negative ones too) and grades as Moodle does, by adding up the weights of the options ticked;
- true/false: a statement fact (the feedback for a wrong answer becomes a false statement's correction);
- short answer: an answer fact, the first full-credit answer as ``answer``, the others as ``aliases`` and the
  ``=%N%`` answers (0 < N < 100) as partial answers worth N% (an embedded one becomes a cloze fact);
- numerical: a number fact (value with tolerance, or a range), from the first full-credit answer;
- matching: one choice fact per pair, the pair's answer right and the other pairs' answers wrong;
- essay and description: skipped, with the reason; ``$CATEGORY`` paths become tags of the questions after them.

An option's feedback stays with it: a choice fact's ``feedback`` for its right and wrong options, a partial answer's
own; other feedback and the general feedback become the fact's note. Partial-credit answers that kzquiz
cannot hold (in a missing-word question, or beside several right options) are named in the note instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypedDict

import attrs

from kzquiz.convert import ImportResult, Skipped
from kzquiz.convert.common import Candidate, credit_of, finish, snippet
from kzquiz.convert.giftparse import GiftChoice, GiftNumber, GiftQuestion, GiftType, read_questions
from kzquiz.convert.ids import IdMaker, slugify
from kzquiz.convert.sameanswer import differ_in_marks, same_answers
from kzquiz.deckreader import ID_PATTERN
from kzquiz.folding import answer_key
from kzquiz.grading import normalize
from kzquiz.model import (
    WEIGHT_SLACK,
    Answer,
    AnswerFact,
    AnyFact,
    ChoiceFact,
    ClozeFact,
    NumberFact,
    PartialAnswer,
    PartialRange,
    StatementFact,
)

NO_CORRECTION = "(The GIFT file gave no correction for this false statement.)"
"""The correction written for a false statement whose GIFT question had no feedback to take it from."""

_ONLY_PUNCTUATION = re.compile(r"[\s.,;:!?…)\]»”\"']*")
_MOODLE_CATEGORY_ROOTS = re.compile(r"^\$(?:course|system|module|cat\d*)\$/(?:top/)?")


def read_gift(text: str, name: str, deck_id: str, title: str) -> ImportResult:
    """Import GIFT ``text`` (read from ``name``) as a deck; see the module docstring for how types map.

    A question that cannot be read (an answer block never closed, say) is skipped with its line and the reason, as
    are questions kzquiz cannot ask: the others are imported all the same.
    """
    ids = IdMaker()
    candidates: list[Candidate] = []
    skipped: list[Skipped] = []
    notes: list[tuple[int, str]] = []
    category = ""
    questions, broken = read_questions(text)
    skipped.extend(Skipped(b.line, f"a question {snippet(b.text)}", b.reason) for b in broken)
    for question in questions:
        if question.type is GiftType.CATEGORY:
            category = _MOODLE_CATEGORY_ROOTS.sub("", question.category).strip("/ ")
            continue
        tags = tuple(dict.fromkeys([*([category] if category else []), *question.tags]))
        _Converter(question, ids, tags, candidates, skipped, notes).convert()
    return finish(deck_id, title, candidates, skipped, notes)


def correct_choices(question: GiftQuestion) -> list[GiftChoice]:
    """The options of a multiple-choice question that kzquiz counts as right.

    As in Moodle: when any option is marked ``=``, the question takes one answer and the ``=`` options worth full
    marks are right (``=%50%X`` is an option worth half, as ``~%50%X`` is); otherwise it takes several, and the
    options with a weight above 0 are right.
    """
    if any(c.marked for c in question.choices):
        return [c for c in question.choices if c.marked and _full(c.weight)]
    return [c for c in question.choices if c.weight is not None and c.weight > 0]


def accepted_answers(question: GiftQuestion) -> list[GiftChoice]:
    """The answers of a short-answer question that kzquiz accepts: the full-credit ones, without ``*``."""
    return [c for c in question.choices if c.marked and _full(c.weight) and c.text != "*" and c.text]


def accepted_numbers(question: GiftQuestion) -> list[GiftNumber]:
    """The full-credit answers of a numerical question."""
    return [n for n in question.numbers if n.marked and _full(n.weight) and (n.value is not None or n.low is not None)]


_WHAT = {
    GiftType.MC: "a multiple-choice question",
    GiftType.TF: "a true/false question",
    GiftType.SHORT: "a short-answer question",
    GiftType.NUMERICAL: "a numerical question",
    GiftType.MATCHING: "a matching question",
    GiftType.ESSAY: "an essay question",
    GiftType.DESCRIPTION: "a description",
    GiftType.CATEGORY: "a category",
}


def _full(weight: float | None) -> bool:
    return weight is None or weight >= 100


def _percent(weight: float | None) -> str:
    return f"{weight:g}%" if weight is not None else ""


class _Common(TypedDict):
    id: str
    tags: tuple[str, ...]
    note: str


class _Converter:
    def __init__(
        self,
        question: GiftQuestion,
        ids: IdMaker,
        tags: tuple[str, ...],
        candidates: list[Candidate],
        skipped: list[Skipped],
        notes: list[tuple[int, str]],
    ) -> None:
        self.q = question
        self.ids = ids
        self.tags = tags
        self.candidates = candidates
        self.skipped = skipped
        self.notes = notes
        self.what = f"{_WHAT[question.type]} {snippet(question.stem or question.title)}"

    def skip(self, reason: str) -> None:
        self.skipped.append(Skipped(self.q.line, self.what, reason))

    def add(self, fact: AnyFact) -> None:
        self.candidates.append(Candidate(self.q.line, self.what, fact))

    def new_id(self, suffix: str = "") -> str:
        q = self.q
        if q.id and ID_PATTERN.fullmatch(q.id) and not suffix:
            return self.ids.take(q.id)
        if q.title and ID_PATTERN.fullmatch(q.title) and not suffix:
            return self.ids.take(q.title)  # a title that is already an id (as kzquiz export writes) is kept
        base = slugify(q.title or q.stem, "question", limit=24 if suffix else 48)
        return self.ids.take(f"{base}-{slugify(suffix, 'item', limit=23)}" if suffix else base)

    def common(self, note_lines: list[str], suffix: str = "") -> _Common:
        note = "\n".join(line for line in [*note_lines, self.q.global_feedback] if line.strip())
        return {"id": self.new_id(suffix), "tags": self.tags, "note": note}

    def embedded(self) -> bool:
        """A missing-word question; not when only punctuation follows a sentence that ends (``What? {=x}.``)."""
        q = self.q
        return q.embedded and not (_ONLY_PUNCTUATION.fullmatch(q.tail) and q.head.rstrip().endswith(("?", ":", ".")))

    def question_text(self) -> str:
        return self.q.stem if self.embedded() else self.q.head

    def cloze_text(self, forms: list[str]) -> str | None:
        if any("{" in f or "}" in f or "|" in f for f in forms) or "{{" in self.q.head + self.q.tail:
            return None
        blank = "{{" + "|".join(forms) + "}}"
        tail = self.q.tail
        joiner = "" if tail[:1] in (".", ",", ";", ":", "!", "?", ")") else " "
        return f"{self.q.head} {blank}{joiner}{tail}".strip()

    def convert(self) -> None:
        q = self.q
        match q.type:
            case GiftType.ESSAY:
                self.skip("kzquiz has no essay questions (an answer no program can grade)")
            case GiftType.DESCRIPTION:
                self.what = f"a description {snippet(q.stem or q.title)}"
                self.skip("a description is text, not a question")
            case GiftType.TF:
                self.true_false()
            case GiftType.MC:
                self.multiple_choice()
            case GiftType.SHORT:
                self.short_answer()
            case GiftType.NUMERICAL:
                self.numerical()
            case GiftType.MATCHING:
                self.matching()
            case _:  # pragma: no cover - categories are handled by read_gift
                pass

    def feedback_lines(self, choices: list[GiftChoice]) -> list[str]:
        return [
            f"{'any other answer' if c.text == '*' else '“' + c.text + '”'}: {c.feedback}"
            for c in choices
            if c.feedback
        ]

    def option_feedback(self, choices: Sequence[GiftChoice], options: list[str]) -> tuple[tuple[str, str], ...]:
        """Moodle's per-answer feedback on the options a choice fact shows, for the learner who picks one."""
        told: dict[str, str] = {}
        for choice in choices:
            if choice.feedback.strip() and choice.text in options:
                told.setdefault(choice.text, choice.feedback.strip())
        return tuple(told.items())

    def true_false(self) -> None:
        q = self.q
        feedbacks = [f for f in q.feedbacks if f.strip()]
        statement = q.head if not q.embedded else f"{q.head} {q.tail}".strip()
        if q.truth:
            self.add(StatementFact(statement=statement, answer=True, **self.common(feedbacks)))
            return
        correction = q.feedbacks[0].strip() if q.feedbacks and q.feedbacks[0].strip() else ""
        if not correction:
            correction = NO_CORRECTION
            self.notes.append((q.line, "a false statement had no feedback to use as its correction; write one"))
        rest = list(q.feedbacks[1:]) if q.feedbacks and q.feedbacks[0].strip() else feedbacks
        fact = StatementFact(statement=statement, answer=False, correction=correction, **self.common(rest))
        self.add(fact)

    def multiple_choice(self) -> None:
        q = self.q
        right = correct_choices(q)
        if not right and any(c.marked for c in q.choices):
            self.skip("no option is worth full marks (a one-answer question needs one at 100%, as in Moodle)")
            return
        if not right:
            self.skip("no option is right (none is marked = or has a weight above 0)")
            return
        if not any(c.marked for c in q.choices) and not self.embedded():
            self.multiple_answer(right)
            return
        wrong = [c for c in q.choices if not any(c is r for r in right)]
        partial = [c for c in wrong if c.weight is not None and c.weight > 0]
        groups = self.same_answers(right)
        forms = groups[0] if len(groups) == 1 else [right[0].text]  # one answer, however many ways it is written
        kept: list[tuple[GiftChoice, PartialAnswer]] = []
        if len(groups) == 1:
            kept = _partials(partial, forms)
        if kept and self.embedded():
            text = self.cloze_text(forms)
            if text is not None:  # a missing word: the partly right options are the blank's partial answers
                wrong = [c for c in wrong if not _among(c, kept)]
                lines = self.feedback_lines([c for c in q.choices if not _among(c, kept)])
                credits = tuple((1, p) for _, p in kept)
                distractors = tuple(c.text for c in wrong)
                common = self.common(lines)
                self.add(ClozeFact(text=text, parts=(), blanks=(), distractors=distractors, partial=credits, **common))
                return
            kept = []
        if kept:
            wrong = [c for c in wrong if not _among(c, kept)]
            partial = [c for c in partial if not _among(c, kept)]
            options = [forms[0], *(c.text for c in wrong)]
            told = self.option_feedback(q.choices, options)
            lines = [f"Moodle gave {_percent(c.weight)} credit for “{c.text}”." for c in partial]
            lines += self.feedback_lines([c for c in q.choices if not _among(c, kept) and c.text not in dict(told)])
            if partial:
                self.notes.append((q.line, "partial-credit options that repeat another option became wrong options"))
            fact = ChoiceFact(
                question=self.question_text(),
                answers=(forms[0],),
                wrong=tuple(c.text for c in wrong),
                partial=tuple(p for _, p in kept),
                feedback=told,
                **self.common(lines),
            )
            self.add(fact)
            return
        lines = [f"Moodle gave {_percent(c.weight)} credit for “{c.text}”." for c in partial]
        lines += self.feedback_lines(list(q.choices))
        if partial:
            why = "a missing-word question" if self.embedded() else "several right options"
            self.notes.append((q.line, f"partial-credit options became wrong options (kzquiz has none with {why})"))
        if len(forms) > 1:
            self.one_answer(forms, [c.text for c in wrong], lines)
            return
        texts = [group[0] for group in groups]
        if len(right) == 1 and self.embedded():
            text = self.cloze_text(texts)
            if text is not None:
                distractors = tuple(c.text for c in wrong)
                self.add(ClozeFact(text=text, parts=(), blanks=(), distractors=distractors, **self.common(lines)))
                return
        told = self.option_feedback(q.choices, [*texts, *(c.text for c in wrong)])
        if told:
            lines = [f"Moodle gave {_percent(c.weight)} credit for “{c.text}”." for c in partial]
            lines += self.feedback_lines([c for c in q.choices if c.text not in dict(told)])
        fact = ChoiceFact(
            question=self.question_text(),
            answers=tuple(texts),
            wrong=tuple(c.text for c in wrong),
            feedback=told,
            **self.common(lines),
        )
        self.add(fact)

    def same_answers(self, right: list[GiftChoice]) -> list[list[str]]:
        """The texts of the ``right`` options grouped by what is one answer, with a note for each merged group."""
        groups = same_answers([c.text for c in right])
        for group in (g for g in groups if len(g) > 1):
            spelled = " and ".join(f"“{text}”" for text in group)
            why = (
                "its grading reads them as the same value, so check them"
                if differ_in_marks(group)
                else "another script or spelling"
            )
            self.notes.append(
                (
                    self.q.line,
                    f"{spelled} are one answer to kzquiz ({why}): asked as one option, the others accepted as aliases",
                )
            )
        return groups

    def multiple_answer(self, right: list[GiftChoice]) -> None:
        """A multiple-answer question (only ``~`` options): a weighted tick-all choice fact, graded as Moodle grades
        it (the weights of the options ticked add up). Options of equal weight that make 100% together, beside
        options that cost marks, are its ``answers``; otherwise every option that earns is weighed in ``partial``.
        Options without a weight (or of 0%) are ``wrong`` and weigh nothing, as in Moodle."""
        q = self.q
        positive = sum(c.weight or 0 for c in right) / 100
        if abs(positive - 1) > WEIGHT_SLACK:
            self.skip(f"the options' positive weights add up to {positive * 100:g}%, not 100% (Moodle refuses it too)")
            return
        groups = self.same_answers(right)
        choices = list(q.choices)
        if len(groups) < len(right):  # one answer in several scripts or spellings: one option worth them all
            if len(groups) == 1:
                wrong = [c.text for c in choices if not any(c is r for r in right) and c.text.strip()]
                self.one_answer(groups[0], list(dict.fromkeys(wrong)), self.feedback_lines(choices))
                return
            for group in groups:
                members = [c for c in right if c.text in group]
                one = attrs.evolve(members[0], weight=sum(c.weight or 0 for c in members))
                choices = [one if c is members[0] else c for c in choices if not any(c is m for m in members[1:])]
                right = [one if c is members[0] else c for c in right if not any(c is m for m in members[1:])]
        costly = [c for c in choices if c.weight is not None and c.weight < 0]
        equal = len(right) > 1 and len({c.weight for c in right}) == 1
        answers = [c for c in right if equal and costly]
        weighed = [c for c in choices if c.weight and not any(c is a for a in answers)]
        zero = [c for c in choices if not c.weight]
        taken: set[str] = set()
        kept: list[GiftChoice] = []
        for choice in choices:  # an option given twice is one option, as the learner sees one
            key = answer_key(choice.text)
            if key in taken or not choice.text.strip():
                self.notes.append((q.line, f"the option “{choice.text}” repeats another and was left out"))
            else:
                taken.add(key)
                kept.append(choice)
        partial = [c for c in weighed if any(c is k for k in kept)]
        shown = [c for c in [*answers, *zero] if any(c is k for k in kept)]
        told = self.option_feedback(shown, [c.text for c in shown])
        lines = self.feedback_lines(
            [c for c in choices if not any(c is p for p in partial) and not any(c is s for s in shown)]
        )
        fact = ChoiceFact(
            question=self.question_text(),
            answers=tuple(c.text for c in answers if any(c is k for k in kept)),
            wrong=tuple(c.text for c in zero if any(c is k for k in kept)),
            partial=tuple(PartialAnswer(c.text, max(-1.0, credit_of(c.weight or 0)), c.feedback) for c in partial),
            feedback=told,
            **self.common(lines),
        )
        self.add(fact)

    def one_answer(self, forms: list[str], wrong: list[str], lines: list[str]) -> None:
        """Several right options that are one answer: a cloze or an answer fact that accepts every form."""
        if self.embedded():
            text = self.cloze_text(forms)
            if text is not None:
                self.add(ClozeFact(text=text, parts=(), blanks=(), distractors=tuple(wrong), **self.common(lines)))
                return
        answer = Answer(forms[0], tuple(forms[1:]))
        # Asked as multiple choice when there are options enough, as Moodle asked it; otherwise typed.
        forms_asked = ("choice",) if len(wrong) >= 2 else ()
        fact = AnswerFact(
            question=self.question_text(),
            answer=answer,
            distractors=tuple(wrong),
            forms=forms_asked,
            **self.common(lines),
        )
        self.add(fact)

    def short_answer(self) -> None:
        q = self.q
        accepted = accepted_answers(q)
        if not accepted:
            self.skip("no answer gets full credit")
            return
        partial = [c for c in q.choices if c.marked and not _full(c.weight) and c.weight and c.text != "*"]
        partial = [c for c in partial if c.weight is not None and c.weight > 0]
        lines = [f"Moodle gave {_percent(c.weight)} credit for “{c.text}”." for c in partial]
        lines += self.feedback_lines(list(q.choices))
        forms = list(dict.fromkeys(c.text for c in accepted))
        kept = _partials(partial, forms)
        lines = [f"Moodle gave {_percent(c.weight)} credit for “{c.text}”." for c in partial if not _among(c, kept)]
        lines += self.feedback_lines([c for c in q.choices if not _among(c, kept)])
        if self.embedded():
            text = self.cloze_text(forms)
            if text is not None:
                on_blank = tuple((1, p) for _, p in kept)
                self.add(ClozeFact(text=text, parts=(), blanks=(), partial=on_blank, **self.common(lines)))
                return
        answer = Answer(forms[0], tuple(forms[1:]))
        credits = tuple(p for _, p in kept)
        self.add(AnswerFact(question=self.question_text(), answer=answer, partial=credits, **self.common(lines)))

    def numerical(self) -> None:
        q = self.q
        accepted = accepted_numbers(q)
        if not accepted:
            self.skip("no numerical answer gets full credit")
            return
        first = accepted[0]
        question = q.head if not self.embedded() else q.stem
        if first.value is not None:
            fact = NumberFact(question=question, value=first.value, tolerance=first.tolerance, id="")
        else:
            fact = NumberFact(question=question, low=first.low, high=first.high, id="")
        weighed = [
            n
            for n in q.numbers
            if n.marked and not _full(n.weight) and n.weight and (n.value is not None or n.low is not None)
        ]
        kept = [(n, part) for n in weighed if (part := _partial_range(n, fact)) is not None]
        lines = [f"Moodle also accepted {_number_text(n)}." for n in accepted[1:]]
        lines += [
            f"Moodle gave {_percent(n.weight)} credit for {_number_text(n)}."
            for n in weighed
            if not any(n is k for k, _ in kept)
        ]
        lines += [
            f"{_number_text(n) if n.value is not None or n.low is not None else 'any other answer'}: {n.feedback}"
            for n in q.numbers
            if n.feedback and not any(n is k for k, _ in kept)
        ]
        if len(accepted) > 1:
            self.notes.append((q.line, "only the first full-credit number was kept as the answer"))
        if len(kept) < len(weighed):
            self.notes.append((q.line, "partial-credit numbers that do not contain the answer were named in the note"))
        self.add(attrs.evolve(fact, partial=tuple(part for _, part in kept), **self.common(lines)))

    def matching(self) -> None:
        q = self.q
        answers = list(dict.fromkeys(p.answer for p in q.pairs if p.answer))
        pairs = [p for p in q.pairs if p.question and p.answer]
        if len(answers) < 2 or not pairs:
            self.skip("a matching question needs at least two answers")
            return
        stem = q.stem.rstrip()
        for pair in pairs:
            key = normalize(pair.answer)
            wrong = tuple(a for a in answers if normalize(a) != key)
            prompt = f"{stem} — {pair.question}" if stem else pair.question
            self.what = f"a pair {snippet(pair.question)} of the matching question {snippet(stem)}"
            self.add(ChoiceFact(question=prompt, answers=(pair.answer,), wrong=wrong, **self.common([], pair.question)))


def _among(choice: GiftChoice, kept: list[tuple[GiftChoice, PartialAnswer]]) -> bool:
    return any(choice is k for k, _ in kept)


def _partials(choices: list[GiftChoice], right: list[str]) -> list[tuple[GiftChoice, PartialAnswer]]:
    """The partly right GIFT answers (0 < weight < 100) as partial answers, each once and none equal to a right
    answer once folded (Moodle compares answers without case)."""
    seen = {answer_key(text) for text in right}
    out = []
    for choice in choices:
        key = answer_key(choice.text)
        if choice.weight is None or not 0 < choice.weight < 100 or key in seen or not choice.text.strip():
            continue
        seen.add(key)
        out.append((choice, PartialAnswer(choice.text, credit_of(choice.weight), choice.feedback)))
    return out


def _partial_range(n: GiftNumber, fact: NumberFact) -> PartialRange | None:
    """A partly right GIFT number as a partial range of ``fact``, when it contains the fact's answer and is wider
    (kzquiz's partial ranges do; Moodle's may lie anywhere)."""
    assert n.weight is not None
    credit, full_low, full_high = credit_of(n.weight), *fact.bounds()
    if n.value is not None and n.value == fact.value and n.tolerance > fact.tolerance:
        return PartialRange(credit, tolerance=n.tolerance, feedback=n.feedback)
    low, high = (n.value - n.tolerance, n.value + n.tolerance) if n.value is not None else (n.low, n.high)
    if low is None or high is None or not (low <= full_low and high >= full_high):  # type: ignore[operator]
        return None
    if (low, high) == (full_low, full_high):
        return None
    return PartialRange(credit, low=low, high=high, feedback=n.feedback)


def _number_text(n: GiftNumber) -> str:
    if n.low is not None:
        return f"{n.low:g} to {n.high:g}"
    return f"{n.value:g}" + (f" ± {n.tolerance:g}" if n.tolerance else "")
