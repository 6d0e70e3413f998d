"""The quick makers of frozen objects (kzquiz.makers): the same arguments, the same objects, still frozen."""

from __future__ import annotations

import datetime as dt
import inspect
import pickle
from collections.abc import Callable
from typing import Any

import attrs
import pytest

import kzquiz
import kzquiz.deckreader
import kzquiz.model
import kzquiz.questions
from kzquiz.grading import grade
from kzquiz.makers import maker

MAKERS = sorted(
    {
        value
        for module in (kzquiz.model, kzquiz.questions, kzquiz.deckreader)
        for value in vars(module).values()
        if inspect.isfunction(value) and value.__code__.co_filename.startswith("<maker of ")
    },
    key=lambda made: made.__name__,
)


def made_class(made: Callable[..., Any]) -> type:
    return made.__globals__["_cls"]  # type: ignore[no-any-return]  # the class the maker was written for


def test_the_hot_classes_have_makers() -> None:
    classes = {made_class(made) for made in MAKERS}
    assert {kzquiz.Question, kzquiz.Answer, kzquiz.Item, kzquiz.AnswerFact, kzquiz.SequenceFact} <= classes
    assert len(classes) == len(MAKERS) >= 17


@pytest.mark.parametrize("made", MAKERS, ids=lambda made: made.__name__)
def test_a_maker_takes_the_arguments_its_class_takes(made: Callable[..., Any]) -> None:
    def shape(function: Callable[..., Any]) -> list[tuple[str, Any, Any]]:
        params = inspect.signature(function).parameters.values()
        return [(p.name, p.kind, p.default) for p in params if p.name != "self"]

    cls = made_class(made)
    ours, theirs = shape(made), shape(cls)
    assert [(name, default) for name, _, default in ours] == [(name, default) for name, _, default in theirs]
    # A fact's maker also takes the fields every fact has by position (inherited_by_position): more than its class
    # takes, never less, and only those.
    inherited = {field.alias for field in attrs.fields(cls) if field.inherited}
    widened = inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY
    for (name, kind, _), (_, their_kind, _) in zip(ours, theirs, strict=True):
        assert kind == their_kind or (name in inherited and (kind, their_kind) == widened)


FACT_MAKERS = [made for made in MAKERS if issubclass(made_class(made), kzquiz.model.Fact)]


def test_every_kind_of_fact_has_a_maker() -> None:
    assert {made_class(made).kind for made in FACT_MAKERS} == set(kzquiz.FactKind)


@pytest.mark.parametrize("made", FACT_MAKERS, ids=lambda made: made.__name__)
def test_a_fact_maker_takes_the_fields_every_fact_has_by_position(made: Callable[..., Any]) -> None:
    cls = made_class(made)
    fields = attrs.fields(cls)
    given = {field.alias: f"value of {field.name}" for field in fields}
    common = [given[field.alias] for field in fields if field.inherited]
    assert len(common) == len(attrs.fields(kzquiz.model.Fact))
    quick = made(*common, **{field.alias: given[field.alias] for field in fields if not field.inherited})
    assert type(quick) is cls
    for field in fields:
        assert getattr(quick, field.name) == f"value of {field.name}"
    with pytest.raises(TypeError):
        made(*common, given[fields[len(common)].alias])  # the fields of its own kind only by keyword, as the class


@pytest.mark.parametrize("made", MAKERS, ids=lambda made: made.__name__)
def test_a_maker_builds_what_its_class_builds(made: Callable[..., Any]) -> None:
    cls = made_class(made)
    fields = attrs.fields(cls)
    # A distinct value for every field: a maker that set a field from the wrong argument, or forgot one, differs.
    given = {field.alias: f"value of {field.name}" for field in fields}
    built, quick = cls(**given), made(**given)
    assert type(quick) is cls
    for field in fields:
        assert getattr(quick, field.name) is getattr(built, field.name) == f"value of {field.name}"
    assert quick == built
    assert hash(quick) == hash(built)
    assert repr(quick) == repr(built)
    assert pickle.loads(pickle.dumps(quick)) == built  # noqa: S301 - our own object

    # Only the arguments without a default, by position where the class takes them so: the defaults are the class's.
    required = [field for field in fields if field.default is attrs.NOTHING]
    args = [given[field.alias] for field in required if not field.kw_only]
    kwargs = {field.alias: given[field.alias] for field in required if field.kw_only}
    built, quick = cls(*args, **kwargs), made(*args, **kwargs)
    for field in fields:
        assert getattr(quick, field.name) is getattr(built, field.name)


@pytest.mark.parametrize("made", MAKERS, ids=lambda made: made.__name__)
def test_what_a_maker_builds_stays_frozen(made: Callable[..., Any]) -> None:
    cls = made_class(made)
    field = attrs.fields(cls)[0]
    quick = made(**{f.alias: "x" for f in attrs.fields(cls)})
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(quick, field.name, "y")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        delattr(quick, field.name)
    assert getattr(quick, field.name) == "x"
    if any(f.default is attrs.NOTHING for f in attrs.fields(cls)):
        with pytest.raises(TypeError):
            made()  # a missing argument is refused, as by the class


def test_a_made_expectation_works_out_its_matcher() -> None:
    answer = kzquiz.model.make_answer("Astana", ("Nur-Sultan",))
    expectation = kzquiz.questions._make_text_expectation((answer,), ("Almaty",))
    assert grade(expectation, "nur sultan").correct
    assert not grade(expectation, "Almaty").correct


@attrs.frozen
class _Validated:
    value: int = attrs.field(validator=attrs.validators.instance_of(int))


@attrs.frozen
class _Converted:
    value: int = attrs.field(converter=int)


@attrs.frozen
class _MadeFromSelf:
    value: list[int] = attrs.field(default=attrs.Factory(lambda self: [], takes_self=True))


@attrs.frozen
class _Checked:
    value: int

    def __attrs_post_init__(self) -> None:
        pass


@attrs.frozen(slots=False)
class _Unslotted:
    value: int


@pytest.mark.parametrize("cls", [_Validated, _Converted, _MadeFromSelf, _Checked, _Unslotted, dict])
def test_a_class_whose_init_does_more_than_assign_gets_no_maker(cls: type) -> None:
    with pytest.raises(TypeError, match="maker"):
        maker(cls)


@attrs.frozen
class _Numbered:
    name: str
    number: list[int] = attrs.field(factory=list, kw_only=True)


def test_a_factory_default_is_made_afresh_for_each_object_not_given_it() -> None:
    made = maker(_Numbered)
    assert inspect.signature(made).parameters["number"].default is attrs.NOTHING  # as in attrs' own __init__
    first, second = made("a"), made("a")
    assert first == _Numbered("a")
    assert type(first) is _Numbered
    assert first.number == []
    assert first.number is not second.number
    given = [1]
    assert made("a", number=given).number is given
    with pytest.raises(TypeError):
        made("a", [1])  # keyword-only, as in the class


def test_a_review_record_made_quickly_gets_a_fresh_uid_as_the_class_gives() -> None:
    made = maker(kzquiz.ReviewRecord)
    now = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    args = ("ann", "geo", "f1", "geo/f1/recall", "recall", "Astana", True, 1.0, "exact", kzquiz.Rating.GOOD, 4.5, now)
    first, second, built = made(*args), made(*args), kzquiz.ReviewRecord(*args)
    assert len({first.uid, second.uid, built.uid}) == 3
    assert all(len(record.uid) == len(built.uid) == 32 for record in (first, second))
    assert made(*args, uid=built.uid) == built
    assert repr(made(*args, uid=built.uid)) == repr(built)
