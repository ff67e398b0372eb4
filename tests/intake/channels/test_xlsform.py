from __future__ import annotations

import base64
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from openpyxl import load_workbook
from pyxform.xls2xform import convert

from tests.intake.channels.odk_encryptor import encrypt_submission
from tocsin.intake.channels.odk_crypto import read_encrypted_submission
from tocsin.intake.channels.tocsin_form import FORM_VERSION, LANGUAGES, TOCSIN_REPORT
from tocsin.intake.channels.xform import parse_instance, read_instance
from tocsin.intake.channels.xlsform import public_key_base64, write_xlsform
from tocsin.intake.errors import IntakeInputError

XFORMS = "{http://www.w3.org/2002/xforms}"
ANSWERS = {
    "incident/what_happened": "Militia fired on people queuing for water.",
    "incident/occurred_on": "2026-10-30",
    "incident/place": "Well by the school",
    "incident/location": "12.05 24.88 700 4.5",
    "incident/violation_type": "attack_on_civilians",
    "evidence/photo": "1761800000000.jpg",
    "consent/share_with_partners": "yes",
    "consent/use_as_evidence": "yes",
    "consent/contact_back": "yes",
    "consent/keep_original_media": "no",
    "reporter/name": "Amina",
    "reporter/contact": "+249 9 1234",
    "meta/instanceID": "uuid:7b0d61f5-3d3e-4f7c-8f35-2d6a1f4e9b10",
}


@pytest.fixture(scope="module")
def key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def public_pem(key: rsa.RSAPrivateKey) -> str:
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def compile_form(path: Path) -> str:
    warnings: list[str] = []
    xform = str(convert(xlsform=str(path), warnings=warnings).xform)
    # pyxform's only advice: downscale photos; evidence keeps its resolution.
    assert all("max-pixels" in w for w in warnings), warnings
    return xform


def filled_instance(xform: str, answers: dict[str, str]) -> bytes:
    """What ODK Collect sends: the form's primary instance with the answers filled in."""
    template = ET.fromstring(xform).find(f".//{XFORMS}model/{XFORMS}instance/{XFORMS}data")
    assert template is not None

    def copy(element: ET.Element, prefix: str) -> ET.Element:
        name = element.tag.removeprefix(XFORMS)
        out = ET.Element(name, dict(element.attrib))
        path = f"{prefix}{name}"
        for child in element:
            out.append(copy(child, f"{path}/" if prefix or name != "data" else ""))
        if len(element) == 0:
            out.text = answers.pop(path, None)
        return out

    instance = copy(template, "")
    assert not answers, f"not questions of the form: {sorted(answers)}"
    return bytes(ET.tostring(instance, encoding="utf-8", xml_declaration=True))


def test_the_workbook_has_the_three_sheets_in_four_languages(tmp_path: Path) -> None:
    path = tmp_path / "tocsin.xlsx"
    write_xlsform(path)
    book = load_workbook(path, read_only=True)
    assert book.sheetnames == ["survey", "choices", "settings"]
    header = [cell.value for cell in next(book["survey"].iter_rows())]
    assert [f"label::{lang}" for lang in LANGUAGES] == [
        "label::English (en)",
        "label::French (fr)",
        "label::Arabic (ar)",
        "label::Burmese (my)",
    ]
    assert all(f"label::{lang}" in header for lang in LANGUAGES)
    names, values = ([c.value for c in row] for row in book["settings"].iter_rows())
    settings = dict(zip(names, values, strict=True))
    assert settings["form_id"] == "tocsin_report" and settings["version"] == FORM_VERSION
    assert "public_key" not in settings
    book.close()


def test_pyxform_compiles_it_with_every_language(tmp_path: Path) -> None:
    path = tmp_path / "tocsin.xlsx"
    write_xlsform(path)
    xform = compile_form(path)
    for language in LANGUAGES:
        assert f'<translation lang="{language}"' in xform
    assert 'id="tocsin_report"' in xform and "base64RsaPublicKey" not in xform


def test_every_mapped_path_is_a_question_of_the_compiled_form(tmp_path: Path) -> None:
    path = tmp_path / "tocsin.xlsx"
    write_xlsform(path)
    empty = parse_instance(filled_instance(compile_form(path), {}))
    mapped = TOCSIN_REPORT.paths() - set(TOCSIN_REPORT.ignored)
    assert mapped <= set(empty.answers), mapped - set(empty.answers)


def test_an_instance_of_the_compiled_form_reads_back_as_a_draft(tmp_path: Path) -> None:
    path = tmp_path / "tocsin.xlsx"
    write_xlsform(path)
    data = filled_instance(compile_form(path), dict(ANSWERS))
    draft = read_instance(data, media={"1761800000000.jpg": b"\xff\xd8"})
    assert draft.form_id == "tocsin_report"
    assert draft.submission_id == ANSWERS["meta/instanceID"]
    assert draft.text == ANSWERS["incident/what_happened"]
    assert (draft.latitude, draft.longitude) == (12.05, 24.88)
    assert draft.identity == {"name": "Amina", "contact": "+249 9 1234"}
    assert draft.consent.contact_back and not draft.consent.keep_original_media
    assert draft.fields == {
        "incident/violation_type": "attack_on_civilians",
        "_version": FORM_VERSION,
    }
    assert draft.attachments[0].filename == "1761800000000.jpg"


def test_with_a_public_key_collect_encrypts_and_we_decrypt(
    tmp_path: Path, key: rsa.RSAPrivateKey
) -> None:
    path = tmp_path / "tocsin.xlsx"
    write_xlsform(path, public_key_pem=public_pem(key))
    xform = compile_form(path)
    found = re.search(r'base64RsaPublicKey="([^"]+)"', xform)
    assert found is not None
    form_key = serialization.load_der_public_key(base64.b64decode(found.group(1)))
    assert isinstance(form_key, rsa.RSAPublicKey)

    photo = b"\xff\xd8" + bytes(range(256))
    sealed = encrypt_submission(
        filled_instance(xform, dict(ANSWERS)),
        form_key,
        form_id="tocsin_report",
        version=FORM_VERSION,
        instance_id=ANSWERS["meta/instanceID"],
        media=[("1761800000000.jpg", photo)],
    )
    private_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    draft = read_encrypted_submission(sealed.manifest, sealed.files, private_pem)
    assert draft.text == ANSWERS["incident/what_happened"]
    assert draft.attachments[0].data == photo


def test_the_public_key_setting_is_the_der_key_in_base64(key: rsa.RSAPrivateKey) -> None:
    pem = public_pem(key)
    body = "".join(pem.strip().splitlines()[1:-1])
    assert public_key_base64(pem) == body
    assert public_key_base64(body) == body
    pkcs1 = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.PKCS1)
        .decode()
    )
    assert public_key_base64(pkcs1) == body


@pytest.mark.parametrize(
    ("pem", "message"),
    [
        ("not a key", "not a readable PEM public key"),
        (
            ec.generate_private_key(ec.SECP256R1())
            .public_key()
            .public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
            .decode(),
            "not an RSA key",
        ),
        (
            rsa.generate_private_key(public_exponent=65537, key_size=1024)
            .public_key()
            .public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
            .decode(),
            "shorter than 2048 bits",
        ),
    ],
)
def test_a_key_odk_cannot_use_is_refused_before_writing(
    tmp_path: Path, pem: str, message: str
) -> None:
    path = tmp_path / "tocsin.xlsx"
    with pytest.raises(IntakeInputError, match=message):
        write_xlsform(path, public_key_pem=pem)
    assert not path.exists()


def test_only_an_xlsx_file_is_written(tmp_path: Path) -> None:
    with pytest.raises(IntakeInputError, match=r"written as an \.xlsx file"):
        write_xlsform(tmp_path / "tocsin.xls")
