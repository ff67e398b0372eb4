"""The manifest of an ODK encrypted submission: which files, which key, which instance.

It is the only part of an encrypted submission readable without the private key, so it is what
a server stores and shows. The order of its media files matters: each file's IV depends on its
position, so a manifest that lists the same file twice, or a path instead of a name, is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.etree.ElementTree import Element

from tocsin.intake.channels.safe_xml import local_name, parse_xml
from tocsin.intake.errors import IntakeInputError

MAX_MANIFEST_BYTES = 1024 * 1024
MAX_MEDIA_FILES = 100


@dataclass(frozen=True)
class Manifest:
    form_id: str
    version: str | None
    instance_id: str
    encrypted_key: str
    xml_file: str
    media_files: tuple[str, ...]
    signature: str | None


def parse_manifest(data: bytes, *, source: str = "submission manifest") -> Manifest:
    root = parse_xml(data, source=source, max_bytes=MAX_MANIFEST_BYTES)
    if root.get("encrypted") != "yes":
        raise IntakeInputError(f"{source}: not the manifest of an encrypted submission")
    form_id = (root.get("id") or "").strip()
    if not form_id:
        raise IntakeInputError(f"{source}: the root element has no form id ('id' attribute)")
    media = tuple(
        _file_name(file, source)
        for child in _children(root, "media")
        for file in _children(child, "file")
    )
    xml_file = _file_name(_one(root, "encryptedXmlFile", source), source)
    if len(media) > MAX_MEDIA_FILES:
        raise IntakeInputError(f"{source}: lists more than {MAX_MEDIA_FILES} media files")
    if len({*media, xml_file}) != len(media) + 1:
        raise IntakeInputError(f"{source}: lists the same file twice")
    signatures = _children(root, "base64EncryptedElementSignature")
    if len(signatures) > 1:
        raise IntakeInputError(f"{source}: has more than one signature")
    instance_ids = [i for m in _children(root, "meta") for i in _children(m, "instanceID")]
    if len(instance_ids) != 1 or not _text(instance_ids[0]):
        raise IntakeInputError(f"{source}: needs exactly one meta/instanceID")
    return Manifest(
        form_id=form_id,
        version=(root.get("version") or "").strip() or None,
        instance_id=_text(instance_ids[0]),
        encrypted_key=_text(_one(root, "base64EncryptedKey", source)),
        xml_file=xml_file,
        media_files=media,
        signature=_text(signatures[0]) if signatures else None,
    )


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if local_name(child.tag) == name]


def _one(root: Element, name: str, source: str) -> Element:
    found = _children(root, name)
    if len(found) != 1:
        raise IntakeInputError(f"{source}: needs exactly one <{name}>")
    return found[0]


def _text(element: Element) -> str:
    return "".join(element.itertext()).strip()


def _file_name(element: Element, source: str) -> str:
    name = _text(element)
    plain = name not in {"", ".enc", "..enc"} and not any(c in name for c in "/\\\x00")
    if not plain or not name.endswith(".enc"):
        raise IntakeInputError(f"{source}: a listed file is not a plain name ending in .enc")
    return name
