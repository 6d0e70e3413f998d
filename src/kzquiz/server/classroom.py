"""The classroom: teachers, classes and their join codes, learners' accounts, uploaded decks, assignments, sign-ins.

What the web app keeps besides learners' progress (which stays in the :class:`kzquiz.Store`) lives behind the
small :class:`Classroom` protocol, so that the routes never know which database they have:
:class:`~kzquiz.server.classroom_sqlite.SQLiteClassroom` keeps it in one SQLite file beside the progress store,
:class:`~kzquiz.server.classroom_postgres.PostgresClassroom` in PostgreSQL beside a school's store
(:func:`open_classroom` picks one by the location).
Passwords arrive here already hashed and sign-in tokens as their SHA-256 digests: this module never sees a secret.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Protocol

import attrs

from kzquiz.errors import KzquizError


class ClassroomError(KzquizError, ValueError):
    """A classroom action cannot be done (a name already taken, a class that does not exist); the message says why."""


class Role(enum.Enum):
    """Who a signed-in account is."""

    TEACHER = "teacher"
    LEARNER = "learner"


@attrs.frozen
class Teacher:
    """A teacher's account: ``username`` signs in; ``password_hash`` is an argon2 hash."""

    id: int
    username: str
    password_hash: str = attrs.field(repr=False)


@attrs.frozen
class Klass:
    """A class: its teacher, its name and the code learners join it with."""

    id: int
    teacher_id: int
    name: str
    join_code: str


@attrs.frozen
class Learner:
    """A learner's account in one class; ``store_name`` is the learner's name in the progress store."""

    id: int
    class_id: int
    name: str
    password_hash: str = attrs.field(repr=False)

    @property
    def store_name(self) -> str:
        """The learner's name in the progress store: the class's id and the name, so two classes' Aigerims differ."""
        return f"c{self.class_id}/{self.name}"


@attrs.frozen
class StoredDeck:
    """A deck a teacher uploaded: its TOML text (an imported GIFT, CSV or Aiken file is kept converted)."""

    id: int
    teacher_id: int
    deck_id: str
    title: str
    source_name: str
    text: str = attrs.field(repr=False)
    uploaded_at: dt.datetime


@attrs.frozen
class SignIn:
    """A signed-in browser or API client: whose it is and until when it is valid."""

    role: Role
    account_id: int
    expires_at: dt.datetime


class Classroom(Protocol):
    """Where the web app's accounts, classes and decks live. Every method that writes has committed on return."""

    def secret(self) -> bytes:
        """The server's secret key (made on first use), shared by every worker: it signs CSRF tokens and tickets."""
        ...

    def setup_token(self) -> str | None:
        """The one-time token that lets the first teacher create an account, or ``None`` once a teacher exists."""
        ...

    def new_setup_token(self, token: str) -> None:
        """Remember ``token`` as the first-run token (while no teacher exists)."""
        ...

    def has_teacher(self) -> bool:
        """Whether any teacher account exists."""
        ...

    def add_teacher(self, username: str, password_hash: str) -> Teacher:
        """Add a teacher; raises :class:`ClassroomError` if the name is taken. Clears the first-run token."""
        ...

    def teacher(self, teacher_id: int) -> Teacher | None:
        """A teacher by id."""
        ...

    def teacher_named(self, username: str) -> Teacher | None:
        """A teacher by username (compared without regard to case)."""
        ...

    def add_class(self, teacher_id: int, name: str, join_code: str) -> Klass:
        """Add a class; raises :class:`ClassroomError` if the teacher has a class of that name."""
        ...

    def classes(self, teacher_id: int) -> list[Klass]:
        """A teacher's classes, by name."""
        ...

    def klass(self, class_id: int) -> Klass | None:
        """A class by id."""
        ...

    def class_with_code(self, join_code: str) -> Klass | None:
        """The class a join code opens (codes are compared without regard to case)."""
        ...

    def add_learner(self, class_id: int, name: str, password_hash: str) -> Learner:
        """Add a learner to a class; raises :class:`ClassroomError` if the class has a learner of that name."""
        ...

    def learner(self, learner_id: int) -> Learner | None:
        """A learner by id."""
        ...

    def learner_named(self, class_id: int, name: str) -> Learner | None:
        """A class's learner by name (compared without regard to case)."""
        ...

    def learners(self, class_id: int) -> list[Learner]:
        """A class's learners, by name."""
        ...

    def save_deck(self, teacher_id: int, deck_id: str, title: str, source_name: str, text: str) -> StoredDeck:
        """Save a teacher's deck; a deck with the same deck id replaces the older version (progress is kept by id)."""
        ...

    def deck(self, deck_key: int) -> StoredDeck | None:
        """An uploaded deck by its key."""
        ...

    def teacher_decks(self, teacher_id: int) -> list[StoredDeck]:
        """A teacher's decks, by title. Listings leave ``text`` empty (it is read on every page): see :meth:`deck`."""
        ...

    def assign(self, class_id: int, deck_key: int) -> None:
        """Assign a deck to a class (assigning it again does nothing)."""
        ...

    def unassign(self, class_id: int, deck_key: int) -> None:
        """Take a deck away from a class (learners keep their progress)."""
        ...

    def class_decks(self, class_id: int) -> list[StoredDeck]:
        """The decks assigned to a class, by title, with ``text`` left empty as in :meth:`teacher_decks`."""
        ...

    def add_sign_in(self, token_hash: str, sign_in: SignIn, now: dt.datetime) -> None:
        """Remember a sign-in under the SHA-256 digest of its token (and forget those expired at ``now``)."""
        ...

    def sign_in(self, token_hash: str, now: dt.datetime) -> SignIn | None:
        """The sign-in whose token has this digest, if it has not expired at ``now``."""
        ...

    def end_sign_in(self, token_hash: str) -> None:
        """Forget a sign-in (signing out)."""
        ...

    def add_failure(self, keys: list[str], now: dt.datetime) -> None:
        """Note a failed sign-in under each key (an account, an address)."""
        ...

    def failures(self, key: str, since: dt.datetime) -> int:
        """How many failed sign-ins were noted under ``key`` since ``since``."""
        ...

    def claim_ticket(self, key: str, now: dt.datetime, answer: str) -> str | None:
        """Claim an answered question's ticket with its ``answer``: ``None`` the first time; after that, the answer
        it was first claimed with (which is the one recorded)."""
        ...

    def release_ticket(self, key: str) -> None:
        """Give a ticket back (its answer could not be recorded)."""
        ...

    def close(self) -> None:
        """Release the database."""
        ...


def open_classroom(location: str) -> Classroom:
    """The classroom at ``location``: a ``postgresql://`` URL, or the path of an SQLite file."""
    from kzquiz.stores import is_url

    if is_url(location):
        from kzquiz.server.classroom_postgres import PostgresClassroom

        return PostgresClassroom(location)
    from kzquiz.server.classroom_sqlite import SQLiteClassroom

    return SQLiteClassroom(location)
