from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import shared_path
from tocsin.intake.channels.mapping import FormMapping, FormRegistry
from tocsin.intake.channels.xform import parse_instance, read_instance
from tocsin.intake.errors import IntakeInputError

TRANSPORT = FormMapping(
    form_id="transportation_2011_07_25",
    text="transport/available_transportation_types_to_referral_facility",
    attachments=("image1",),
)
REGISTRY = FormRegistry([TRANSPORT])

OUR_INSTANCE = b"""<?xml version='1.0' ?>
<data xmlns:jr="http://openrosa.org/javarosa" xmlns:orx="http://openrosa.org/xforms"
      id="tocsin_report" version="2026112701">
  <intro/>
  <incident>
    <what_happened>Soldiers burned the market.</what_happened>
    <occurred_on>2026-11-02</occurred_on>
    <place>Old market</place>
    <location>16.8 96.15 12 5</location>
    <violation_type>looting_destruction</violation_type>
  </incident>
  <evidence><photo>1700000000.jpg</photo><video/></evidence>
  <consent>
    <share_with_partners>yes</share_with_partners><use_as_evidence>no</use_as_evidence>
    <contact_back>yes</contact_back><keep_original_media>no</keep_original_media>
  </consent>
  <reporter><name>Ma Hla</name><contact>+95 1 234</contact></reporter>
  <orx:meta><orx:instanceID>uuid:0d3c7a1e-1b7e-4d8e-9d39-2f6c1c7f0a11</orx:instanceID></orx:meta>
</data>"""


def transport(*parts: str) -> Path:
    return shared_path("odk", "onadata_transportation", *parts)


def test_our_form_instance_becomes_a_draft_with_its_media() -> None:
    draft = read_instance(OUR_INSTANCE, media={"1700000000.jpg": b"\xff\xd8"})
    assert draft.channel == "odk" and draft.form_id == "tocsin_report"
    assert draft.submission_id == "uuid:0d3c7a1e-1b7e-4d8e-9d39-2f6c1c7f0a11"
    assert draft.text == "Soldiers burned the market."
    assert (draft.latitude, draft.longitude, draft.place) == (16.8, 96.15, "Old market")
    assert draft.identity == {"name": "Ma Hla", "contact": "+95 1 234"}
    assert draft.consent.share_with_partners and draft.consent.contact_back
    assert not draft.consent.use_as_evidence
    assert draft.fields == {
        "incident/violation_type": "looting_destruction",
        "_version": "2026112701",
    }
    assert [a.filename for a in draft.attachments] == ["1700000000.jpg"]


def test_an_unknown_form_is_refused() -> None:
    data = OUR_INSTANCE.replace(b'id="tocsin_report"', b'id="transportation_2011_07_25"')
    with pytest.raises(IntakeInputError, match="unknown form id 'transportation_2011_07_25'"):
        read_instance(data)


@pytest.mark.shared_data
def test_an_odk_instance_from_the_reference_data() -> None:
    folder = transport("instances", "transport_2011-07-25_19-05-49")
    data = (folder / "transport_2011-07-25_19-05-49.xml").read_bytes()
    instance = parse_instance(data)
    assert (instance.form_id, instance.version) == ("transportation_2011_07_25", "2014111")
    assert instance.instance_id == "uuid:5b2cc313-fc09-437e-8149-fcd32f695d41"
    assert instance.answers["transport/loop_over_transport_types_frequency/ambulance"] == ""

    alone = read_instance(data, registry=REGISTRY)
    assert alone.text == "none"
    assert alone.fields["image1"] == "1335783522563.jpg"
    with_media = read_instance(data, registry=REGISTRY, media={"1335783522563.jpg": b"jpg"})
    assert with_media.attachments[0].content_type == "image/jpeg"


@pytest.mark.shared_data
def test_every_reference_instance_parses_and_a_blank_one_is_refused_by_name() -> None:
    root = transport()
    paths = sorted(root.glob("instances*/**/*.xml")) + sorted(root.glob("backup_restore/**/*.xml"))
    assert len(paths) >= 12
    for path in paths:
        if path.name == "transport_no_response.xml":
            with pytest.raises(IntakeInputError, match=r"field 'transport/available.*is empty"):
                read_instance(path.read_bytes(), registry=REGISTRY, source=path.name)
            continue
        if "instances_encrypted" in path.parts:
            with pytest.raises(IntakeInputError, match="encrypted submission; decrypt it"):
                parse_instance(path.read_bytes())
            continue
        draft = read_instance(path.read_bytes(), registry=REGISTRY, source=path.name)
        assert draft.form_id == "transportation_2011_07_25"


@pytest.mark.shared_data
def test_an_edited_instance_keeps_the_id_it_replaces() -> None:
    folder = transport("instances_w_uuid", "transport_2011-07-25_19-05-36-edited")
    draft = read_instance(
        (folder / "transport_2011-07-25_19-05-36-edited.xml").read_bytes(), registry=REGISTRY
    )
    assert draft.submission_id == "uuid:6b15caf0eaed408b88b7037e78004f08"
    assert draft.fields["meta/deprecatedID"] == "uuid:7a9ba167019a4152a31e46049587d672"


def test_repeats_are_indexed_and_groups_flattened() -> None:
    data = (
        b'<data id="f"><hh><member><name>A</name></member><member><name>B</name></member>'
        b"<size>2</size></hh><meta><instanceID>uuid:1</instanceID></meta></data>"
    )
    assert parse_instance(data).answers == {
        "hh/member[1]/name": "A",
        "hh/member[2]/name": "B",
        "hh/size": "2",
        "meta/instanceID": "uuid:1",
    }


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (b"<data><a>1</a></data>", "has no form id"),
        (b'<data id="  "/>', "has no form id"),
        (b'<data id="x" encrypted="yes"/>', "encrypted submission"),
    ],
)
def test_an_instance_without_a_form_id_or_still_encrypted_is_refused(
    document: bytes, message: str
) -> None:
    with pytest.raises(IntakeInputError, match=message):
        parse_instance(document, source="s.xml")


def test_an_error_names_the_source_and_not_the_reporter() -> None:
    bad = OUR_INSTANCE.replace(b"2026-11-02", b"Ma Hla's birthday")
    with pytest.raises(IntakeInputError) as caught:
        read_instance(bad, source="upload 7")
    assert str(caught.value).startswith("upload 7, field 'incident/occurred_on': is not a date")
    assert "Ma Hla" not in str(caught.value)


xml_like = st.recursive(
    st.text(max_size=20).map(lambda s: s.replace("<", "&lt;")),
    lambda children: st.builds(
        lambda tag, parts: f"<{tag}>{''.join(parts)}</{tag}>",
        st.sampled_from(["data", "meta", "instanceID", "a", "orx:meta", "x:y"]),
        st.lists(children, max_size=4),
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.binary(max_size=400), xml_like.map(lambda s: s.encode("utf-8"))))
def test_any_bytes_give_an_instance_or_an_intake_error(data: bytes) -> None:
    with contextlib.suppress(IntakeInputError):
        read_instance(data)


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["what_happened", "occurred_on", "location", "name"]), st.text(max_size=30)
    )
)
def test_any_answers_to_our_form_give_a_draft_or_an_intake_error(answers: dict[str, str]) -> None:
    from xml.sax.saxutils import escape

    body = "".join(f"<{k}>{escape(v)}</{k}>" for k, v in answers.items())
    document = f'<data id="tocsin_report"><incident>{body}</incident></data>'
    with contextlib.suppress(IntakeInputError):
        read_instance(document.encode("utf-8", "surrogatepass"))


@pytest.mark.parametrize(
    "doctype",
    [
        b'<!DOCTYPE data [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        b'<!DOCTYPE data [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    ],
)
def test_an_instance_with_entities_yields_no_draft_and_no_entity_text(doctype: bytes) -> None:
    entity = b"&xxe;" if b"xxe" in doctype else b"&b;"
    document = doctype + OUR_INSTANCE.split(b"?>", 1)[1].replace(
        b"Soldiers burned the market.", entity
    )
    with pytest.raises(IntakeInputError, match="contains a DTD") as caught:
        read_instance(document, source="upload.xml")
    assert "root:" not in str(caught.value) and "aaaa" not in str(caught.value)
