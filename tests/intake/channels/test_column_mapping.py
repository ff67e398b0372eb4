from __future__ import annotations

from pathlib import Path

import pytest

from tocsin.intake.channels.column_mapping import load_column_mapping, parse_column_mapping
from tocsin.intake.errors import IntakeInputError


def test_a_mapping_given_on_the_command_line() -> None:
    spec = " text = notes , occurred_on=event_date,identity.phone=Tel,consent.contact_back=OK ,"
    assert parse_column_mapping(spec) == {
        "text": "notes",
        "occurred_on": "event_date",
        "identity.phone": "Tel",
        "consent.contact_back": "OK",
    }


def test_a_column_name_may_hold_spaces_and_equals_signs() -> None:
    assert parse_column_mapping("text=What happened?,fields.a=b=c") == {
        "text": "What happened?",
        "fields.a": "b=c",
    }


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("occurred_on=date", "the field 'text' must be mapped"),
        ("text=notes,txet=x", "unknown field 'txet'"),
        ("text=notes,consent.sell=x", "unknown field 'consent.sell'"),
        ("text=notes,identity.=x", "unknown field 'identity.'"),
        ("text=notes,place", "'place' is not field=column"),
        ("text=notes,place= ", "field 'place' needs a column name"),
        ("text=a,text=b", "field 'text' is mapped twice"),
    ],
)
def test_a_bad_mapping_is_refused_by_name(spec: str, message: str) -> None:
    with pytest.raises(IntakeInputError, match=message):
        parse_column_mapping(spec)


def test_json_and_toml_files_flat_or_in_tables(tmp_path: Path) -> None:
    as_json = tmp_path / "m.json"
    as_json.write_text(
        '{"text": "notes", "identity": {"name": "Name"}, "consent.use_as_evidence": "Ev"}',
        encoding="utf-8",
    )
    as_toml = tmp_path / "m.toml"
    as_toml.write_text(
        'text = "notes"\nidentity.name = "Name"\n[consent]\nuse_as_evidence = "Ev"\n',
        encoding="utf-8",
    )
    expected = {"text": "notes", "identity.name": "Name", "consent.use_as_evidence": "Ev"}
    assert load_column_mapping(as_json) == expected
    assert load_column_mapping(as_toml) == expected


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("m.yaml", b"text: notes", "ends in .json or .toml"),
        ("m.json", b"[1]", "expected an object"),
        ("m.json", b"{", "not valid JSON"),
        ("m.toml", b"text = ", "not valid TOML"),
        ("m.json", b'{"text": 3}', "field 'text' needs a column name"),
        ("m.json", b'{"text": "\xff"}', "not UTF-8"),
    ],
)
def test_a_bad_mapping_file_is_refused(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(IntakeInputError, match=message):
        load_column_mapping(path)


def test_a_missing_mapping_file_is_an_intake_error(tmp_path: Path) -> None:
    with pytest.raises(IntakeInputError, match="cannot be read"):
        load_column_mapping(tmp_path / "absent.json")
