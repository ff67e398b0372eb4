"""Writing Tocsin's form as an XLSForm, the spreadsheet field teams load into KoboToolbox or ODK.

With a public key the form asks ODK Collect (and Enketo) to encrypt every submission on the
device, so that neither the phone once it has sent it nor the server in between can read a
report; only the holder of the private key can (see odk_crypto).
"""

from __future__ import annotations

import base64
from pathlib import Path

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    PublicFormat,
    load_pem_public_key,
)
from openpyxl import Workbook

from tocsin.atomic import atomic_output
from tocsin.intake.channels.tocsin_form import (
    CHOICES,
    FORM_ID,
    FORM_TITLE,
    FORM_VERSION,
    LANGUAGES,
    QUESTIONS,
    Text,
)
from tocsin.intake.errors import IntakeInputError

MIN_KEY_BITS = 2048

Sheet = list[list[str]]


def write_xlsform(path: Path, *, public_key_pem: str | None = None) -> None:
    """Write the form to `path` (.xlsx); with `public_key_pem`, submissions are encrypted."""
    if path.suffix.lower() != ".xlsx":
        raise IntakeInputError(f"{path}: an XLSForm is written as an .xlsx file")
    sheets = xlsform_sheets(public_key_pem=public_key_pem)
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    with atomic_output(path) as tmp:
        workbook.save(tmp)


def xlsform_sheets(*, public_key_pem: str | None = None) -> dict[str, Sheet]:
    """The survey, choices and settings sheets as rows of cells, header first."""
    settings = {
        "form_title": FORM_TITLE,
        "form_id": FORM_ID,
        "version": FORM_VERSION,
        "default_language": LANGUAGES[0],
    }
    if public_key_pem is not None:
        settings["public_key"] = public_key_base64(public_key_pem)
    return {
        "survey": _survey(),
        "choices": [
            ["list_name", "name", *_columns("label")],
            *([c.list_name, c.name, *c.label] for c in CHOICES),
        ],
        "settings": [list(settings), list(settings.values())],
    }


def public_key_base64(pem: str) -> str:
    """What the `public_key` setting holds: the DER public key in base64, with no PEM armour."""
    text = pem.strip()
    if "-----BEGIN" not in text:
        text = f"-----BEGIN PUBLIC KEY-----\n{text}\n-----END PUBLIC KEY-----"
    try:
        key = load_pem_public_key(text.encode("utf-8"))
    except (ValueError, UnsupportedAlgorithm):
        raise IntakeInputError("the public key is not a readable PEM public key") from None
    if not isinstance(key, rsa.RSAPublicKey):
        raise IntakeInputError("the public key is not an RSA key, which ODK encryption needs")
    if key.key_size < MIN_KEY_BITS:
        raise IntakeInputError(f"the RSA public key is shorter than {MIN_KEY_BITS} bits")
    der = key.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    return base64.b64encode(der).decode("ascii")


def _columns(name: str) -> list[str]:
    return [f"{name}::{language}" for language in LANGUAGES]


def _cells(text: Text | None) -> list[str]:
    return list(text) if text is not None else [""] * len(LANGUAGES)


def _survey() -> Sheet:
    header = [
        "type",
        "name",
        *_columns("label"),
        *_columns("hint"),
        "required",
        "relevant",
        "constraint",
        *_columns("constraint_message"),
    ]
    rows = [header]
    for q in QUESTIONS:
        rows.append(
            [
                q.type,
                q.name,
                *_cells(q.label),
                *_cells(q.hint),
                "yes" if q.required else "",
                q.relevant,
                q.constraint,
                *_cells(q.constraint_message),
            ]
        )
    return rows
