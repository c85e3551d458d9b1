"""Upkeep of the interface's gettext catalogs: extract, update, check, compile (Babel's API).

``lms-bridge i18n update`` extracts every marked string (Python and templates) and merges it into
each language's ``messages.po``; translators then fill the new entries. ``compile`` writes the
``.mo`` files the running app reads; the install runs it (``make``), nobody edits a ``.mo``.
``problems`` is what the catalog test asserts empty: a string a catalog lacks or leaves
untranslated, a fuzzy entry, a placeholder that differs from the English.
"""
from __future__ import annotations

import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from .i18n import DEFAULT_LANGUAGE, LANGUAGES, TRANSLATIONS

PACKAGE = Path(__file__).parent
METHODS = [("**/templates/**.html", "jinja2"), ("**.py", "python")]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None,
            "lazy_ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
TRANSLATED = [code for code in LANGUAGES if code != DEFAULT_LANGUAGE]
# %(name)s and %s (gettext's Python format) and {name} (str.format, used by a few messages).
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]|%[sdif]|\{\w*\}")


class CatalogError(Exception):
    """A catalog cannot be read or written."""


def po_path(code: str, folder: Path = TRANSLATIONS) -> Path:
    return folder / code / "LC_MESSAGES" / "messages.po"


def extract() -> Catalog:
    """Every marked string of the package, with where it is used."""
    catalog = Catalog(project="LMS Bridge", fuzzy=False)
    options = {"**/templates/**.html": {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true",
                                        "silent": "false"}}
    found = extract_from_dir(PACKAGE, METHODS, options, KEYWORDS,
                             directory_filter=lambda path: "__pycache__" not in path)
    for filename, lineno, message, comments, context in found:
        catalog.add(message, locations=[(f"lms_bridge/{filename}", lineno)],
                    auto_comments=comments, context=context)
    return catalog


def _read(code: str, folder: Path = TRANSLATIONS) -> Catalog:
    path = po_path(code, folder)
    if not path.exists():
        return Catalog(locale=code, project="LMS Bridge", fuzzy=False)
    with path.open("rb") as handle:
        return read_po(handle, locale=code)


def update() -> dict[str, int]:
    """Merge the extracted strings into every language's catalog; how many are untranslated."""
    template = extract()
    untranslated = {}
    for code in TRANSLATED:
        catalog = _read(code)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        po_path(code).parent.mkdir(parents=True, exist_ok=True)
        with po_path(code).open("wb") as handle:
            write_po(handle, catalog, width=100, include_lineno=False)
        untranslated[code] = sum(1 for m in catalog if m.id and not _translated(m))
    return untranslated


def _translated(message) -> bool:
    strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
    return all(strings)


def _placeholders(text: str) -> list[str]:
    return sorted(match.group(0) for match in PLACEHOLDER.finditer(text))


def problems(folder: Path = TRANSLATIONS, template: Catalog | None = None) -> list[str]:
    """What keeps the catalogs in ``folder`` from covering the interface (or ``template``'s
    strings), one line per problem."""
    template = template if template is not None else extract()
    wanted = {(m.id if isinstance(m.id, str) else m.id[0], m.context): m
              for m in template if m.id}
    found: list[str] = []
    for code in TRANSLATED:
        catalog = _read(code, folder)
        for (msgid, context), source in wanted.items():
            entry = catalog.get(source.id if isinstance(source.id, str) else source.id[0], context)
            where = f"{code}/LC_MESSAGES/messages.po: {msgid[:60]!r}"
            if entry is None:
                used = "".join(f" (used at {file}:{line})" for file, line in source.locations[:1])
                found.append(f"{where} is missing{used}")
            elif entry.fuzzy:
                found.append(f"{where} is fuzzy: check the translation and remove the flag")
            elif not _translated(entry):
                found.append(f"{where} is not translated")
            else:
                found.extend(f"{where}: {issue}" for issue in _placeholder_issues(entry))
    return found


def _placeholder_issues(entry) -> list[str]:
    ids = entry.id if isinstance(entry.id, (tuple, list)) else (entry.id,)
    strings = entry.string if isinstance(entry.string, (tuple, list)) else (entry.string,)
    expected = _placeholders(ids[-1])
    issues = []
    # a plural form may leave the count out ("one person", Arabic's dual "two people")
    optional = {p for p in expected if p.startswith("%(num)")} if len(ids) > 1 else set()
    for text in strings:
        found = _placeholders(text)
        if found != expected and not (set(expected) - set(found) <= optional
                                      and set(found) <= set(expected)):
            issues.append(f"placeholders {found} instead of {expected}")
    return issues


def compile_all() -> list[Path]:
    """Write each catalog's ``.mo`` (fuzzy entries are left out, as gettext does)."""
    written = []
    for code in TRANSLATED:
        path = po_path(code)
        if not path.exists():
            continue
        catalog = _read(code)
        target = path.with_suffix(".mo")
        with target.open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        written.append(target)
    return written
