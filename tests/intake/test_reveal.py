"""The protection officer's reveal: the right key, the right report, and an audit trail."""

from __future__ import annotations

import pytest
from nacl.public import PrivateKey

from tests.intake.helpers import OFFICER, add_reports, draft
from tocsin import accounts
from tocsin.db import Database
from tocsin.intake.errors import IntakeInputError
from tocsin.intake.models import Report
from tocsin.intake.reveal import reveal


def test_reveal_by_id_or_reference_is_audited_without_the_identity(database: Database) -> None:
    [receipt] = add_reports(
        database, [draft(identity={"name": "Fatima Z.", "contact": "fz@example.org"})]
    )
    with database.session() as session:
        by_id = reveal(session, str(receipt.report_id), OFFICER)
        by_ref = reveal(session, receipt.reference, OFFICER)
    assert by_id.identity == by_ref.identity == {"name": "Fatima Z.", "contact": "fz@example.org"}
    with database.session() as session:
        events = accounts.audit.query(session, accounts.audit.AuditFilter(action="report.reveal"))
        assert len(events) == 2 and "Fatima" not in repr([e.detail for e in events])


def test_reveal_refuses_other_keys_swapped_boxes_and_missing_ones(database: Database) -> None:
    a, b, anonymous = add_reports(
        database,
        [draft("a", identity={"name": "A"}), draft("b", identity={"name": "B"}), draft("c")],
    )
    with database.session() as session:
        with pytest.raises(IntakeInputError, match="was sealed with key"):
            reveal(session, str(a.report_id), PrivateKey.generate())
        with pytest.raises(IntakeInputError, match="no sealed identity"):
            reveal(session, str(anonymous.report_id), OFFICER)
        with pytest.raises(IntakeInputError, match="no report"):
            reveal(session, "99999", OFFICER)
        report_a, report_b = session.get(Report, a.report_id), session.get(Report, b.report_id)
        assert report_a and report_b
        report_b.sealed_identity = report_a.sealed_identity  # an insider copies a box across
        session.flush()
        with pytest.raises(IntakeInputError, match="belongs to another report"):
            reveal(session, str(b.report_id), OFFICER)
