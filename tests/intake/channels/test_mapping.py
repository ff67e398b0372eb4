from __future__ import annotations

from datetime import date

import pytest

from tocsin.intake.channels.mapping import FormMapping, FormRegistry, Submission, build_draft
from tocsin.intake.drafts import Consent
from tocsin.intake.errors import IntakeInputError

MAPPING = FormMapping(
    form_id="shelter_survey",
    text="story",
    occurred_on="when",
    place="where/village",
    geopoint="where/point",
    language="lang",
    identity={"name": "who/name", "phone": "who/phone"},
    consent={"share_with_partners": "ok_share", "contact_back": "ok_contact"},
    attachments=("photo",),
    ignored=("deviceid",),
)

ANSWERS = {
    "story": "  Houses burned at dawn.  ",
    "when": "2024-03-02",
    "where/village": "Kanbalu",
    "where/point": "23.2 95.5 100 5",
    "lang": "my",
    "who/name": "Aung",
    "who/phone": "",
    "ok_share": "yes",
    "ok_contact": "no",
    "photo": "IMG_1.jpg",
    "deviceid": "imei:123",
    "households": "12",
    "empty": "",
    "meta/instanceID": "uuid:abc",
}


def test_each_answer_lands_where_the_mapping_says() -> None:
    submission = Submission(form_id="shelter_survey", answers=ANSWERS)
    draft = build_draft(MAPPING, submission, channel="odk", source="s.xml")
    assert draft.text == "Houses burned at dawn."
    assert draft.occurred_on == date(2024, 3, 2)
    assert (draft.place, draft.latitude, draft.longitude) == ("Kanbalu", 23.2, 95.5)
    assert draft.language == "my"
    assert draft.identity == {"name": "Aung"}
    assert draft.consent == Consent(share_with_partners=True, contact_back=False)
    assert draft.submission_id == "uuid:abc"
    assert draft.form_id == "shelter_survey"
    assert draft.channel == "odk"


def test_fields_keep_only_unmapped_non_empty_answers() -> None:
    submission = Submission(form_id="shelter_survey", answers=ANSWERS, extra_fields={"_v": "3"})
    draft = build_draft(MAPPING, submission, channel="odk", source="s.xml")
    # Without media the photo's file name is kept, so that someone can fetch the file.
    assert draft.fields == {"households": "12", "photo": "IMG_1.jpg", "_v": "3"}
    assert "Aung" not in draft.fields.values()


def test_attachments_are_taken_from_media_by_file_name() -> None:
    submission = Submission(form_id="shelter_survey", answers={**ANSWERS, "photo": "dir/IMG_1.jpg"})
    media = {"IMG_1.jpg": b"\xff\xd8jpeg"}
    draft = build_draft(MAPPING, submission, channel="odk", source="s.xml", media=media)
    (attachment,) = draft.attachments
    assert (attachment.filename, attachment.content_type) == ("IMG_1.jpg", "image/jpeg")
    assert attachment.data == b"\xff\xd8jpeg"
    assert "photo" not in draft.fields


def test_a_named_file_that_was_not_sent_is_an_error() -> None:
    submission = Submission(form_id="shelter_survey", answers={**ANSWERS, "photo": "../../x.jpg"})
    with pytest.raises(IntakeInputError, match="field 'photo': the file it names was not"):
        build_draft(MAPPING, submission, channel="odk", source="s.xml", media={})


def test_a_content_type_recorded_by_the_server_wins_over_the_guess() -> None:
    submission = Submission(
        form_id="shelter_survey", answers=ANSWERS, media_types={"IMG_1.jpg": "image/png"}
    )
    draft = build_draft(
        MAPPING, submission, channel="odk", source="s.xml", media={"IMG_1.jpg": b"x"}
    )
    assert draft.attachments[0].content_type == "image/png"


def test_the_channel_geolocation_is_only_a_fallback() -> None:
    point = (1.0, 2.0)
    with_point = Submission(form_id="f", answers=ANSWERS, geolocation=point)
    without = Submission(form_id="f", answers={**ANSWERS, "where/point": ""}, geolocation=point)
    assert build_draft(MAPPING, with_point, channel="kobo", source="s").latitude == 23.2
    assert build_draft(MAPPING, without, channel="kobo", source="s").latitude == 1.0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"story": "  "}, "s.xml, field 'story': is empty"),
        ({"when": "yesterday"}, "s.xml, field 'when': is not a date"),
        ({"where/point": "Aung 95"}, "s.xml, field 'where/point': is not a number"),
        ({"ok_share": "Aung"}, "s.xml, field 'ok_share': is not a yes/no answer"),
        ({"who/name": "Au\x00ng"}, "s.xml, field 'who/name': contains a NUL"),
        ({"households": "\ud800"}, "s.xml, field 'households': is not valid Unicode"),
    ],
)
def test_a_bad_answer_names_the_field_never_the_value(change: dict[str, str], message: str) -> None:
    submission = Submission(form_id="f", answers={**ANSWERS, **change})
    with pytest.raises(IntakeInputError) as caught:
        build_draft(MAPPING, submission, channel="odk", source="s.xml")
    assert str(caught.value).startswith(message)
    assert "Aung" not in str(caught.value)


def test_text_longer_than_the_limit_is_refused() -> None:
    submission = Submission(form_id="f", answers={**ANSWERS, "story": "x" * 11})
    with pytest.raises(IntakeInputError, match="longer than 10 characters"):
        build_draft(MAPPING, submission, channel="odk", source="s", max_text_chars=10)


def test_a_consent_the_draft_does_not_have_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown consents"):
        FormMapping(form_id="f", text="t", consent={"sell_data": "x"})


def test_the_registry_refuses_an_unknown_form_and_a_form_mapped_twice() -> None:
    registry = FormRegistry([MAPPING])
    assert registry.get("shelter_survey") is MAPPING
    with pytest.raises(IntakeInputError, match="unknown form id 'other'"):
        registry.get("other")
    with pytest.raises(ValueError, match="mapped twice"):
        registry.with_forms(MAPPING)
    bigger = registry.with_forms(FormMapping(form_id="other", text="t"))
    assert list(bigger) == ["other", "shelter_survey"]
    assert "other" in bigger and "other" not in registry
