"""kzquiz: quizzes and flashcards from plain-text deck files, graded fairly and scheduled with FSRS.

The public API, in one place::

    import kzquiz

    deck = kzquiz.bundled_deck("kazakhstan-2022")  # or kzquiz.load_deck("my-deck.toml")
    question = deck.question("kazakhstan-2022/nsc-chief/recall")
    verdict = question.check("Karim Masimov")
    assert verdict.correct

docs/library.md describes every name below; docs/glossary.md the words (kind of fact, question form, answer type).
"""

# The names below are imported on first use (PEP 562), so that ``import kzquiz`` (and so every ``kzquiz`` command,
# even ``kzquiz --help``) does not pay for the deck loader, grading, the scheduler and the store until it needs them.
TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (about 3 ms of every command's start-up)
if TYPE_CHECKING:
    from kzquiz.appeals import AppealRecord, AppealStatus
    from kzquiz.auditing import AuditFinding, AuditReport, AuditRule, Coverage, audit
    from kzquiz.bundled import DEFAULT_DECK, bundled_deck, bundled_decks, resolve_deck
    from kzquiz.deckfile import check_deck, load_deck, loads_deck
    from kzquiz.errors import (
        AppealError,
        ConversionError,
        DamagedStoreError,
        DeckError,
        KzquizError,
        NotAStoreError,
        StoreConnectionError,
        StoreError,
        StoreVersionError,
        UnknownQuestionError,
    )
    from kzquiz.fitting import NotEnoughReviewsError, optimize, reoptimize, reviews_from_csv
    from kzquiz.grading import Match, Verdict, grade, normalize
    from kzquiz.model import (
        Answer,
        AnswerFact,
        ChoiceFact,
        ClozeFact,
        Deck,
        Fact,
        FactKind,
        Grading,
        Item,
        NumberFact,
        PartialAnswer,
        PartialRange,
        SequenceFact,
        SetFact,
        Source,
        StatementFact,
    )
    from kzquiz.problems import Problem, Severity
    from kzquiz.progress import Stats, WeakFact, stats
    from kzquiz.questions import AnswerType, Form, Question, generate
    from kzquiz.scheduling import CardState, Memory, Rating, SchedulerSettings, rating_for, retrievability, review
    from kzquiz.session import Session, Summary, Tally
    from kzquiz.stores import default_store_path, open_store
    from kzquiz.stores.base import ReviewRecord, Store
    from kzquiz.stores.memory import MemoryStore
    from kzquiz.stores.postgres import PostgresStore
    from kzquiz.stores.sqlite import SQLiteStore

_EXPORTS: dict[str, str] = {
    "AppealRecord": "kzquiz.appeals",
    "AppealStatus": "kzquiz.appeals",
    "AppealError": "kzquiz.errors",
    "DEFAULT_DECK": "kzquiz.bundled",
    "bundled_deck": "kzquiz.bundled",
    "bundled_decks": "kzquiz.bundled",
    "resolve_deck": "kzquiz.bundled",
    "check_deck": "kzquiz.deckfile",
    "load_deck": "kzquiz.deckfile",
    "loads_deck": "kzquiz.deckfile",
    "ConversionError": "kzquiz.errors",
    "DamagedStoreError": "kzquiz.errors",
    "DeckError": "kzquiz.errors",
    "KzquizError": "kzquiz.errors",
    "NotAStoreError": "kzquiz.errors",
    "Problem": "kzquiz.problems",
    "Severity": "kzquiz.problems",
    "StoreConnectionError": "kzquiz.errors",
    "StoreError": "kzquiz.errors",
    "StoreVersionError": "kzquiz.errors",
    "UnknownQuestionError": "kzquiz.errors",
    "Match": "kzquiz.grading",
    "Verdict": "kzquiz.grading",
    "grade": "kzquiz.grading",
    "normalize": "kzquiz.grading",
    "Answer": "kzquiz.model",
    "AnswerFact": "kzquiz.model",
    "ChoiceFact": "kzquiz.model",
    "ClozeFact": "kzquiz.model",
    "Deck": "kzquiz.model",
    "Fact": "kzquiz.model",
    "FactKind": "kzquiz.model",
    "Grading": "kzquiz.model",
    "Item": "kzquiz.model",
    "NumberFact": "kzquiz.model",
    "PartialAnswer": "kzquiz.model",
    "PartialRange": "kzquiz.model",
    "SequenceFact": "kzquiz.model",
    "SetFact": "kzquiz.model",
    "Source": "kzquiz.model",
    "StatementFact": "kzquiz.model",
    "NotEnoughReviewsError": "kzquiz.fitting",
    "optimize": "kzquiz.fitting",
    "reoptimize": "kzquiz.fitting",
    "reviews_from_csv": "kzquiz.fitting",
    "AnswerType": "kzquiz.questions",
    "Form": "kzquiz.questions",
    "Question": "kzquiz.questions",
    "generate": "kzquiz.questions",
    "CardState": "kzquiz.scheduling",
    "Memory": "kzquiz.scheduling",
    "Rating": "kzquiz.scheduling",
    "SchedulerSettings": "kzquiz.scheduling",
    "rating_for": "kzquiz.scheduling",
    "retrievability": "kzquiz.scheduling",
    "review": "kzquiz.scheduling",
    "Session": "kzquiz.session",
    "AuditFinding": "kzquiz.auditing",
    "AuditReport": "kzquiz.auditing",
    "AuditRule": "kzquiz.auditing",
    "Coverage": "kzquiz.auditing",
    "audit": "kzquiz.auditing",
    "Stats": "kzquiz.progress",
    "WeakFact": "kzquiz.progress",
    "Summary": "kzquiz.session",
    "Tally": "kzquiz.session",
    "stats": "kzquiz.progress",
    "SQLiteStore": "kzquiz.stores.sqlite",
    "default_store_path": "kzquiz.stores",
    "open_store": "kzquiz.stores",
    "MemoryStore": "kzquiz.stores.memory",
    "PostgresStore": "kzquiz.stores.postgres",
    "ReviewRecord": "kzquiz.stores.base",
    "Store": "kzquiz.stores.base",
}
"""The module that defines each public name."""


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'kzquiz' has no attribute {name!r}")
    import importlib  # here, not at the top: with the warnings it imports, 2% of kzquiz stats --json

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})


del TYPE_CHECKING


__version__ = "0.1.0"

__all__ = [
    "DEFAULT_DECK",
    "Answer",
    "AnswerFact",
    "AnswerType",
    "AppealError",
    "AppealRecord",
    "AppealStatus",
    "AuditFinding",
    "AuditReport",
    "AuditRule",
    "CardState",
    "ChoiceFact",
    "ClozeFact",
    "ConversionError",
    "Coverage",
    "DamagedStoreError",
    "Deck",
    "DeckError",
    "Fact",
    "FactKind",
    "Form",
    "Grading",
    "Item",
    "KzquizError",
    "Match",
    "Memory",
    "MemoryStore",
    "NotAStoreError",
    "NotEnoughReviewsError",
    "NumberFact",
    "PartialAnswer",
    "PartialRange",
    "PostgresStore",
    "Problem",
    "Question",
    "Rating",
    "ReviewRecord",
    "SQLiteStore",
    "SchedulerSettings",
    "SequenceFact",
    "Session",
    "SetFact",
    "Severity",
    "Source",
    "StatementFact",
    "Stats",
    "Store",
    "StoreConnectionError",
    "StoreError",
    "StoreVersionError",
    "Summary",
    "Tally",
    "UnknownQuestionError",
    "Verdict",
    "WeakFact",
    "audit",
    "bundled_deck",
    "bundled_decks",
    "check_deck",
    "default_store_path",
    "generate",
    "grade",
    "load_deck",
    "loads_deck",
    "normalize",
    "open_store",
    "optimize",
    "rating_for",
    "reoptimize",
    "resolve_deck",
    "retrievability",
    "review",
    "reviews_from_csv",
    "stats",
]
