"""Reading import files and folders from disk into drafts, for `tocsin intake import`.

ODK keeps each submission in its own folder (the instance XML beside its photos); Kobo exports
one JSON file; ODK's encrypted submissions are a folder with a `submission.xml` manifest and the
encrypted files it lists. Everything is read and checked before anything is stored.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tocsin.intake import channels
from tocsin.intake.drafts import ReportDraft
from tocsin.intake.errors import IntakeInputError

MAX_FILE_BYTES = 100 * 1024 * 1024
MANIFEST = "submission.xml"


def _read(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    try:
        size = path.stat().st_size
        if size > limit:
            raise IntakeInputError(f"{path}: {size} bytes, more than the limit of {limit}")
        return path.read_bytes()
    except OSError as exc:
        raise IntakeInputError(
            f"cannot read {path}: {exc.strerror or exc.__class__.__name__}"
        ) from None


def _siblings(folder: Path, skip: Path) -> dict[str, bytes]:
    return {p.name: _read(p) for p in sorted(folder.iterdir()) if p.is_file() and p != skip}


def _instance_folders(path: Path) -> list[Path]:
    """`path` itself when it holds XML, else its sub-folders that do (ODK's instances/)."""
    if any(path.glob("*.xml")):
        return [path]
    return [p for p in sorted(path.iterdir()) if p.is_dir() and any(p.glob("*.xml"))]


@dataclass
class ImportBatch:
    """What a file or folder held: the drafts, and (with skipping on) what was left out, why."""

    drafts: list[ReportDraft] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def take(self, read: Callable[[], ReportDraft], *, skip_invalid: bool) -> None:
        try:
            self.drafts.append(read())
        except IntakeInputError as exc:
            if not skip_invalid:
                raise
            self.skipped.append(str(exc))


FORM_KEYS = {"form_id", "text", "occurred_on", "place", "geopoint", "language"}
FORM_TABLES = {"identity", "consent"}
FORM_LISTS = {"attachments", "ignored"}


def load_form_mapping(path: Path) -> channels.FormMapping:
    """A partner's own form described in TOML: which answer is the text, the date, the place,
    who the reporter is (sealed), the consents. An answer not named stays an ordinary field, so
    name every answer that could identify someone under `identity` or `ignored`."""
    try:
        spec: dict[str, Any] = tomllib.loads(_read(path, limit=256 * 1024).decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise IntakeInputError(f"{path}: not a valid TOML form mapping ({exc})") from None
    unknown = set(spec) - FORM_KEYS - FORM_TABLES - FORM_LISTS
    if unknown:
        raise IntakeInputError(f"{path}: unknown keys {', '.join(sorted(unknown))}")
    if not isinstance(spec.get("form_id"), str) or not isinstance(spec.get("text"), str):
        raise IntakeInputError(f"{path}: `form_id` and `text` (answer paths) are required")
    values: dict[str, Any] = {}
    for key, value in spec.items():
        if key in FORM_TABLES and not (
            isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
        ):
            raise IntakeInputError(f"{path}: `{key}` must be a table of answer paths")
        if key in FORM_LISTS and not (
            isinstance(value, list) and all(isinstance(v, str) for v in value)
        ):
            raise IntakeInputError(f"{path}: `{key}` must be a list of answer paths")
        if key in FORM_KEYS and not isinstance(value, str):
            raise IntakeInputError(f"{path}: `{key}` must be an answer path")
        values[key] = tuple(value) if key in FORM_LISTS else value
    try:
        return channels.FormMapping(**values)
    except ValueError as exc:
        raise IntakeInputError(f"{path}: {exc}") from None


def registry(form_mapping: Path | None) -> channels.FormRegistry:
    if form_mapping is None:
        return channels.KNOWN_FORMS
    return channels.KNOWN_FORMS.with_forms(load_form_mapping(form_mapping))


def read_xform(
    path: Path, forms: channels.FormRegistry, *, skip_invalid: bool = False
) -> ImportBatch:
    batch = ImportBatch()
    if path.is_file():
        batch.take(
            lambda: channels.read_instance(_read(path), registry=forms, source=str(path)),
            skip_invalid=skip_invalid,
        )
        return batch
    if not path.is_dir():
        raise IntakeInputError(f"{path} does not exist")
    for folder in _instance_folders(path):
        for xml in sorted(folder.glob("*.xml")):

            def read(folder: Path = folder, xml: Path = xml) -> ReportDraft:
                media = {k: v for k, v in _siblings(folder, xml).items() if not k.endswith(".xml")}
                return channels.read_instance(
                    _read(xml), media=media, registry=forms, source=str(xml)
                )

            batch.take(read, skip_invalid=skip_invalid)
    if not batch.drafts and not batch.skipped:
        raise IntakeInputError(f"{path}: no XForm instance (.xml) found")
    return batch


def read_encrypted(
    path: Path, key_path: Path | None, forms: channels.FormRegistry, *, skip_invalid: bool = False
) -> ImportBatch:
    if key_path is None:
        raise IntakeInputError("odk-encrypted needs --key: the form's private key (PEM)")
    key = _read(key_path, limit=64 * 1024)
    if not path.is_dir():
        raise IntakeInputError(f"{path}: expected a folder holding {MANIFEST}")
    folders = (
        [path]
        if (path / MANIFEST).exists()
        else sorted(p for p in path.iterdir() if p.is_dir() and (p / MANIFEST).exists())
    )
    if not folders:
        raise IntakeInputError(f"{path}: no {MANIFEST} manifest found")
    batch = ImportBatch()
    for folder in folders:

        def read(folder: Path = folder) -> ReportDraft:
            manifest = folder / MANIFEST
            return channels.read_encrypted_submission(
                _read(manifest),
                _siblings(folder, manifest),
                key,
                registry=forms,
                source=str(folder),
            )

        batch.take(read, skip_invalid=skip_invalid)
    return batch


def read_drafts(
    kind: str,
    path: Path,
    *,
    mapping: str | None = None,
    mapping_file: Path | None = None,
    key_path: Path | None = None,
    form_id: str | None = None,
    form_mapping: Path | None = None,
    skip_invalid: bool = False,
) -> ImportBatch:
    """Every draft in `path`; the first bad record stops the import, unless `skip_invalid`
    (per submission file of a folder import: a Kobo export or a CSV is one file)."""
    forms = registry(form_mapping)
    if kind == "xform":
        return read_xform(path, forms, skip_invalid=skip_invalid)
    if kind == "kobo":
        drafts = channels.parse_kobo_export(
            _read(path), form_id=form_id, registry=forms, source=str(path)
        )
        return ImportBatch(drafts)
    if kind == "odk-encrypted":
        return read_encrypted(path, key_path, forms, skip_invalid=skip_invalid)
    if kind == "csv":
        if (mapping is None) == (mapping_file is None):
            raise IntakeInputError("csv needs one of --mapping or --mapping-file")
        columns = (
            channels.parse_column_mapping(mapping)
            if mapping is not None
            else channels.load_column_mapping(mapping_file)  # type: ignore[arg-type]
        )
        return ImportBatch(list(channels.read_csv_reports(path, columns)))
    raise IntakeInputError(f"unknown import kind {kind!r}")
