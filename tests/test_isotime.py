"""Times in UTC written as ISO 8601 text (kzquiz.isotime): exactly what datetime.isoformat writes, for any time."""

from __future__ import annotations

import datetime as dt
import hashlib

from hypothesis import given
from hypothesis import strategies as st

from kzquiz.isotime import iso_utc
from kzquiz.scheduling import fuzz_draw

ZONES = st.sampled_from(
    [
        dt.UTC,
        dt.timezone(dt.timedelta(0)),
        dt.timezone(dt.timedelta(hours=5)),
        dt.timezone(dt.timedelta(hours=-3)),
        None,
    ]
)


class _Moment(dt.datetime):
    def isoformat(self, sep: str = "T", timespec: str = "auto") -> str:
        return f"moment {super().isoformat(sep, timespec)}"


@given(st.datetimes(timezones=ZONES), st.booleans())
def test_a_time_is_written_as_isoformat_writes_it(moment: dt.datetime, microseconds: bool) -> None:
    expected = moment.isoformat(timespec="microseconds") if microseconds else moment.isoformat()
    assert iso_utc(moment, microseconds=microseconds) == expected


@given(st.datetimes(timezones=st.just(dt.UTC)))
def test_microseconds_are_written_only_when_there_are_some_unless_asked_for(moment: dt.datetime) -> None:
    text = iso_utc(moment)
    assert ("." in text) == (moment.microsecond != 0)
    assert iso_utc(moment, microseconds=True).endswith(f".{moment.microsecond:06d}+00:00")


def test_edge_times_and_a_subclass_are_written_as_isoformat_writes_them() -> None:
    for moment in (
        dt.datetime(1, 1, 1, tzinfo=dt.UTC),
        dt.datetime(999, 12, 31, 23, 59, 59, 999_999, tzinfo=dt.UTC),
        dt.datetime(1000, 1, 1, 0, 0, 0, 1, tzinfo=dt.UTC),
        dt.datetime(9999, 12, 31, 23, 59, 59, 999_999, tzinfo=dt.UTC),
        dt.datetime(2026, 3, 2, 9, 5, 7, 10, tzinfo=dt.UTC, fold=1),
        _Moment(2026, 3, 2, 9, 5, tzinfo=dt.UTC),
    ):
        assert iso_utc(moment) == moment.isoformat()
        assert iso_utc(moment, microseconds=True) == moment.isoformat(timespec="microseconds")


IDS = st.text(st.characters(exclude_categories=["Cs"]), max_size=20)  # any text an id can be


@given(IDS, IDS, st.datetimes(timezones=ZONES.filter(lambda zone: zone is not None)))
def test_the_fuzz_draw_is_the_hash_its_docstring_names(deck_id: str, fact_id: str, now: dt.datetime) -> None:
    digest = hashlib.blake2b(f"{deck_id}/{fact_id}@{now.isoformat()}".encode(), digest_size=8).digest()
    assert fuzz_draw(deck_id, fact_id, now) == int.from_bytes(digest) / 2**64
