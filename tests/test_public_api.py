"""The library's surface: every public name imports, has a docstring that stands alone and is in docs/library.md.

Also: no public name hides a module of the same name, and every public function that reads the clock takes
``now=None``.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest

import kzquiz

LIBRARY_DOC = (Path(__file__).parent.parent / "docs" / "library.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", kzquiz.__all__)
def test_every_public_name_imports_and_is_documented(name: str) -> None:
    value = getattr(kzquiz, name)
    assert value is not None
    assert re.search(rf"`(kzquiz\.)?{re.escape(name)}\b", LIBRARY_DOC), f"kzquiz.{name} is not in docs/library.md"
    if inspect.isclass(value) or inspect.isfunction(value):
        doc = inspect.getdoc(value)
        assert doc, f"kzquiz.{name} has no docstring"
        assert "module docstring" not in doc, f"kzquiz.{name}'s docstring sends the reader elsewhere"
        for member_name, member in vars(value).items() if inspect.isclass(value) else []:
            if not member_name.startswith("_") and (inspect.isfunction(member) or isinstance(member, property)):
                assert inspect.getdoc(member), f"kzquiz.{name}.{member_name} has no docstring"


def test_no_public_name_hides_a_module() -> None:
    modules = {info.name for info in pkgutil.iter_modules(kzquiz.__path__)}
    assert not modules & set(kzquiz.__all__)
    for module in sorted(modules):
        imported = importlib.import_module(f"kzquiz.{module}")
        assert getattr(kzquiz, module) is imported


def test_the_fitting_module_and_its_csv_reader() -> None:
    import kzquiz.fitting as fitting

    assert fitting.reviews_from_csv is kzquiz.reviews_from_csv
    assert kzquiz.optimize is fitting.optimize


@pytest.mark.parametrize("function", [kzquiz.stats, kzquiz.reoptimize])
def test_functions_that_read_the_clock_take_now_none(function: object) -> None:
    parameter = inspect.signature(function).parameters["now"]  # type: ignore[arg-type]
    assert parameter.default is None


@pytest.mark.parametrize("method", ["next_question", "answer", "rate", "summary", "appeal"])
def test_session_methods_take_now_none(method: str) -> None:
    assert inspect.signature(getattr(kzquiz.Session, method)).parameters["now"].default is None


def test_the_bundled_deck_loads_from_any_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    deck = kzquiz.bundled_deck("kazakhstan-2022")
    assert deck.id == "kazakhstan-2022"
    assert kzquiz.bundled_deck() == deck
    with pytest.raises(kzquiz.UnknownQuestionError, match="no bundled deck named 'atlantis'"):
        kzquiz.bundled_deck("atlantis")


def test_the_package_docstring_runs_from_any_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    example = kzquiz.__doc__.split("::", 1)[1].split("\n\n", 2)[1]  # type: ignore[union-attr]
    exec(inspect.cleandoc(example), {})  # noqa: S102 - our own docstring


def test_library_errors_speak_library_words() -> None:
    """No error the library raises tells the user about a command-line option or command: the CLI adds those."""
    source = Path(kzquiz.__file__).parent
    cli_words = re.compile(r"--db\b|KZQUIZ_HOME|kzquiz (store (check|repair|copy)|stats|report|learners|fmt)\b")
    offenders = []
    for path in sorted(source.rglob("*.py")):
        if {"cli", "server"} & set(path.relative_to(source).parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and ast.unparse(node.func).endswith("Error"):
                words = [c.value for c in ast.walk(node) if isinstance(c, ast.Constant) and isinstance(c.value, str)]
                if cli_words.search(" ".join(words)):
                    offenders.append(f"{path.relative_to(source)}:{node.lineno}")
    assert offenders == []
