"""The shared column types on both backends: UTC timestamps that keep their zone, JSON."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, insert, select, text
from sqlalchemy.exc import StatementError

from tocsin.db import Database, Json, UtcDateTime, utcnow
from tocsin.db.base import json_safe

# A scratch table, created beside the migrated schema, that exercises the types on their own.
SCRATCH = MetaData()
MOMENTS = Table(
    "test_moments",
    SCRATCH,
    Column("id", Integer, primary_key=True),
    Column("at", UtcDateTime, nullable=True),
    Column("doc", Json, nullable=True),
)

INDIA = timezone(timedelta(hours=5, minutes=30))
NEWFOUNDLAND = timezone(timedelta(hours=-3, minutes=-30))


@pytest.fixture
def scratch(database: Database) -> Database:
    SCRATCH.create_all(database.engine)
    return database


def write(db: Database, *values: datetime | None, doc: object = None) -> None:
    with db.engine.begin() as conn:
        conn.execute(insert(MOMENTS), [{"at": value, "doc": doc} for value in values])


def read_all(db: Database) -> list[datetime | None]:
    with db.engine.connect() as conn:
        if db.backend == "postgresql":
            # A server zone other than UTC must not leak into what Tocsin reads back.
            conn.execute(text("SET TIME ZONE 'Asia/Kathmandu'"))
        return list(conn.scalars(select(MOMENTS.c.at).order_by(MOMENTS.c.id)))


def test_utcnow_is_aware_utc() -> None:
    now = utcnow()
    assert now.tzinfo is not None and now.utcoffset() == timedelta(0)
    assert abs(now - datetime.now(UTC)) < timedelta(seconds=5)


def test_an_aware_time_comes_back_as_the_same_instant_in_utc(scratch: Database) -> None:
    local = datetime(2024, 3, 1, 9, 30, 15, 123456, tzinfo=INDIA)
    write(scratch, local, None)
    back, null = read_all(scratch)
    assert null is None
    assert back is not None
    assert back == local  # the same instant
    assert back.tzinfo == UTC and back.utcoffset() == timedelta(0)
    assert (back.year, back.month, back.day, back.hour, back.minute) == (2024, 3, 1, 4, 0)
    assert back.second == 15 and back.microsecond == 123456


def test_json_documents_round_trip(scratch: Database) -> None:
    doc = {"name": "Côte d'Ivoire", "values": [1, 2.5, None], "nested": {"ok": True}}
    write(scratch, None, doc=doc)
    with scratch.engine.connect() as conn:
        assert conn.scalar(select(MOMENTS.c.doc)) == doc


def test_times_from_different_zones_compare_as_instants_in_sql(scratch: Database) -> None:
    # 04:00 UTC, 06:00 UTC and 08:00 UTC, written in three different zones
    early = datetime(2024, 6, 1, 9, 30, tzinfo=INDIA)
    middle = datetime(2024, 6, 1, 6, 0, tzinfo=UTC)
    late = datetime(2024, 6, 1, 4, 30, tzinfo=NEWFOUNDLAND)
    write(scratch, late, early, middle)
    cutoff = datetime(2024, 6, 1, 2, 0, tzinfo=NEWFOUNDLAND)  # 05:30 UTC
    with scratch.engine.connect() as conn:
        before = list(conn.scalars(select(MOMENTS.c.at).where(MOMENTS.c.at < cutoff)))
        ordered = list(conn.scalars(select(MOMENTS.c.at).order_by(MOMENTS.c.at)))
    assert before == [early]
    assert ordered == [early, middle, late]


def test_naive_datetimes_are_refused(scratch: Database) -> None:
    with pytest.raises(StatementError, match="naive datetime"):
        write(scratch, datetime(2024, 1, 1, 12, 0))
    with (
        pytest.raises(StatementError, match="naive datetime"),
        scratch.engine.connect() as conn,
    ):
        conn.execute(select(MOMENTS).where(MOMENTS.c.at < datetime(2024, 1, 1)))
    assert read_all(scratch) == []


def test_json_safe_turns_nan_and_infinity_into_null_everywhere() -> None:
    nan, inf = float("nan"), float("inf")
    value = {
        "a": nan,
        "b": [1.5, inf, -inf, {"deep": (nan, 2)}],
        3: "three",
        "ok": {"x": 0.0, "y": None, "z": True, "s": "NaN"},
    }
    assert json_safe(value) == {
        "a": None,
        "b": [1.5, None, None, {"deep": [None, 2]}],
        "3": "three",
        "ok": {"x": 0.0, "y": None, "z": True, "s": "NaN"},
    }
    assert json_safe(nan) is None
    assert json_safe(-inf) is None
    assert json_safe(2.5) == 2.5
    assert json_safe([]) == []
