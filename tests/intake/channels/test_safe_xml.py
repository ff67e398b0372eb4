from __future__ import annotations

import time

import pytest

from tocsin.intake.channels.safe_xml import MAX_DEPTH, local_name, parse_xml
from tocsin.intake.errors import IntakeInputError

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<data id="tocsin_report"><incident><what_happened>&lol9;</what_happened></incident></data>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE data [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<data id="tocsin_report"><incident><what_happened>&xxe;</what_happened></incident></data>"""

XXE_PARAMETER = b"""<?xml version="1.0"?>
<!DOCTYPE data [<!ENTITY % ext SYSTEM "file:///etc/passwd"> %ext;]>
<data id="tocsin_report"/>"""

EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE data SYSTEM "http://example.org/evil.dtd">
<data id="tocsin_report"/>"""


@pytest.mark.parametrize("document", [BILLION_LAUGHS, XXE, XXE_PARAMETER, EXTERNAL_DTD])
def test_a_dtd_is_refused_before_any_entity_is_expanded(document: bytes) -> None:
    started = time.perf_counter()
    with pytest.raises(IntakeInputError, match="contains a DTD") as caught:
        parse_xml(document, source="upload.xml")
    assert time.perf_counter() - started < 1.0
    message = str(caught.value)
    assert "lol" not in message and "root:" not in message and "passwd" not in message
    assert message.startswith("upload.xml:")


def test_an_undeclared_entity_is_not_resolved() -> None:
    with pytest.raises(IntakeInputError, match="not well-formed XML"):
        parse_xml(b'<data id="x">&xxe;</data>', source="upload.xml")


def test_the_five_predefined_entities_and_character_references_still_work() -> None:
    root = parse_xml(b'<data id="x">&lt;a&amp;b&gt; &#233;</data>', source="x")
    assert root.text == "<a&b> é"


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        (b"", "not well-formed XML"),
        (b"<data>", "not well-formed XML (line 1, column 6)"),
        (b"<data>\xff</data>", "not UTF-8"),
        ("<data>é</data>".encode("utf-16"), "not UTF-8"),
        (b"<?xml version='1.0' encoding='ISO-8859-1'?><data/>", "encoding other than UTF-8"),
    ],
)
def test_malformed_or_non_utf8_documents_are_refused(document: bytes, reason: str) -> None:
    with pytest.raises(IntakeInputError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        parse_xml(document, source="x")


def test_utf8_declarations_and_a_bom_are_accepted() -> None:
    assert parse_xml(b"<?xml version='1.0' encoding='UTF-8'?><data/>", source="x").tag == "data"
    assert parse_xml(b"\xef\xbb\xbf<data/>", source="x").tag == "data"


def test_a_document_over_the_size_limit_is_refused_unread() -> None:
    with pytest.raises(IntakeInputError, match="larger than the limit of 100 bytes"):
        parse_xml(b"<data>" + b"x" * 100 + b"</data>", source="x", max_bytes=100)


def test_a_document_nested_too_deeply_is_refused() -> None:
    deep = b"<a>" * (MAX_DEPTH + 1) + b"</a>" * (MAX_DEPTH + 1)
    with pytest.raises(IntakeInputError, match="nested deeper"):
        parse_xml(deep, source="x")
    ok = b"<a>" * MAX_DEPTH + b"</a>" * MAX_DEPTH
    assert parse_xml(ok, source="x").tag == "a"


def test_local_names_drop_the_namespace() -> None:
    assert local_name("{http://openrosa.org/xforms}meta") == "meta"
    assert local_name("meta") == "meta"
    assert local_name(None) == ""
