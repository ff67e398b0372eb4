"""The public pages in the reporter's language: gettext catalogs, one Jinja2 environment each.

Catalogs are the `.po` files under `web/locale/` (translators edit those; `make messages`
re-extracts the strings). They are compiled in memory at start-up, so no build step and no
binary files sit in the repository. The language comes from `?lang=`, else the browser's
Accept-Language, else English; it is never stored, not even in a cookie, because a cookie on a
shared phone would say someone visited the form.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from jinja2 import Environment, FileSystemLoader, select_autoescape

LOCALE_DIR = Path(__file__).parent / "locale"
TEMPLATE_DIR = Path(__file__).parent / "templates"
DEFAULT = "en"


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in the language itself, as the switcher shows it
    direction: str  # "ltr" or "rtl"


LANGUAGES: dict[str, Language] = {
    "en": Language("en", "English", "ltr"),
    "fr": Language("fr", "Français", "ltr"),
    "ar": Language("ar", "العربية", "rtl"),
    "my": Language("my", "မြန်မာ", "ltr"),
}


def catalog_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / "messages.po"


@cache
def translations(code: str) -> NullTranslations:
    if code == DEFAULT:
        return NullTranslations()
    with catalog_path(code).open("rb") as handle:
        catalog = read_po(handle, locale=code)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer)


@cache
def environment(code: str) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=select_autoescape(default=True),
        extensions=["jinja2.ext.i18n"],
        auto_reload=False,
    )
    env.install_gettext_translations(translations(code), newstyle=True)  # type: ignore[attr-defined]
    return env


def negotiate(requested: str | None, accept_language: str | None) -> Language:
    """`?lang=` wins when it names a shipped language; then the browser's preference."""
    if requested in LANGUAGES:
        return LANGUAGES[requested]
    if accept_language:
        wanted = [
            part.split(";")[0].strip().replace("-", "_") for part in accept_language.split(",")
        ]
        wanted = [w for w in wanted if w and w != "*"][:20]
        try:
            best = Locale.negotiate(wanted, list(LANGUAGES), sep="_")
        except (UnknownLocaleError, ValueError):
            best = None
        if best is not None and best.language in LANGUAGES:
            return LANGUAGES[best.language]
    return LANGUAGES[DEFAULT]


def render_public(template: str, language: Language, context: dict[str, object]) -> str:
    page = environment(language.code).get_template(template)
    return page.render({"lang": language, "languages": LANGUAGES, **context})
