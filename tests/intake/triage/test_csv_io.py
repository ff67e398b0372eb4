from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tocsin.errors import TocsinError
from tocsin.intake.errors import IntakeInputError
from tocsin.intake.triage.csv_io import CONTRACT_COLUMNS, EXTRA_COLUMNS, triage_csv
from tocsin.intake.triage.pipeline import TriagePipeline


def write(tmp_path: Path, content: str | bytes, name: str = "in.csv") -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_the_output_adds_the_contract_columns(tmp_path: Path, pipeline: TriagePipeline) -> None:
    source = write(
        tmp_path,
        "\ufeffid,text,channel\n"
        'r1,"Soldiers arrested the journalist Ahmed Saleh at his home in Mopti on Tuesday.",sms\n'
        'r2,"Des soldats ont arrêté le journaliste Ahmed Saleh à son domicile à Mopti mardi.",web\n'
        "\n"
        'r3,"Police fired tear gas at protesters in Ouagadougou, Burkina Faso.",web\n',
    )
    out = tmp_path / "out.csv"
    assert triage_csv(source, out, pipeline) == 3
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["id", "text", "channel", *CONTRACT_COLUMNS, *EXTRA_COLUMNS]
    assert [r["language"] for r in rows] == ["en", "fr", "en"]
    assert [r["country_iso3"] for r in rows] == ["MLI", "MLI", "BFA"]
    assert rows[2]["admin1"] == "Centre" and float(rows[2]["latitude"]) > 12
    assert [r["cluster"] for r in rows] == ["r1", "r1", "r3"]
    assert rows[0]["violation_type"] == "arrest_detention" and rows[0]["channel"] == "sms"
    assert all(r["model_version"] == pipeline.model.model_version for r in rows)
    assert all(r["risk_factors"] == "" or r["risk_factors"][0].isdigit() for r in rows)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"id,body\n1,x\n", "missing column.s. text"),
        ("id,text\n1,caf\xe9\n".encode("latin-1"), "not UTF-8"),
        (b"id,text\n1,a,b\n", "line 2: 3 fields, the header has 2"),
        (b"id,text\n1,a\n ,b\n", "line 3: empty id"),
        (b"id,text\n1,a\n1,b\n", "row 2: id '1' appears twice"),
        (b"id,text,urgency\n1,a,x\n", "already has triage column"),
    ],
)
def test_bad_input_is_refused_with_where_it_is(
    tmp_path: Path, pipeline: TriagePipeline, content: bytes, message: str
) -> None:
    out = tmp_path / "out.csv"
    with pytest.raises(IntakeInputError, match=message):
        triage_csv(write(tmp_path, content), out, pipeline)
    assert not out.exists()


def test_a_missing_input_or_unwritable_output(tmp_path: Path, pipeline: TriagePipeline) -> None:
    with pytest.raises(IntakeInputError, match="not found"):
        triage_csv(tmp_path / "absent.csv", tmp_path / "out.csv", pipeline)
    source = write(tmp_path, "id,text\n1,a\n")
    with pytest.raises(TocsinError, match="does not exist"):
        triage_csv(source, tmp_path / "no" / "out.csv", pipeline)
