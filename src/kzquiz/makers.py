"""Building frozen attrs objects quickly, where a big deck builds them by the hundred thousand.

A frozen attrs class forbids setting attributes, so the ``__init__`` attrs writes for it sets each field through
``object.__setattr__``: about 1,000 machine instructions a field on CPython 3.11, where an ordinary slotted class
sets one in about 280. Loading a deck and generating its questions builds several such objects per fact (the fact,
its answer, each question and what it expects), and that was about a third of the work.

:func:`maker` writes, for one class, a function that takes the same arguments as the class and builds the same
object about three times faster: it creates an instance of a private ordinary twin of the class (a subclass with
no slots of its own and the default ``__setattr__``), sets every field by plain assignment, and then makes it an
instance of the class (CPython allows assigning ``__class__`` between classes of the same layout). What it returns
is an ordinary instance of the frozen class: equal, hashed, shown and frozen as one its constructor built. The
class itself is not changed. Only classes whose fields need nothing but an assignment, or a default made by a
factory that takes no arguments (a fresh random uid), are accepted (no validators, converters, factories that take
the instance, ``__attrs_post_init__``); anything else is refused when the maker is written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import attrs

T = TypeVar("T")


def maker(cls: type[T], *, inherited_by_position: bool = False) -> Callable[..., T]:
    """A function that builds ``cls(*args, **kwargs)`` with the same arguments and result, faster.

    With ``inherited_by_position``, the fields a keyword-only class inherits may also be given by position, in
    their order and before the others: a caller that holds them in a tuple passes it as ``*common``, where a
    dictionary passed as ``**common`` costs as much as the building itself (about 6,000 instructions for a fact).
    """
    fields = _fields(cls)
    twin = type(
        f"_Building{cls.__name__}",
        (cls,),
        {"__slots__": (), "__setattr__": object.__setattr__, "__delattr__": object.__delattr__},
    )

    bases = [base for base in cls.__mro__[1:] if attrs.has(base)] if inherited_by_position else []
    inherited = {field.name for base in bases for field in attrs.fields(base)}

    def by_position(field: attrs.Attribute[Any]) -> bool:
        return not field.kw_only or field.name in inherited

    # The parameters of attrs' __init__: positional fields in order, then keyword-only ones (attrs' order).
    params = [_param(field) for field in fields if by_position(field)]
    keyword = [_param(field) for field in fields if not by_position(field)]
    if keyword:
        params += ["*", *keyword]
    defaults = {f"_default_{_alias(f)}": _default(f) for f in fields if f.default is not attrs.NOTHING}
    # A factory's argument defaults to attrs.NOTHING, as in attrs' own __init__; the factory runs when it is not given.
    factories = {_alias(f): f.default.factory for f in fields if _is_factory(f)}  # type: ignore[union-attr]
    run = "".join(f"    if {a} is _default_{a}:\n        {a} = _factory_{a}()\n" for a in factories)
    assigned = "".join(f"    self.{field.name} = {_alias(field)}\n" for field in fields)
    name = f"make_{cls.__name__}"
    source = (
        f"def {name}({', '.join(params)}):\n"
        f"{run}"
        "    self = _new(_twin)\n"
        f"{assigned}"
        "    self.__class__ = _cls\n"
        "    return self\n"
    )
    namespace: dict[str, Any] = {"_new": object.__new__, "_twin": twin, "_cls": cls, **defaults}
    namespace.update({f"_factory_{alias}": factory for alias, factory in factories.items()})
    exec(compile(source, f"<maker of {cls.__qualname__}>", "exec"), namespace)  # noqa: S102 - our own source
    made: Callable[..., T] = namespace[name]
    made.__doc__ = f"Build a {cls.__qualname__}, as ``{cls.__qualname__}(...)`` does, faster (see kzquiz.makers)."
    return made


def _param(field: attrs.Attribute[Any]) -> str:
    alias = _alias(field)
    return alias if field.default is attrs.NOTHING else f"{alias}=_default_{alias}"


def _default(field: attrs.Attribute[Any]) -> Any:
    """A field's default as the maker's signature shows it: attrs.NOTHING for a factory's, as attrs' __init__."""
    return attrs.NOTHING if _is_factory(field) else field.default


def _is_factory(field: attrs.Attribute[Any]) -> bool:
    return isinstance(field.default, attrs.Factory)  # type: ignore[arg-type]  # Factory is a class


def _alias(field: attrs.Attribute[Any]) -> str:
    """The name of a field's argument ("keys" for a private field "_keys")."""
    return field.alias or field.name


def _fields(cls: type) -> tuple[attrs.Attribute[Any], ...]:
    """The fields of ``cls``; a class whose ``__init__`` does more than assign them is refused (a maker would skip
    that)."""
    if not attrs.has(cls) or "__slots__" not in cls.__dict__:
        raise TypeError(f"maker: {cls.__qualname__} is not a slotted attrs class")
    for hook in ("__attrs_pre_init__", "__attrs_post_init__"):
        if hasattr(cls, hook):
            raise TypeError(f"maker: {cls.__qualname__} has {hook}")
    fields: tuple[attrs.Attribute[Any], ...] = attrs.fields(cls)
    for field in fields:
        if (
            not field.init
            or field.validator is not None
            or field.converter is not None
            or (_is_factory(field) and field.default.takes_self)  # type: ignore[union-attr]
        ):
            raise TypeError(f"maker: {cls.__qualname__}.{field.name} needs more than an assignment")
    return fields
