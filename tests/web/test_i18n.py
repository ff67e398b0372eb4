"""The public pages' catalogs: complete, parseable, and in step with the templates."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tocsin.web.i18n import LANGUAGES, catalog_path, negotiate, translations

ROOT = Path(__file__).resolve().parents[2]


def _template_ids(tmp_path: Path) -> set[str]:
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "-q",
            "extract",
            "-F",
            str(ROOT / "babel.cfg"),
            "-o",
            str(pot),
            "--no-location",
            "--omit-header",
            str(ROOT),
        ],
        check=True,
        cwd=ROOT,
    )
    with pot.open("rb") as handle:
        return {m.id for m in read_po(handle) if m.id and isinstance(m.id, str)}


@pytest.mark.parametrize("code", [c for c in LANGUAGES if c != "en"])
def test_every_string_of_the_public_pages_is_translated(code: str, tmp_path: Path) -> None:
    with catalog_path(code).open("rb") as handle:
        catalog = read_po(handle, locale=code)
    translated = {m.id: m.string for m in catalog if m.id}
    wanted = _template_ids(tmp_path)
    missing = sorted(i for i in wanted if not translated.get(i))
    assert not missing, f"{code}: untranslated {missing[:5]} (run `make messages`, then translate)"
    assert not catalog.fuzzy and not any(m.fuzzy for m in catalog if m.id)


def test_translations_load_and_negotiation_prefers_the_query() -> None:
    assert translations("fr").gettext("Send report") == "Envoyer le signalement"
    assert negotiate("my", "fr").code == "my"
    assert negotiate(None, "fr-CA, en;q=0.5").code == "fr"
    assert negotiate(None, "de-DE").code == "en"
    assert negotiate(None, ";;;,q=").code == "en"
