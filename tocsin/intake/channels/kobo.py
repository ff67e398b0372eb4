"""Reading a KoboToolbox JSON export: the data API's `{"results": [...]}` or a bare list.

Each submission is a flat object whose keys are answer paths (`group/question`), as in an XForm
instance, next to Kobo's own metadata (`_uuid`, `_submission_time`, `_attachments`, ...). Repeats
arrive as lists of objects and are flattened to `repeat[1]/question` paths. Kobo's metadata is
dropped except what identifies the submission: `_submitted_by` names a Kobo account, and
`_notes`, `_tags` or `_validation_status` are the server's, not the reporter's.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from pathlib import PurePosixPath

from tocsin.intake.channels.mapping import INSTANCE_ID, FormRegistry, Submission, build_draft
from tocsin.intake.channels.tocsin_form import KNOWN_FORMS
from tocsin.intake.drafts import ReportDraft
from tocsin.intake.errors import IntakeInputError

MAX_JSON_BYTES = 50 * 1024 * 1024
MAX_DEPTH = 32


def parse_kobo_export(
    data: bytes,
    *,
    form_id: str | None = None,
    registry: FormRegistry = KNOWN_FORMS,
    media: Mapping[str, bytes] | None = None,
    source: str = "Kobo export",
    max_bytes: int = MAX_JSON_BYTES,
) -> list[ReportDraft]:
    """The drafts of every submission in a JSON export, or an error for the first bad one.

    `form_id` names the form when submissions do not carry `_xform_id_string`.
    """
    if len(data) > max_bytes:
        raise IntakeInputError(f"{source}: larger than the limit of {max_bytes} bytes")
    try:
        export = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise IntakeInputError(f"{source}: not UTF-8 text") from None
    except ValueError as exc:
        raise IntakeInputError(f"{source}: not valid JSON ({exc})") from None
    except RecursionError:
        raise IntakeInputError(f"{source}: JSON nested too deeply") from None
    return kobo_drafts(export, form_id=form_id, registry=registry, media=media, source=source)


def kobo_drafts(
    export: object,
    *,
    form_id: str | None = None,
    registry: FormRegistry = KNOWN_FORMS,
    media: Mapping[str, bytes] | None = None,
    source: str = "Kobo export",
) -> list[ReportDraft]:
    """The drafts of an export already parsed from JSON."""
    results = export.get("results") if isinstance(export, dict) else export
    if not isinstance(results, list):
        raise IntakeInputError(f"{source}: expected a list of submissions or {{'results': [...]}}")
    drafts = []
    for number, item in enumerate(results, start=1):
        where = f"{source}, submission {number}"
        submission = kobo_submission(item, form_id=form_id, source=where)
        mapping = registry.get(submission.form_id)
        drafts.append(build_draft(mapping, submission, channel="kobo", source=where, media=media))
    return drafts


def kobo_submission(item: object, *, form_id: str | None, source: str) -> Submission:
    """One submission object as answers by path, with its id, form and geolocation."""
    if not isinstance(item, dict):
        raise IntakeInputError(f"{source}: not an object")
    answers: dict[str, str] = {}
    for key, value in item.items():
        if not isinstance(key, str):
            raise IntakeInputError(f"{source}: a key is not a string")
        if not key.startswith("_"):
            _flatten(key, key, value, answers, source, depth=1)
    own_form = item.get("_xform_id_string")
    chosen = own_form if isinstance(own_form, str) and own_form else form_id
    if not chosen:
        raise IntakeInputError(f"{source}: no '_xform_id_string'; give the form id")
    extra = {}
    for key, name in (("_submission_time", "_submission_time"), ("__version__", "_version")):
        value = item.get(key)
        if isinstance(value, str) and value:
            extra[name] = value
    return Submission(
        form_id=chosen,
        answers=answers,
        submission_id=_submission_id(item, answers),
        geolocation=_geolocation(item.get("_geolocation")),
        media_types=_media_types(item.get("_attachments")),
        extra_fields=extra,
    )


def _flatten(
    key: str, path: str, value: object, out: dict[str, str], source: str, depth: int
) -> None:
    """Write `value` under `path`; `key` is its name in Kobo, which repeat items prefix."""
    if depth > MAX_DEPTH:
        raise IntakeInputError(f"{source}: nested deeper than {MAX_DEPTH} levels")
    if value is None:
        return
    if isinstance(value, bool):
        out[path] = "true" if value else "false"
    elif isinstance(value, str | int | float):
        out[path] = _scalar(value, path, source)
    elif isinstance(value, dict):
        for sub, item in value.items():
            if not isinstance(sub, str):
                raise IntakeInputError(f"{source}, field '{path}': a key is not a string")
            _flatten(sub, f"{path}/{_relative(sub, key)}", item, out, source, depth + 1)
    elif isinstance(value, list) and all(isinstance(v, dict) for v in value):
        for index, entry in enumerate(value, start=1):
            _flatten(key, f"{path}[{index}]", entry, out, source, depth + 1)
    elif isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        out[path] = " ".join(_scalar(v, path, source) for v in value)
    else:
        raise IntakeInputError(f"{source}, field '{path}': a value of an unexpected kind")


def _scalar(value: str | int | float, path: str, source: str) -> str:
    try:
        return str(value)
    except ValueError:  # an integer too long to print (over 4300 digits)
        raise IntakeInputError(f"{source}, field '{path}': a number too long") from None


def _relative(sub: str, key: str) -> str:
    # Inside a repeat Kobo repeats the full path (`visit/member/name` under `visit/member`).
    return sub.removeprefix(f"{key}/")


def _submission_id(item: Mapping[str, object], answers: Mapping[str, str]) -> str | None:
    """`meta/instanceID`, or `_uuid` with the `uuid:` an instance would give it."""
    if answers.get(INSTANCE_ID, "").strip():
        return answers[INSTANCE_ID].strip()
    uuid = item.get("_uuid")
    if isinstance(uuid, str) and uuid.strip():
        uuid = uuid.strip()
        return uuid if uuid.startswith("uuid:") else f"uuid:{uuid}"
    return None


def _geolocation(value: object) -> tuple[float, float] | None:
    """Kobo's `[lat, lon]` of the form's first geopoint; only used when the form has none."""
    if not isinstance(value, list) or len(value) != 2:
        return None
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value):
        return None
    try:
        lat, lon = float(value[0]), float(value[1])
    except OverflowError:
        return None
    if math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180:
        return lat, lon
    return None


def _media_types(value: object) -> dict[str, str]:
    """The content type Kobo recorded per file name, where it did."""
    types: dict[str, str] = {}
    for entry in value if isinstance(value, list) else []:
        if isinstance(entry, dict):
            name, kind = entry.get("filename"), entry.get("mimetype")
            if isinstance(name, str) and isinstance(kind, str) and kind:
                types[PurePosixPath(name.replace("\\", "/")).name] = kind
    return types
