"""How an answer is split into option numbers and letters (kzquiz.picks)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kzquiz.picks import _WORDY, option_tokens

PIECES = [*"abdehnt12 ,;()._-é٣→", "and", "then", " and "]
ANSWERS = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)


@given(ANSWERS)
def test_an_answer_with_a_word_has_no_reading_as_numbers_or_letters(answer: str) -> None:
    """read_picks skips splitting an answer into tokens when a word has a letter next to another character; that is
    right only if such an answer's tokens could never all be numbers, nor all single letters."""
    folded = answer.casefold()
    if _WORDY.search(folded):
        tokens = option_tokens(folded)
        assert not all(t.isdecimal() and t.isascii() for t in tokens)
        assert not all(len(t) == 1 for t in tokens)


def test_numbers_and_letters_are_still_read_as_tokens() -> None:
    for answer, tokens in [("3 1 2", ["3", "1", "2"]), ("c, a and b", ["c", "a", "b"]), ("(b) then (a)", ["b", "a"])]:
        assert not _WORDY.search(answer)
        assert option_tokens(answer) == tokens
