"""Parsing XML that came from outside: form instances and encrypted-submission manifests.

A submission is written by whoever holds the form, so its XML may carry a DTD that expands a few
bytes into gigabytes (billion laughs) or pulls in a local file (XXE). ODK never sends a DTD, so
any is refused outright, before an entity is declared, let alone expanded. Only UTF-8 is read:
it is what ODK tools write, and one encoding means one way to compare what was received.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import fromstring

from tocsin.intake.errors import IntakeInputError

MAX_XML_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 64
"""No ODK form nests groups this deep; a deeper document is built to exhaust a parser's stack."""

_DECLARED = re.compile(rb"""\A(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']""")
_UTF8_NAMES = frozenset({"utf-8", "utf8", "us-ascii", "ascii"})


def parse_xml(data: bytes, *, source: str, max_bytes: int = MAX_XML_BYTES) -> Element:
    """The root element, or IntakeInputError saying what is wrong with the document."""
    if len(data) > max_bytes:
        raise IntakeInputError(f"{source}: larger than the limit of {max_bytes} bytes")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        raise IntakeInputError(f"{source}: not UTF-8 text") from None
    declared = _DECLARED.match(data)
    if declared and declared.group(1).decode("ascii", "replace").lower() not in _UTF8_NAMES:
        raise IntakeInputError(f"{source}: declares an encoding other than UTF-8")
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DTDForbidden:
        raise IntakeInputError(f"{source}: contains a DTD, which is refused") from None
    except EntitiesForbidden:
        raise IntakeInputError(f"{source}: declares entities, which are refused") from None
    except ExternalReferenceForbidden:
        raise IntakeInputError(f"{source}: refers to an external resource, refused") from None
    except ParseError as exc:
        line, column = exc.position
        raise IntakeInputError(
            f"{source}: not well-formed XML (line {line}, column {column})"
        ) from None
    if not isinstance(root, Element):
        raise IntakeInputError(f"{source}: has no root element")
    _check_depth(root, source)
    return root


def local_name(tag: object) -> str:
    """`{namespace}name` -> `name`: ODK tools differ in the namespaces they put on a submission."""
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _check_depth(root: Element, source: str) -> None:
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise IntakeInputError(f"{source}: nested deeper than {MAX_DEPTH} elements")
        stack.extend((child, depth + 1) for child in element)
