"""Passwords, sign-in tokens, CSRF tokens, question tickets and the limit on failed sign-ins.

* Passwords are hashed with argon2id at OWASP's recommended minimum (19 MiB of memory, two passes, one lane):
  some 30 ms on a small server, so that a class of thirty signing in at once is not kept waiting.
* A sign-in is a random token in an HttpOnly cookie (or, for the JSON API, a bearer token); the classroom keeps
  only its SHA-256 digest, so a copy of the database signs nobody in.
* A CSRF token is an HMAC of a random per-browser cookie under the server's secret: a page of another site can
  neither read the cookie nor forge the HMAC (the "signed double-submit cookie" of OWASP's cheat sheet).
* A question ticket is an HMAC-signed (learner, question, time asked): an answer is accepted only for a question
  the server asked that learner, and a ticket already answered is never recorded twice.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets

import attrs
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

SIGN_IN_DAYS = 14
"""How long a sign-in lasts."""

FAILURE_WINDOW = dt.timedelta(minutes=15)
ACCOUNT_FAILURES = 5
"""Failed sign-ins allowed per account within :data:`FAILURE_WINDOW`; then the account waits."""
ADDRESS_FAILURES = 30
"""Failed sign-ins allowed per network address within :data:`FAILURE_WINDOW` (a classroom shares one address)."""

MIN_PASSWORD = 8
MAX_PASSWORD = 200

_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


def hash_password(password: str) -> str:
    """An argon2id hash of ``password``."""
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """Whether ``password`` matches ``password_hash``."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


DUMMY_HASH = hash_password("not a password of anybody's")
"""Checked against when an account does not exist, so that the time taken does not tell which names exist."""


def password_problem(password: str) -> str | None:
    """Why ``password`` cannot be used, or ``None``."""
    if len(password) < MIN_PASSWORD:
        return f"a password needs at least {MIN_PASSWORD} characters"
    if len(password) > MAX_PASSWORD:
        return f"a password has at most {MAX_PASSWORD} characters"
    return None


def new_token() -> str:
    """A random token (256 bits) for a sign-in, a browser's CSRF cookie or the first-run page."""
    return secrets.token_urlsafe(32)


def digest(token: str) -> str:
    """The SHA-256 digest of a token, as the classroom keeps it."""
    return hashlib.sha256(token.encode()).hexdigest()


def same(given: str, expected: str) -> bool:
    """Whether two secrets are equal, in constant time, for any text a client can send (``hmac.compare_digest``
    alone raises on text that is not ASCII, which a forged token can be)."""
    return hmac.compare_digest(given.encode("utf-8", "surrogatepass"), expected.encode("utf-8", "surrogatepass"))


def _mac(secret: bytes, *parts: str) -> str:
    message = "\x1f".join(parts).encode("utf-8", "surrogatepass")
    return base64.urlsafe_b64encode(hmac.new(secret, message, hashlib.sha256).digest()[:24]).decode().rstrip("=")


def csrf_token(secret: bytes, browser: str) -> str:
    """The CSRF token of forms shown to the browser whose CSRF cookie is ``browser``."""
    return _mac(secret, "csrf", browser)


def csrf_ok(secret: bytes, browser: str | None, token: str | None) -> bool:
    """Whether a form's token matches the browser's cookie."""
    if not browser or not token:
        return False
    return same(token, csrf_token(secret, browser))


@attrs.frozen
class Ticket:
    """A question asked of a learner, at a time: what an answer refers to.

    ``attempt`` is how many times the learner had answered the question's fact before, which decides the order its
    options were shown in (:func:`kzquiz.shuffling.reshuffled`).
    """

    learner: str
    question_id: str
    asked_at: dt.datetime
    attempt: int = 0


def make_ticket(secret: bytes, ticket: Ticket, purpose: str = "ticket") -> str:
    """The ticket as a signed string to put in a form or a JSON reply; ``purpose`` keeps a question's ticket from
    passing for another kind (an appeal names a review by the same three values)."""
    when = ticket.asked_at.astimezone(dt.UTC).isoformat(timespec="microseconds")
    fields = (ticket.learner, ticket.question_id, when, *((str(ticket.attempt),) if ticket.attempt else ()))
    body = base64.urlsafe_b64encode("\x1f".join(fields).encode()).decode()
    return f"{body}.{_mac(secret, purpose, body)}"


def read_ticket(secret: bytes, text: str, purpose: str = "ticket") -> Ticket | None:
    """The ticket signed in ``text`` for ``purpose``, or ``None`` if it was not made by this server for that."""
    body, _, mac = text.partition(".")
    if not mac or not text.isascii() or not same(mac, _mac(secret, purpose, body)):
        return None  # the server's tokens are ASCII: anything else is a forgery, refused like one
    try:
        learner, question_id, when, *attempt = base64.urlsafe_b64decode(body.encode()).decode().split("\x1f")
        if len(attempt) > 1 or (attempt and not attempt[0].isdecimal()):
            return None
        return Ticket(learner, question_id, dt.datetime.fromisoformat(when), int(attempt[0]) if attempt else 0)
    except ValueError:
        return None
