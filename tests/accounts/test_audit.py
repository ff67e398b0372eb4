"""The audit log: append-only in the database itself, filtered and paged, exported as safe CSV."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from tests.accounts.conftest import PASSWORD
from tocsin import accounts
from tocsin.accounts import audit
from tocsin.accounts.audit import AuditFilter
from tocsin.accounts.models import AuditEvent, User
from tocsin.db import Database, upgrade, utcnow

pytestmark = pytest.mark.usefixtures("cheap_hashing")


def make_user(session: Session, username: str) -> User:
    user, _ = accounts.create_user(session, username=username, role="admin", password=PASSWORD)
    return user


def count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(AuditEvent)) or 0


def notes(db: Database) -> list[str]:
    with db.session() as session:
        return list(session.scalars(select(AuditEvent.note).order_by(AuditEvent.id)))


def at(session: Session, moment: datetime, action: str, actor: str = "system") -> AuditEvent:
    event = AuditEvent(
        at=moment, actor=actor, action=action, target_type="", target_id="", detail={}, note=""
    )
    session.add(event)
    session.flush()
    return event


# --- recording ---------------------------------------------------------------------------------


def test_record_names_the_actor_or_the_system(database: Database) -> None:
    with database.session() as session:
        root = make_user(session, "root")
        mine = audit.record(
            session, root, "thing.do", target_type="thing", target_id=42, detail={"k": [1, "v"]}
        )
        theirs = audit.record(session, None, "thing.tick", note="nightly")
    with database.session() as session:
        got = session.get(AuditEvent, mine.id)
        sys_event = session.get(AuditEvent, theirs.id)
        assert got is not None and sys_event is not None
        assert (got.actor, got.actor_id, got.target_type, got.target_id) == (
            "root",
            root.id,
            "thing",
            "42",
        )
        assert got.detail == {"k": [1, "v"]}
        assert (sys_event.actor, sys_event.actor_id) == ("system", None)
        assert sys_event.detail == {} and sys_event.note == "nightly"
        assert abs(utcnow() - got.at) < timedelta(minutes=1)


def test_record_many_writes_one_event_per_target_each_with_its_own_actor(
    database: Database,
) -> None:
    with database.session() as session:
        alice, bob = make_user(session, "alice"), make_user(session, "bob")
        before = count(session)
        audit.record_many(
            session,
            "report.receive",
            target_type="report",
            events=[
                (audit.Actor.of(alice), 1, {"channel": "api"}),
                (audit.Actor.of(bob), 2, {"channel": "api"}),
                (None, 3, {"channel": "form"}),
            ],
        )
        audit.record_many(session, "report.receive", target_type="report", events=[])
        assert count(session) == before + 3
    with database.session() as session:
        rows = session.execute(
            select(AuditEvent.actor, AuditEvent.actor_id, AuditEvent.target_id, AuditEvent.detail)
            .where(AuditEvent.action == "report.receive")
            .order_by(AuditEvent.id)
        ).all()
    assert [tuple(r) for r in rows] == [
        ("alice", alice.id, "1", {"channel": "api"}),
        ("bob", bob.id, "2", {"channel": "api"}),
        ("system", None, "3", {"channel": "form"}),
    ]


# --- append-only, enforced by the database -----------------------------------------------------


@pytest.fixture
def logged(database: Database) -> Database:
    with database.session() as session:
        audit.record(session, None, "first", note="original one")
        audit.record(session, None, "second", note="original two")
    return database


REWRITES = [
    "UPDATE audit_events SET note = 'rewritten'",
    "UPDATE audit_events SET note = 'rewritten' WHERE action = 'first'",
    "DELETE FROM audit_events",
    "DELETE FROM audit_events WHERE action = 'second'",
    # an upsert onto an existing id is an update in disguise
    "INSERT INTO audit_events (id, at, actor, action, target_type, target_id, detail, note) "
    "SELECT id, at, 'evil', action, '', '', '{}', 'forged' FROM audit_events WHERE true "
    "ON CONFLICT (id) DO UPDATE SET note = 'forged'",
]


def test_raw_sql_cannot_update_delete_or_empty_the_log(logged: Database) -> None:
    # PostgreSQL's TRUNCATE skips row triggers, so it needs a guard of its own; SQLite has none.
    wholesale = ["TRUNCATE audit_events"] if logged.backend == "postgresql" else []
    for statement in REWRITES + wholesale:
        with pytest.raises(DBAPIError, match="append-only"), logged.session() as session:
            session.execute(text(statement))
        assert notes(logged) == ["original one", "original two"], statement


def test_the_orm_cannot_change_or_delete_an_event_but_can_add_one(logged: Database) -> None:
    with pytest.raises(DBAPIError, match="append-only"), logged.session() as session:
        event = session.scalars(select(AuditEvent)).first()
        assert event is not None
        event.note = "edited"
    with pytest.raises(DBAPIError, match="append-only"), logged.session() as session:
        event = session.scalars(select(AuditEvent)).first()
        assert event is not None
        session.delete(event)
    with logged.session() as session:
        audit.record(session, None, "third", note="original three")
    assert notes(logged) == ["original one", "original two", "original three"]


def test_sqlite_insert_or_replace_cannot_rewrite_an_event(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'audit.db'}")
    upgrade(db)
    with db.session() as session:
        event_id = audit.record(session, None, "first", note="original").id
    with contextlib.suppress(DBAPIError), db.session() as session:
        session.execute(
            text(
                "INSERT OR REPLACE INTO audit_events (id, at, actor, action, target_type, "
                "target_id, detail, note) VALUES (:id, '2020-01-01 00:00:00', 'evil', "
                "'first', '', '', '{}', 'forged')"
            ),
            {"id": event_id},
        )
    forged = notes(db)
    db.dispose()
    assert forged == ["original"]


# --- querying ----------------------------------------------------------------------------------


@pytest.fixture
def many(database: Database) -> Database:
    """27 events: two user.create, then 25 with actions a.0 .. a.4 in turn, by alice (even n)
    and bob (odd n), targeting n."""
    with database.session() as session:
        alice, bob = make_user(session, "alice"), make_user(session, "bob")
    with database.session() as session:
        for n in range(25):
            actor = alice if n % 2 == 0 else bob
            audit.record(session, actor, f"a.{n % 5}", target_id=n)
    return database


def own(events: Iterable[AuditEvent]) -> list[int]:
    """The target ids of the fixture's own events (not the users' creation), in order."""
    return [int(e.target_id) for e in events if e.action.startswith("a.")]


def test_query_is_newest_first_and_limited(many: Database) -> None:
    with many.session() as session:
        page = audit.query(session, AuditFilter(), limit=10)
        assert len(page) == 10
        ids = [e.id for e in page]
        assert ids == sorted(ids, reverse=True)
        assert own(page) == list(range(24, 14, -1))


def test_query_filters_by_actor_and_action(many: Database) -> None:
    with many.session() as session:
        by_bob = audit.query(session, AuditFilter(actor="bob"))
        assert own(by_bob) == list(range(23, 0, -2))
        a3 = audit.query(session, AuditFilter(action="a.3"))
        assert own(a3) == [23, 18, 13, 8, 3]
        both = audit.query(session, AuditFilter(actor="alice", action="a.3"))
        assert own(both) == [18, 8]
        assert audit.query(session, AuditFilter(actor="nobody")) == []


def test_query_filters_by_time(database: Database) -> None:
    base = utcnow().replace(microsecond=0) - timedelta(days=10)
    with database.session() as session:
        for day in range(10):
            at(session, base + timedelta(days=day), f"day.{day}")
    with database.session() as session:
        since = audit.query(session, AuditFilter(since=base + timedelta(days=7, hours=1)))
        assert [e.action for e in since] == ["day.9", "day.8"]
        until = audit.query(session, AuditFilter(until=base + timedelta(days=1, hours=1)))
        assert [e.action for e in until] == ["day.1", "day.0"]
        window = audit.query(
            session,
            AuditFilter(since=base + timedelta(days=3, hours=1), until=base + timedelta(days=6)),
        )
        assert [e.action for e in window] == ["day.5", "day.4"]


def test_paging_with_before_id_walks_everything_once(many: Database) -> None:
    seen: list[int] = []
    with many.session() as session:
        total = count(session)
        before: int | None = None
        while True:
            page = audit.query(session, AuditFilter(), limit=7, before_id=before)
            if not page:
                break
            assert len(page) <= 7
            if seen:
                assert page[0].id < seen[-1]
            seen.extend(e.id for e in page)
            before = page[-1].id
    assert len(seen) == len(set(seen)) == total == 27
    assert seen == sorted(seen, reverse=True)


def test_paging_combines_with_filters(many: Database) -> None:
    with many.session() as session:
        first = audit.query(session, AuditFilter(actor="alice"), limit=5)
        second = audit.query(session, AuditFilter(actor="alice"), limit=5, before_id=first[-1].id)
        assert own(first) == [24, 22, 20, 18, 16]
        assert own(second) == [14, 12, 10, 8, 6]


def test_iter_all_returns_everything_in_small_batches(many: Database) -> None:
    with many.session() as session:
        everything = list(audit.iter_all(session, AuditFilter(), batch=4))
        assert len(everything) == count(session) == 27
        assert [e.id for e in everything] == sorted((e.id for e in everything), reverse=True)
        alices = list(audit.iter_all(session, AuditFilter(actor="alice"), batch=3))
        assert own(alices) == list(range(24, -1, -2))


# --- CSV export --------------------------------------------------------------------------------


def parse(chunks: Iterator[str]) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO("".join(chunks), newline=""))
    assert tuple(reader.fieldnames or ()) == audit.EXPORT_FIELDS
    return list(reader)


def test_csv_of_no_events_is_just_the_header() -> None:
    assert parse(audit.to_csv([])) == []


def test_csv_round_trips_awkward_text(database: Database) -> None:
    awkward = 'a "quoted", comma\nand a newline'
    with database.session() as session:
        event = audit.record(
            session, None, "note.add", target_id="x,y", detail={"q": 'say "hi"'}, note=awkward
        )
    [row] = parse(audit.to_csv([event]))
    assert row["id"] == str(event.id)
    assert row["note"] == awkward
    assert row["target_id"] == "x,y"
    assert json.loads(row["detail"]) == {"q": 'say "hi"'}
    moment = datetime.fromisoformat(row["at"])
    assert moment == event.at and moment.utcoffset() == timedelta(0)


DANGERS = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", '=HYPERLINK("http://x")', "\t=1", "\r=1"]


def test_csv_defuses_formula_like_cells_and_only_those(database: Database) -> None:
    with database.session() as session:
        risky = [
            audit.record(session, None, "x.y", target_type=d, target_id=d, note=d) for d in DANGERS
        ]
        calm = audit.record(session, None, "x.y", note="a=b, c+d, e-f, me@org")
    rows = parse(audit.to_csv([*risky, calm]))
    for danger, row in zip(DANGERS, rows, strict=False):
        for column in ("target_type", "target_id", "note"):
            assert row[column] == "'" + danger, (column, danger)
        assert row["action"] == "x.y"  # harmless cells are left as they are
    assert rows[-1]["note"] == "a=b, c+d, e-f, me@org"  # formula characters inside are fine


def test_csv_streams_one_chunk_per_event(many: Database) -> None:
    with many.session() as session:
        events = list(audit.iter_all(session, AuditFilter()))
    chunks = list(audit.to_csv(iter(events)))
    assert len(chunks) == len(events) + 1
    rows = parse(iter(chunks))
    assert [int(r["id"]) for r in rows] == [e.id for e in events]
