"""kzquiz facts to Moodle GIFT, for :func:`kzquiz.convert.gift.read_gift` or Moodle to read back.

Each question is titled with its fact id and tagged, so a round trip keeps ids; what GIFT cannot hold (sequences,
sets, dates, clozes with several blanks) is left out with the reason. docs/teachers.md lists every difference.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from kzquiz.folding import expand_optional, surname
from kzquiz.model import (
    Answer,
    AnswerFact,
    AnyFact,
    ChoiceFact,
    ClozeFact,
    Deck,
    Grading,
    NumberFact,
    SequenceFact,
    SetFact,
    StatementFact,
)

_GIFT_SPECIAL = re.compile(r"([\\~=#{}:])")


def gift_escape(text: str) -> str:
    """Text with GIFT's special characters escaped and line breaks written ``\\n``."""
    return _GIFT_SPECIAL.sub(r"\\\1", text).replace("\n", "\\n")


def _weight(n: int) -> str:
    return f"{100 / n:.5f}".rstrip("0").rstrip(".")


def _credit(credit: float) -> str:
    """A partial credit as a GIFT percentage: 0.5 → 50, 1/3 → 33.33333 (Moodle's own precision)."""
    return f"{credit * 100:.5f}".rstrip("0").rstrip(".")


def _number(value: float) -> str:
    """A number exactly as the deck holds it, in the positional form every GIFT reader takes (3.14159265, not
    3.14159; 1234567.5, not 1.23457e+06). Decks hold finite numbers within ±1e15 only."""
    if value == int(value):
        return str(int(value))
    return f"{Decimal(repr(value)):f}"


def write_gift(deck: Deck) -> tuple[str, list[tuple[str, str]]]:
    """The deck as GIFT text for Moodle, and the facts that GIFT cannot hold, as (fact id, reason).

    Each question is titled with its fact id (``::id::``) and tagged (``// [tag:...]``), so that importing the
    file back gives the same ids; the fact's note becomes general feedback.
    """
    blocks = [f"// {deck.title}\n// Exported from the kzquiz deck {deck.id!r}."]
    left_out: list[tuple[str, str]] = []
    for fact in deck.facts:
        body = None
        try:
            body = "".join(_gift_question(fact))
        except _CannotExport as error:
            left_out.append((fact.id, str(error)))
            continue
        head = "".join(f"// [tag:{tag}]\n" for tag in fact.tags if "]" not in tag)
        blocks.append(f"{head}::{gift_escape(fact.id)}::{body}")
    return "\n\n".join(blocks) + "\n", left_out


class _CannotExport(Exception):
    pass


def _moodle_forms(answer: Answer, grading: Grading) -> list[str]:
    """Every form Moodle must accept to grade as kzquiz does: optional words in and out, and the surname alone
    when the fact accepts it (Moodle's short answers match the text exactly, apart from case)."""
    forms = [form for text in answer.forms for form in expand_optional(text)]
    if grading.surname:
        forms += [surname(form) for form in forms if surname(form)]
    return list(dict.fromkeys(forms))


def _feedback(fact: AnyFact) -> str:
    return f" ####{gift_escape(fact.note)}" if fact.note.strip() else ""


def _gift_question(fact: AnyFact) -> Iterator[str]:
    e = gift_escape
    match fact:
        case AnswerFact():
            answers = " ".join(f"={e(form)}" for form in _moodle_forms(fact.answer, fact.grading))
            for partial in fact.partial:
                said = f"#{e(partial.feedback)}" if partial.feedback else ""
                forms = _moodle_forms(partial.answer, fact.grading)
                answers += "".join(f" =%{_credit(partial.credit)}%{e(form)}{said}" for form in forms)
            yield f"{e(fact.question)} {{{answers}{_feedback(fact)}}}"
        case ChoiceFact():
            said_on = {option: f"#{e(said)}" for option, said in fact.feedback}
            if len(fact.answers) == 1:
                options = [
                    f"={e(fact.answers[0])}{said_on.get(fact.answers[0], '')}",
                    *(f"~{e(w)}{said_on.get(w, '')}" for w in fact.wrong),
                ]
                for partial in fact.partial:
                    said = f"#{e(partial.feedback)}" if partial.feedback else ""
                    options.append(f"~%{_credit(partial.credit)}%{e(partial.text)}{said}")
            elif fact.weighted:  # each option with its weight; a wrong one weighs 0%, as Moodle reads `~`
                told = said_on | {p.text: f"#{e(p.feedback)}" if p.feedback else "" for p in fact.partial}
                options = [
                    (f"~%{_credit(weight)}%" if weight else "~") + e(option) + told.get(option, "")
                    for option, weight in fact.weights().items()
                ]
            else:
                share = _weight(len(fact.answers))
                options = [
                    *(f"~%{share}%{e(a)}{said_on.get(a, '')}" for a in fact.answers),
                    *(f"~%-100%{e(w)}{said_on.get(w, '')}" for w in fact.wrong),
                ]
            yield f"{e(fact.question)} {{\n" + "".join(f"  {o}\n" for o in options) + f"{_feedback(fact).strip()}}}"
        case StatementFact():
            if fact.answer:
                yield f"{e(fact.statement)} {{TRUE{_feedback(fact)}}}"
            else:
                yield f"{e(fact.statement)} {{FALSE#{e(fact.correction)}{_feedback(fact)}}}"
        case NumberFact():
            question = fact.question + (f" ({fact.unit})" if fact.unit else "")
            if isinstance(fact.value, float | int) and not isinstance(fact.value, bool):
                answer = _number(fact.value) + (f":{_number(fact.tolerance)}" if fact.tolerance else "")
            elif isinstance(fact.low, float | int) and isinstance(fact.high, float | int):
                answer = f"{_number(fact.low)}..{_number(fact.high)}"
            else:
                raise _CannotExport("GIFT numerical questions cannot hold dates")
            if fact.partial:  # Moodle's =%50%1822:2, after the full-credit answer, which Moodle tries first
                answer = f"={answer}"
                for low, high, part in fact.partial_bounds():
                    said = f"#{e(part.feedback)}" if part.feedback else ""
                    if part.tolerance is not None and fact.value is not None:
                        span = f"{_number(float(fact.value))}:{_number(part.tolerance)}"  # type: ignore[arg-type]
                    else:
                        span = f"{_number(float(low))}..{_number(float(high))}"  # type: ignore[arg-type]
                    answer += f" =%{_credit(part.credit)}%{span}{said}"
            yield f"{e(question)} {{#{answer}{_feedback(fact)}}}"
        case ClozeFact():
            if len(fact.blanks) != 1:
                raise _CannotExport("a GIFT question has one blank; this cloze fact has several")
            head, _, tail = fact.parts
            answers = " ".join(f"={e(form)}" for form in _moodle_forms(fact.blanks[0], fact.grading))
            for _, partial in fact.partial:  # Moodle's =%50%Galilee, or ~%50%Galilee among options
                said = f"#{e(partial.feedback)}" if partial.feedback else ""
                forms = _moodle_forms(partial.answer, fact.grading)
                answers += "".join(f" =%{_credit(partial.credit)}%{e(form)}{said}" for form in forms)
            if fact.distractors:  # a missing-word multiple choice keeps the distractors
                answers = " ".join([f"={e(fact.blanks[0].text)}", *(f"~{e(d)}" for d in fact.distractors)])
                answers += "".join(
                    f" ~%{_credit(p.credit)}%{e(p.text)}" + (f"#{e(p.feedback)}" if p.feedback else "")
                    for _, p in fact.partial
                )
            yield f"{e(head)}{{{answers}{_feedback(fact)}}}{e(tail)}"
        case SequenceFact() | SetFact():
            raise _CannotExport(f"GIFT has no {fact.kind.value} questions (lists and orders)")
    return
