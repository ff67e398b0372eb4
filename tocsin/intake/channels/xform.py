"""Reading an XForm submission instance, as ODK Collect, Enketo or KoboToolbox send it.

An instance is the filled-in copy of the form's primary instance: a root element carrying the
form id and version, one element per question, groups as nested elements and repeats as repeated
ones. Answers are flattened to `group/question` paths, the same paths a Kobo export uses, so one
FormMapping reads both.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from xml.etree.ElementTree import Element

from tocsin.intake.channels.mapping import INSTANCE_ID, FormRegistry, Submission, build_draft
from tocsin.intake.channels.safe_xml import MAX_XML_BYTES, local_name, parse_xml
from tocsin.intake.channels.tocsin_form import KNOWN_FORMS
from tocsin.intake.drafts import ReportDraft
from tocsin.intake.errors import IntakeInputError


@dataclass(frozen=True)
class XFormInstance:
    """The answers of one submission, by `/`-separated path below the root element.

    A repeated element gets a 1-based index on every occurrence (`visit[1]/name`,
    `visit[2]/name`); one that occurs once has none, since an instance alone cannot tell a repeat
    with one entry from a group.
    """

    form_id: str
    version: str | None
    instance_id: str | None
    answers: dict[str, str]


def parse_instance(
    data: bytes, *, source: str = "instance", max_bytes: int = MAX_XML_BYTES
) -> XFormInstance:
    root = parse_xml(data, source=source, max_bytes=max_bytes)
    if root.get("encrypted") == "yes":
        raise IntakeInputError(
            f"{source}: an encrypted submission; decrypt it with the form's private key first"
        )
    form_id = (root.get("id") or "").strip()
    if not form_id:
        raise IntakeInputError(f"{source}: the root element has no form id ('id' attribute)")
    answers = _flatten(root)
    return XFormInstance(
        form_id=form_id,
        version=(root.get("version") or "").strip() or None,
        instance_id=answers.get(INSTANCE_ID, "").strip() or None,
        answers=answers,
    )


def read_instance(
    data: bytes,
    *,
    media: Mapping[str, bytes] | None = None,
    registry: FormRegistry = KNOWN_FORMS,
    source: str = "instance",
    max_bytes: int = MAX_XML_BYTES,
) -> ReportDraft:
    """The ReportDraft of a submission of a known form; `media` maps file names to bytes."""
    instance = parse_instance(data, source=source, max_bytes=max_bytes)
    return instance_draft(instance, media=media, registry=registry, source=source)


def instance_draft(
    instance: XFormInstance,
    *,
    media: Mapping[str, bytes] | None = None,
    registry: FormRegistry = KNOWN_FORMS,
    source: str = "instance",
) -> ReportDraft:
    mapping = registry.get(instance.form_id)
    submission = Submission(
        form_id=instance.form_id,
        answers=instance.answers,
        submission_id=instance.instance_id,
        extra_fields={"_version": instance.version} if instance.version else {},
    )
    return build_draft(mapping, submission, channel="odk", source=source, media=media)


def _flatten(root: Element) -> dict[str, str]:
    answers: dict[str, str] = {}
    stack: list[tuple[Element, str]] = [(root, "")]
    while stack:
        element, prefix = stack.pop()
        children = [child for child in element if local_name(child.tag)]
        counts = Counter(local_name(child.tag) for child in children)
        seen: Counter[str] = Counter()
        pending = []
        for child in children:
            name = local_name(child.tag)
            seen[name] += 1
            step = f"{name}[{seen[name]}]" if counts[name] > 1 else name
            path = f"{prefix}{step}"
            if any(local_name(grandchild.tag) for grandchild in child):
                pending.append((child, f"{path}/"))
            else:
                answers[path] = child.text or ""
        stack.extend(reversed(pending))
    return answers
