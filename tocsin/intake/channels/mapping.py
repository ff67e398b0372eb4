"""Which answers of a known form hold the report's text, date, place, identity and consents.

An XForm instance and a Kobo export of the same form name their answers by the same paths
(`group/field`), so one FormMapping serves both. Forms are looked up by their form id, and a form
nobody described is refused rather than guessed at: a guess could file a reporter's name as an
ordinary answer, outside the sealed identity.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from pathlib import PurePosixPath
from typing import TypeVar

from tocsin.intake.channels.answers import (
    MAX_TEXT_CHARS,
    AnswerError,
    check_string,
    read_consent,
    read_date,
    read_geopoint,
    read_text,
)
from tocsin.intake.drafts import Attachment, Consent, ReportDraft
from tocsin.intake.errors import IntakeInputError

CONSENTS = tuple(f.name for f in fields(Consent))
INSTANCE_ID = "meta/instanceID"
T = TypeVar("T")


@dataclass(frozen=True)
class FormMapping:
    """Paths of a form's answers, by what they mean to Tocsin.

    `identity` maps an identity key (name, contact, phone, ...) to the answer that holds it;
    `consent` maps a Consent attribute to a yes/no answer; `attachments` are answers naming a
    media file; `ignored` answers are dropped (device ids, enumerator names, timestamps that
    could identify someone). Every other non-empty answer is kept in the draft's `fields`.
    """

    form_id: str
    text: str
    occurred_on: str | None = None
    place: str | None = None
    geopoint: str | None = None
    language: str | None = None
    identity: Mapping[str, str] = field(default_factory=dict)
    consent: Mapping[str, str] = field(default_factory=dict)
    attachments: tuple[str, ...] = ()
    ignored: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        unknown = set(self.consent) - set(CONSENTS)
        if unknown:
            raise ValueError(f"form {self.form_id}: unknown consents {sorted(unknown)}")

    def paths(self) -> set[str]:
        """Every answer this mapping gives a meaning to, which therefore stays out of `fields`."""
        single = (self.text, self.occurred_on, self.place, self.geopoint, self.language)
        used = {p for p in single if p is not None}
        used |= set(self.identity.values()) | set(self.consent.values())
        return used | set(self.attachments) | set(self.ignored) | {INSTANCE_ID}


class FormRegistry:
    """The forms Tocsin knows how to read, by form id."""

    def __init__(self, mappings: Iterable[FormMapping] = ()) -> None:
        self._by_id: dict[str, FormMapping] = {}
        for mapping in mappings:
            if mapping.form_id in self._by_id:
                raise ValueError(f"form id {mapping.form_id!r} is mapped twice")
            self._by_id[mapping.form_id] = mapping

    def get(self, form_id: str) -> FormMapping:
        try:
            return self._by_id[form_id]
        except KeyError:
            raise IntakeInputError(f"unknown form id {form_id[:100]!r}") from None

    def with_forms(self, *mappings: FormMapping) -> FormRegistry:
        """A registry that also knows `mappings` (for a partner's own form)."""
        return FormRegistry([*self._by_id.values(), *mappings])

    def __contains__(self, form_id: object) -> bool:
        return form_id in self._by_id

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._by_id))


@dataclass(frozen=True)
class Submission:
    """One submission's answers by path, with what its channel knows beyond the answers."""

    form_id: str
    answers: Mapping[str, str]
    submission_id: str | None = None
    geolocation: tuple[float, float] | None = None
    media_types: Mapping[str, str] = field(default_factory=dict)
    extra_fields: Mapping[str, str] = field(default_factory=dict)


def build_draft(
    mapping: FormMapping,
    submission: Submission,
    *,
    channel: str,
    source: str,
    media: Mapping[str, bytes] | None = None,
    max_text_chars: int = MAX_TEXT_CHARS,
) -> ReportDraft:
    """The ReportDraft for one submission; `media` maps a file name to its bytes.

    Without `media` (an instance sent on its own) attachment answers stay in `fields` as file
    names, so that someone can fetch the files; with it, a named file that is absent is an error.
    """

    def read(path: str | None, reader: Callable[[str], T]) -> T:
        return _read(submission.answers, path, reader, source)

    def answer(path: str | None) -> str:
        return read(path, str)

    text = read(mapping.text, lambda v: read_text(v, max_text_chars))
    point = read(mapping.geopoint, read_geopoint) or submission.geolocation
    consent = Consent(**{k: read(p, read_consent) for k, p in mapping.consent.items()})
    identity = {key: answer(path) for key, path in mapping.identity.items()}
    attachments: list[Attachment] = []
    kept: dict[str, str] = {}
    for path in mapping.attachments:
        name = answer(path)
        if name and media is None:
            kept[path] = name
        elif name and media is not None:
            attachments.append(_attachment(name, media, submission.media_types, source, path))
    used = mapping.paths()
    for path in submission.answers:
        if path not in used and answer(path):
            kept[_checked_key(path, source)] = answer(path)
    kept.update(submission.extra_fields)
    return ReportDraft(
        channel=channel,
        text=text,
        submission_id=submission.submission_id or answer(INSTANCE_ID) or None,
        form_id=submission.form_id,
        occurred_on=read(mapping.occurred_on, read_date),
        place=answer(mapping.place) or None,
        latitude=point[0] if point else None,
        longitude=point[1] if point else None,
        language=answer(mapping.language) or None,
        identity={key: value for key, value in identity.items() if value},
        consent=consent,
        attachments=tuple(attachments),
        fields=kept,
    )


def _read(
    answers: Mapping[str, str], path: str | None, reader: Callable[[str], T], source: str
) -> T:
    """One answer through `reader`; a refusal names the field, never the value."""
    try:
        value = "" if path is None else check_string(answers.get(path, "")).strip()
        return reader(value)
    except AnswerError as exc:
        raise IntakeInputError(f"{source}, field '{path}': {exc}") from None


def _checked_key(path: str, source: str) -> str:
    try:
        return check_string(path)
    except AnswerError as exc:
        raise IntakeInputError(f"{source}: a field name {exc}") from None


def _attachment(
    name: str, media: Mapping[str, bytes], types: Mapping[str, str], source: str, path: str
) -> Attachment:
    # Only the last path component: a file name from a form must never reach outside its folder.
    filename = PurePosixPath(name.replace("\\", "/")).name
    if filename not in media:
        raise IntakeInputError(f"{source}, field '{path}': the file it names was not provided")
    guessed = mimetypes.guess_type(filename, strict=False)[0]
    content_type = types.get(filename) or guessed or "application/octet-stream"
    return Attachment(filename=filename, content_type=content_type, data=media[filename])
