"""Language editions of a module: what an edition code is, and which edition a learner gets.

A module has one published package version per edition. An edition code is a language tag
(``en``, ``fr``, ``ru``: two lower-case letters) or a national variant: the language, a hyphen
and the ISO 3166 country code of the administration that adapted it (``en-KE``, Kenya's English
edition). This module is pure (no Flask, no database): the rule is tested on its own and the
player applies it to the published editions it reads.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from babel import Locale, UnknownLocaleError

EDITION_CODE = re.compile(r"^[a-z]{2}(?:-[A-Z]{2})?$")
FALLBACK_EDITION = "en"  # what a learner gets when no edition is in their language


def normalise_edition(text: str | None) -> str | None:
    """``text`` as an edition code (``FR`` -> ``fr``, ``en_ke`` -> ``en-KE``); None when it is
    not one (empty, too long, other characters)."""
    if not text:
        return None
    language, hyphen, country = text.strip().replace("_", "-").partition("-")
    code = language.lower() + (f"-{country.upper()}" if hyphen else "")
    return code if EDITION_CODE.match(code) else None


def edition_language(code: str) -> str:
    """The language of an edition (``en`` for ``en-KE``)."""
    return code.split("-")[0]


def choose_edition(published: Sequence[str], language: str | None,
                   country: str | None) -> str | None:
    """The edition a learner whose language is ``language`` and whose administration's country
    is ``country`` gets, among ``published`` (in the module's order, its default first).

    Their national variant (``fr-SN``), else their language (``fr``), else English, else the
    module's first published edition; None when nothing is published.
    """
    if not published:
        return None
    language = (language or "").split("-")[0].lower()
    wanted = [FALLBACK_EDITION]
    if language:
        wanted[:0] = [f"{language}-{country.upper()}"] if country else []
        wanted.insert(len(wanted) - 1, language)
    for code in wanted:
        if code in published:
            return code
    return published[0]


def edition_name(code: str) -> str:
    """The edition's name in its own language ("Français", "English (Kenya)"), so that each
    learner recognises theirs whatever the page's language; the code itself when Babel does
    not know it."""
    try:
        locale = Locale.parse(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return code
    name = locale.get_display_name(locale) or code
    return name[:1].upper() + name[1:]
