"""The closest passage named for a quote not found: the same sentence as comparing every candidate in full."""

from __future__ import annotations

import itertools
from collections import Counter

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from kzquiz.sourcetext import CANDIDATES, CLOSEST_CUTOFF, Passage, SourceText, fold_quote, most_like

WORDS = ["teh", "the", "city", "river", "Astana", "Almaty", "a", "of", "1998", "capital", "moved"]


def plain_most_like(quote: str, candidates: list[str]) -> int | None:
    """The plain definition: every candidate scored, the first of the best kept, if it reaches the cutoff."""
    best = process.extractOne(quote, candidates, scorer=fuzz.partial_ratio, score_cutoff=CLOSEST_CUTOFF)
    return None if best is None else best[2]


def plain_closest(source: SourceText, quote: str) -> Passage | None:
    """:meth:`SourceText.closest` as it was written before candidates were bounded."""
    folded = fold_quote(quote)
    votes: Counter[int] = Counter()
    for pair in itertools.pairwise(folded.split(" ")):
        votes.update(source._pair_sentences(pair))
    candidates = [i for i, _ in votes.most_common(CANDIDATES)] or range(min(len(source.sentences), CANDIDATES))
    choices = {i: fold_quote(source.sentences[i].text) for i in candidates}
    best = process.extractOne(folded, choices, scorer=fuzz.partial_ratio, score_cutoff=CLOSEST_CUTOFF)
    return source.sentences[best[2]] if best else None


texts = st.text(alphabet="abcde .", min_size=1, max_size=150)
"""Short and long (over 64 characters, which rapidfuzz compares another way), over few letters: many near ties."""


@given(texts, st.lists(texts, max_size=CANDIDATES), st.data())
@example("aaaa", ["bbaa", "aa", "aaaaa"], None)  # a whole needle against a short candidate: the bound is not n
@example("ab", ["ab", "ab"], None)  # equal scores: the first
@example(" ....a", [" x...a", " .a...a"], None)  # equal scores, the second one's bound higher: still the first
@settings(max_examples=400)
def test_the_bound_picks_what_scoring_every_candidate_picks(
    quote: str, candidates: list[str], data: st.DataObject | None
) -> None:
    if data is not None and candidates:  # copies and near copies of the quote make the high and equal scores
        for _ in range(data.draw(st.integers(0, 3))):
            at = data.draw(st.integers(0, len(candidates) - 1))
            cut = data.draw(st.integers(0, len(quote)))
            candidates[at] = quote[:cut] + data.draw(st.sampled_from(["", "x", "a"])) + quote[cut + 1 :]
    assert most_like(quote, candidates) == plain_most_like(quote, candidates)


sentences = st.lists(st.sampled_from(WORDS), min_size=2, max_size=25).map(lambda w: " ".join(w).capitalize() + ".")


@given(st.lists(sentences, min_size=1, max_size=40), st.lists(st.sampled_from(WORDS), min_size=1, max_size=25))
def test_the_closest_passage_is_the_one_scoring_every_candidate_names(text: list[str], quote: list[str]) -> None:
    source = SourceText("\n".join(text))
    written = " ".join(quote)
    assert source.closest(written) == plain_closest(SourceText("\n".join(text)), written)


def test_a_misspelt_quote_names_its_sentence_not_a_longer_similar_one() -> None:
    source = SourceText(
        "The capital moved from Almaty to Astana in 1998.\n"
        "The capital of the country moved from Almaty to the city of Astana, on the river, in 1998.\n"
    )
    near = source.closest("The capital moved from Almaty to Astana in 1997.")
    assert near is not None
    assert near.line == 1


TOWN = "The bridge opened in 1890.\nIn 1901 the town hall burned down. It was rebuilt in 1905.\nThe river froze.\n"


def test_a_quote_across_two_sentences_names_both_as_its_closest_passage() -> None:
    source = SourceText(TOWN)
    for quote in ("burned down . It was", "town hall burnt down. It was rebuilt", "down. It was rebuild in 1905."):
        near = source.closest(quote)
        assert near is not None, quote
        assert near.text == "In 1901 the town hall burned down. It was rebuilt in 1905.", quote
        assert (near.line, near.column) == (2, 1)
        assert TOWN[near.start : near.end] == near.text


def test_a_quote_of_one_sentence_still_names_one_sentence() -> None:
    source = SourceText(TOWN)
    near = source.closest("the town hall burnt down.")
    assert near is not None
    assert near.text == "In 1901 the town hall burned down."


def test_the_audit_names_the_two_sentences_a_quote_runs_across() -> None:
    import kzquiz

    deck = kzquiz.loads_deck(
        '[deck]\nid = "t"\ntitle = "T"\n[[facts]]\nid = "hall"\nkind = "answer"\nquestion = "When did it burn?"\n'
        'answer = "1901"\nquote = "burned down . It was"\n',
        "t.toml",
    )
    [message] = [f.message for f in kzquiz.audit(deck, TOWN).findings if f.rule.value == "quote"]
    assert message.endswith("closest passage, line 2: “In 1901 the town hall burned down. It was rebuilt in 1905.”"), (
        message
    )


def test_a_quote_across_a_sentence_end_after_a_capital_letter_names_both_sentences() -> None:
    source = SourceText("He took vitamin C. It helped a lot.\nThe bridge opened.\n")
    near = source.closest("took vitamin C. It helpd a lot")
    assert near is not None
    assert near.text == "He took vitamin C. It helped a lot."
