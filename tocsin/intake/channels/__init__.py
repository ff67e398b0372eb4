"""Import channels for community reports: ODK/Kobo form submissions and partners' CSV files.

Every channel ends in the same ReportDraft. Each module reads one kind of input; this package
exports what the CLI and the web app use.
"""

from tocsin.intake.channels.column_mapping import load_column_mapping, parse_column_mapping
from tocsin.intake.channels.csv_import import read_csv_reports
from tocsin.intake.channels.kobo import kobo_drafts, parse_kobo_export
from tocsin.intake.channels.mapping import FormMapping, FormRegistry
from tocsin.intake.channels.odk_crypto import (
    DecryptedSubmission,
    decrypt_submission,
    read_encrypted_submission,
)
from tocsin.intake.channels.tocsin_form import FORM_ID, KNOWN_FORMS, TOCSIN_REPORT
from tocsin.intake.channels.xform import XFormInstance, parse_instance, read_instance
from tocsin.intake.channels.xlsform import public_key_base64, write_xlsform

__all__ = [
    "FORM_ID",
    "KNOWN_FORMS",
    "TOCSIN_REPORT",
    "DecryptedSubmission",
    "FormMapping",
    "FormRegistry",
    "XFormInstance",
    "decrypt_submission",
    "kobo_drafts",
    "load_column_mapping",
    "parse_column_mapping",
    "parse_instance",
    "parse_kobo_export",
    "public_key_base64",
    "read_csv_reports",
    "read_encrypted_submission",
    "read_instance",
    "write_xlsform",
]
