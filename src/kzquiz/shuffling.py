"""Options in another order each time a question is asked again, so that a learner learns answers, not places."""

from __future__ import annotations

import random
import zlib

import attrs

from kzquiz.grading import ChoiceExpectation, Expectation, OrderExpectation
from kzquiz.questions import AnswerType, Question

__all__ = ["reshuffled"]


def reshuffled(question: Question, attempt: int) -> Question:
    """``question`` with its options in another order for its ``attempt``-th asking (0: the order it was made with).

    The order depends on the question's id and the attempt alone, so it is the same every time that attempt is
    shown, and a learner who meets the question again cannot answer by the option's place. An order question is
    never shown already in order; a true-or-false question keeps True before False.
    """
    expectation = question.expectation
    if attempt == 0 or len(question.choices) < 2 or question.answer_type is AnswerType.TRUE_FALSE:
        return question
    rng = random.Random(zlib.crc32(question.id.encode()) ^ (attempt * 0x9E3779B1))
    places = list(range(len(question.choices)))
    for _ in range(8):  # another order than the last one shown, when there is one
        rng.shuffle(places)
        if places != list(range(len(places))):
            break
    choices = tuple(question.choices[i] for i in places)
    moved = {old: new for new, old in enumerate(places)}
    match expectation:
        case ChoiceExpectation(correct=correct, answers=answers, partial=partial, weights=weights):
            shuffled_answers = tuple(answers[i] for i in places) if answers else answers
            new_expectation: Expectation = attrs.evolve(
                expectation,
                choices=choices,
                correct=frozenset(moved[i] for i in correct),
                answers=shuffled_answers,
                partial=tuple((moved[i], credit) for i, credit in partial),
                weights=tuple(weights[i] for i in places) if weights else weights,
                feedback=tuple((moved[i], said) for i, said in expectation.feedback),
            )
        case OrderExpectation(order=order, answers=answers):
            if [moved[i] for i in order] == sorted(moved[i] for i in order):  # never shown already in order
                return question
            shuffled_answers = tuple(answers[i] for i in places) if answers else answers
            new_expectation = attrs.evolve(
                expectation, choices=choices, order=tuple(moved[i] for i in order), answers=shuffled_answers
            )
        case _:
            return question
    return attrs.evolve(question, choices=choices, expectation=new_expectation)
