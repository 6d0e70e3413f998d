"""Audit findings built, named and counted quickly: the same values as the plain definitions."""

from __future__ import annotations

import pickle

import attrs
from hypothesis import given
from hypothesis import strategies as st

import kzquiz
from kzquiz.auditfindings import RULE_KINDS, AuditFinding, AuditReport, AuditRule, Coverage, make_finding
from kzquiz.problems import Severity


def plain_field(fact: str, key: tuple[str | int, ...]) -> str:
    """``AuditFinding.field`` as first written: the fact, then each name after a dot and each index in brackets."""
    parts = [fact] if fact else []
    for part in key:
        if isinstance(part, int):
            parts[-1:] = [f"{parts[-1] if parts else ''}[{part}]"]
        else:
            parts.append(part)
    return ".".join(parts)


keys = st.lists(st.one_of(st.sampled_from(["quote", "items", "", "deck"]), st.integers(0, 3), st.booleans()))


@given(st.sampled_from(["", "f1", "a.b", "capital"]), keys, keys)
def test_a_field_is_named_as_the_plain_definition_names_it(
    fact: str, key: list[str | int], before: list[str | int]
) -> None:
    AuditFinding(AuditRule.QUOTE, fact, "m", key=tuple(before)).field  # noqa: B018  # may fill the cache first
    finding = AuditFinding(AuditRule.QUOTE, fact, "m", key=tuple(key))
    assert finding.field == plain_field(fact, tuple(key))


def test_index_and_true_keys_are_told_apart() -> None:
    assert AuditFinding(AuditRule.QUOTE, "f", "m", key=("items", 1)).field == "f.items[1]"
    assert AuditFinding(AuditRule.QUOTE, "f", "m", key=("items", True)).field == "f.items[True]"


def test_make_finding_builds_what_the_constructor_builds() -> None:
    args = (AuditRule.LEAK, "f", "message", "hint", Severity.ERROR, ("quote",), ("q1", "q2"))
    made, built = make_finding(*args), AuditFinding(*args)
    assert made == built
    assert type(made) is AuditFinding
    assert hash(made) == hash(built)
    assert attrs.asdict(made) == attrs.asdict(built)
    assert make_finding(AuditRule.TIME, "f", "m") == AuditFinding(AuditRule.TIME, "f", "m")


def test_rules_hash_as_they_compare() -> None:
    for rule in AuditRule:
        copy = pickle.loads(pickle.dumps(rule))  # noqa: S301 - our own bytes
        assert copy is rule
        assert hash(copy) == hash(rule)
        assert ({rule: 1}[copy], RULE_KINDS.get(copy)) == (1, RULE_KINDS.get(rule))
    assert len({*AuditRule}) == len(AuditRule)


@given(st.lists(st.sampled_from(list(Severity))))
def test_errors_and_warnings_are_counted(severities: list[Severity]) -> None:
    findings = tuple(AuditFinding(AuditRule.QUOTE, "f", "m", severity=s) for s in severities)
    report = AuditReport(findings, Coverage(0, 0, 0, ()))
    assert report.errors == sum(f.severity is Severity.ERROR for f in findings)
    assert report.warnings == len(findings) - report.errors


def test_each_time_bound_question_is_placed_at_the_key_that_words_it_with_its_facts_date() -> None:
    deck = kzquiz.loads_deck(
        '[deck]\nid = "t"\ntitle = "T"\n'
        '[[facts]]\nid = "caps"\nkind = "sequence"\nsubject = "the capitals"\nas_of = 2021-03-01\n'
        'items = ["Almaty", "Astana", "Nur-Sultan"]\nprompts.after = "Which capital followed {item}?"\n'
        '[[facts]]\nid = "who"\nkind = "answer"\nquestion = "Who is president?"\nanswer = "Tokayev"\n'
        "as_of = 2022-01-15\n",
        "t.toml",
    )
    time = [f for f in kzquiz.audit(deck, "Astana.").findings if f.rule is AuditRule.TIME]
    keys = {(f.fact, f.questions[0].split("/")[2], f.key) for f in time}
    assert ("caps", "after", ("prompts", "after")) in keys
    assert ("caps", "before", ("subject",)) in keys
    assert ("who", "recall", ("question",)) in keys
    for finding in time:
        month, day = ("March 2021", "2021-03-01") if finding.fact == "caps" else ("January 2022", "2022-01-15")
        said = "“according to …” or “as of …”"
        assert (
            finding.message == f"{finding.questions[0]}: time-bound (as of {day}) but the question does not say {said}"
        )
        assert finding.hint == f"say “According to the article, as of {month}, …” or name the time in the question"
