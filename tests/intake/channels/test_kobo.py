from __future__ import annotations

import contextlib
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import shared_path
from tocsin.intake.channels.kobo import kobo_drafts, parse_kobo_export
from tocsin.intake.channels.mapping import FormMapping, FormRegistry
from tocsin.intake.errors import IntakeInputError

OUR_EXPORT: dict[str, Any] = {
    "count": 1,
    "results": [
        {
            "_id": 4021,
            "_uuid": "8c3d1c4e-9f10-4c53-b1f7-3a4c6a2d9e01",
            "_xform_id_string": "tocsin_report",
            "_submission_time": "2026-11-03T08:12:55",
            "_submitted_by": "fieldteam7",
            "_geolocation": [16.8, 96.15],
            "_attachments": [
                {"filename": "fieldteam7/attachments/abc/1700.jpg", "mimetype": "image/jpeg"}
            ],
            "_notes": [],
            "_tags": ["urgent"],
            "_validation_status": {},
            "__version__": "vKx7",
            "formhub/uuid": "d41d8cd98f00b204e9800998ecf8427e",
            "incident/what_happened": "Armed men looted the clinic.",
            "incident/occurred_on": "2026-11-01",
            "incident/place": "Clinic road",
            "incident/violation_type": "looting_destruction",
            "evidence/photo": "1700.jpg",
            "consent/share_with_partners": "yes",
            "consent/use_as_evidence": "yes",
            "consent/contact_back": "no",
            "reporter/name": "U Ba",
            "meta/instanceID": "uuid:8c3d1c4e-9f10-4c53-b1f7-3a4c6a2d9e01",
        }
    ],
}


def test_an_export_of_our_form_from_the_kobo_api() -> None:
    data = json.dumps(OUR_EXPORT).encode()
    (draft,) = parse_kobo_export(data, media={"1700.jpg": b"\xff\xd8"})
    assert draft.channel == "kobo" and draft.form_id == "tocsin_report"
    assert draft.submission_id == "uuid:8c3d1c4e-9f10-4c53-b1f7-3a4c6a2d9e01"
    assert draft.text == "Armed men looted the clinic."
    assert (draft.latitude, draft.longitude) == (16.8, 96.15)
    assert draft.identity == {"name": "U Ba"}
    assert draft.consent.use_as_evidence and not draft.consent.contact_back
    assert [(a.filename, a.content_type) for a in draft.attachments] == [("1700.jpg", "image/jpeg")]
    assert draft.fields == {
        "formhub/uuid": "d41d8cd98f00b204e9800998ecf8427e",
        "incident/violation_type": "looting_destruction",
        "_submission_time": "2026-11-03T08:12:55",
        "_version": "vKx7",
    }
    # Kobo's own bookkeeping (who submitted, tags) is not the reporter's and is not kept.
    assert "fieldteam7" not in json.dumps(draft.fields)


def test_a_bare_list_and_uuid_without_instance_id() -> None:
    submission = dict(OUR_EXPORT["results"][0])
    del submission["meta/instanceID"]
    (draft,) = kobo_drafts([submission])
    assert draft.submission_id == "uuid:8c3d1c4e-9f10-4c53-b1f7-3a4c6a2d9e01"
    assert draft.fields["evidence/photo"] == "1700.jpg"


def test_the_form_id_comes_from_the_caller_when_submissions_lack_it() -> None:
    submission = {"incident/what_happened": "x"}
    assert kobo_drafts([submission], form_id="tocsin_report")[0].text == "x"
    with pytest.raises(IntakeInputError, match="submission 1: no '_xform_id_string'"):
        kobo_drafts([submission])
    with pytest.raises(IntakeInputError, match="unknown form id 'other'"):
        kobo_drafts([submission], form_id="other")


@pytest.mark.parametrize(
    ("export", "message"),
    [
        ({"count": 0}, "expected a list of submissions"),
        ("text", "expected a list of submissions"),
        ([1], "submission 1: not an object"),
        ([{"incident/what_happened": {"a": [[1]]}}], "a value of an unexpected kind"),
        ([{"incident/what_happened": 10**5000}], "a number too long"),
    ],
)
def test_a_malformed_export_is_refused(export: object, message: str) -> None:
    with pytest.raises(IntakeInputError, match=message):
        kobo_drafts(export, form_id="tocsin_report")


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"\xff\xfe[", "not UTF-8"), (b"[{", "not valid JSON"), (b"[" * 100_000, "nested too deeply")],
)
def test_bytes_that_are_not_a_json_export_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(IntakeInputError, match=message):
        parse_kobo_export(data)


def test_the_size_limit() -> None:
    with pytest.raises(IntakeInputError, match="larger than the limit of 10 bytes"):
        parse_kobo_export(b"[" + b" " * 10 + b"]", max_bytes=10)


def formpack(name: str) -> list[dict[str, Any]]:
    path = shared_path("odk", "kobo_formpack", "tests", "fixtures", name, "v1.json")
    submissions: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["submissions"]
    return submissions


@pytest.mark.shared_data
def test_formpack_geopoint_image_and_server_geolocation() -> None:
    mapping = FormMapping(
        form_id="geo", text="current_location", geopoint="geo_location", attachments=("an_image",)
    )
    (draft,) = kobo_drafts(
        formpack("geojson_and_selects"),
        form_id="geo",
        registry=FormRegistry([mapping]),
        media={"location.jpeg": b"jpeg"},
    )
    assert (draft.text, draft.latitude, draft.longitude) == ("inside", 39.306938, -76.60869)
    assert [(a.filename, a.content_type) for a in draft.attachments] == [
        ("location.jpeg", "image/jpeg")
    ]


@pytest.mark.shared_data
def test_formpack_groups_instance_ids_and_a_two_part_geopoint() -> None:
    translated = FormMapping(form_id="t", text="Do_you_have_body_flu_intracellular_space")
    drafts = kobo_drafts(
        formpack("grouped_translated"), form_id="t", registry=FormRegistry([translated])
    )
    assert next(d.submission_id for d in drafts) == "uuid:6d1b903a-6d50-4504-bd7b-76c1a5098ed9"
    assert drafts[0].fields["external_characteristics/How_many_segments_does_your_body_have"] == "7"
    assert drafts[0].fields["_submission_time"] == "2017-12-28T15:02:02"

    profile = FormMapping(form_id="r", text="restaurant_name", geopoint="location")
    (draft,) = kobo_drafts(
        formpack("restaurant_profile"), form_id="r", registry=FormRegistry([profile])
    )
    assert (draft.latitude, draft.longitude) == (12.34, -23.45)
    assert draft.submission_id == "uuid:5dd6ecda-b993-42fc-95c2-7856a8940acf"


@pytest.mark.shared_data
def test_formpack_repeats_are_flattened_with_an_index() -> None:
    mapping = FormMapping(
        form_id="g",
        text="household_visit/household_location",
        identity={"member": "household_visit/houshold_member_repeat[1]/household_member_name"},
    )
    drafts = kobo_drafts(
        formpack("grouped_repeatable"), form_id="g", registry=FormRegistry([mapping])
    )
    assert drafts[0].identity == {"member": "peter"}
    assert all("peter" not in value for d in drafts for value in d.fields.values())


@pytest.mark.shared_data
def test_formpack_media_types_recorded_by_kobo_and_identity_in_a_group() -> None:
    mapping = FormMapping(
        form_id="a",
        text="record_a_note",
        identity={"name": "clerk_details/name_of_clerk"},
        attachments=("record_a_note",),
    )
    registry = FormRegistry([mapping])
    submissions = formpack("analysis_form")
    media = {s["record_a_note"]: b"mp3" for s in submissions}
    drafts = kobo_drafts(submissions, form_id="a", registry=registry, media=media)
    assert drafts[0].attachments[0].content_type == "audio/mpeg"
    assert drafts[0].identity == {"name": "John"}
    assert "_supplementalDetails" not in drafts[0].fields


@pytest.mark.shared_data
def test_formpack_bad_date_names_the_submission_and_field() -> None:
    mapping = FormMapping(form_id="s", text="restaurant_name", occurred_on="report_date")
    with pytest.raises(IntakeInputError) as caught:
        kobo_drafts(formpack("sanitation_report"), form_id="s", registry=FormRegistry([mapping]))
    assert str(caught.value).startswith(
        "Kobo export, submission 1, field 'report_date': is not a date"
    )
    assert "012345" not in str(caught.value) and "Felipes" not in str(caught.value)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=15,
)
keys = st.sampled_from(
    [
        "incident/what_happened",
        "incident/location",
        "incident/occurred_on",
        "consent/contact_back",
        "_geolocation",
        "_attachments",
        "_uuid",
        "_xform_id_string",
        "meta/instanceID",
        "x",
    ]
) | st.text(max_size=8)


@settings(max_examples=300, deadline=None)
@given(st.one_of(json_values, st.lists(st.dictionaries(keys, json_values, max_size=6), max_size=3)))
def test_any_structure_gives_drafts_or_an_intake_error(export: object) -> None:
    with contextlib.suppress(IntakeInputError):
        kobo_drafts(export, form_id="tocsin_report")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_drafts_or_an_intake_error(data: bytes) -> None:
    with contextlib.suppress(IntakeInputError):
        parse_kobo_export(data, form_id="tocsin_report")
