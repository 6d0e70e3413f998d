"""kzquiz: quizzes and flashcards from plain-text deck files, graded fairly and scheduled with FSRS.

The public API, in one place::

    import kzquiz

    deck = kzquiz.load_deck("decks/kazakhstan-2022.toml")
    question = deck.questions[0]
    verdict = question.check("Karim Masimov")
"""

from kzquiz.bundled import DEFAULT_DECK, bundled_decks, resolve_deck
from kzquiz.deckfile import check_deck, load_deck, loads_deck
from kzquiz.errors import (
    ConversionError,
    DamagedStoreError,
    DeckError,
    KzquizError,
    NotAStoreError,
    Problem,
    Severity,
    StoreError,
    StoreVersionError,
    UnknownQuestionError,
)
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
    SequenceFact,
    SetFact,
    Source,
    StatementFact,
)
from kzquiz.optimize import NotEnoughReviewsError, optimize, reoptimize
from kzquiz.questions import Form, Question, QuestionKind, generate
from kzquiz.scheduling import CardState, Memory, Rating, SchedulerSettings, rating_for, retrievability, review
from kzquiz.session import Session, Stats, Summary, stats
from kzquiz.sqlite_store import SQLiteStore, default_store_path, open_store
from kzquiz.store import MemoryStore, ReviewRecord, Store

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_DECK",
    "Answer",
    "AnswerFact",
    "CardState",
    "ChoiceFact",
    "ClozeFact",
    "ConversionError",
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
    "Problem",
    "Question",
    "QuestionKind",
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
    "StoreError",
    "StoreVersionError",
    "Summary",
    "UnknownQuestionError",
    "Verdict",
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
    "stats",
]
