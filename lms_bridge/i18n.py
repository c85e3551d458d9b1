"""The interface's languages (Flask-Babel): which one a request is served in, and its direction.

The choice, in order: the language picked with the switcher in this browser (kept in the session,
so it survives signing in), the signed-in person's preference, the browser's ``Accept-Language``,
English. Strings are marked with ``flask_babel.gettext`` / ``lazy_gettext`` (``_`` in templates)
and translated in ``lms_bridge/translations/<code>/LC_MESSAGES/messages.po``; see
``lms_bridge.i18n_catalogs`` for their upkeep.
"""
from __future__ import annotations

from pathlib import Path

from flask import Flask, has_request_context, request, session
from flask_babel import Babel, format_decimal, format_percent, get_locale
from flask_login import current_user

# Code -> the language's own name (what the switcher shows, so everyone finds theirs).
LANGUAGES: dict[str, str] = {
    "en": "English",
    "fr": "Français",
    "es": "Español",
    "ru": "Русский",
    "ar": "العربية",
}
DEFAULT_LANGUAGE = "en"
RIGHT_TO_LEFT = frozenset({"ar"})
SESSION_KEY = "language"
TRANSLATIONS = Path(__file__).parent / "translations"


def base_language(code: str | None) -> str | None:
    """``fr`` for ``fr``, ``fr-CA`` or ``fr_CA``; None when it is not one of ours."""
    if not code:
        return None
    base = code.replace("_", "-").split("-")[0].lower()
    return base if base in LANGUAGES else None


def select_language() -> str:
    """The language of this request (see the module's docstring for the order); English outside
    a request (the command line, the scheduler), where messages for a person are written inside
    ``force_locale`` with that person's language."""
    if not has_request_context():
        return DEFAULT_LANGUAGE
    chosen = base_language(session.get(SESSION_KEY))
    if chosen:
        return chosen
    preferred = getattr(current_user, "preferred_language", None) if current_user else None
    if base_language(preferred):
        return base_language(preferred)
    return request.accept_languages.best_match(list(LANGUAGES)) or DEFAULT_LANGUAGE


def current_language() -> str:
    return str(get_locale() or DEFAULT_LANGUAGE)


def text_direction(code: str | None = None) -> str:
    return "rtl" if base_language(code or current_language()) in RIGHT_TO_LEFT else "ltr"


def format_number(value: float | int, digits: int = 0) -> str:
    """``value`` with the locale's digits and separators, ``digits`` decimals at most."""
    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return format_decimal(value, format=pattern)


def format_percentage(value: float | int | None, digits: int = 0) -> str:
    """``value`` given in percent (``87.5``) as the locale writes it (``87,5 %`` in French)."""
    if value is None:
        return "–"
    # The locale's own pattern (French and Russian put a space before the sign, Arabic may put
    # marks around it), with up to ``digits`` decimals on its integer part.
    pattern = get_locale().percent_formats[None].pattern
    if digits:
        pattern = pattern.replace("0", "0." + "#" * digits, 1)
    return format_percent(float(value) / 100, format=pattern)


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LANGUAGE)
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", "UTC")
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS))
    Babel(app, locale_selector=select_language)
    app.jinja_env.filters.update(number=format_number, percent=format_percentage)

    @app.context_processor
    def _language():
        return {"interface_languages": LANGUAGES, "current_language": current_language,
                "text_direction": text_direction}
