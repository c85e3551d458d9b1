"""Cleaning the HTML that comes from a source file before it goes into a built page.

Markdown lets an author write raw HTML, and an ``.html`` lesson is HTML: a source uploaded by
someone else (a national variant, a translation) could carry ``<script>``, ``onclick=``,
``javascript:`` links, ``<iframe>`` or ``<style>``. Every fragment rendered from a source goes
through :func:`clean_fragment` (nh3, the Rust ``ammonia`` sanitiser), so that a built package
never carries script from a source file, whoever wrote it. The packages are also served under a
strict Content-Security-Policy; this is the second wall, and the one that travels with the zip
to other LMSes that set no such policy.

The allowlist is ammonia's default (text, lists, tables, images, links, quotes, code) plus what
the Markdown extensions of :mod:`scorm.builder.pages` produce: ids (headings, footnotes),
classes (footnotes, the table wrapper), the ``align`` attribute of table cells and ``scope`` of
header cells. Links keep their own ``rel`` (none is added) so that output stays as written.
"""
from __future__ import annotations

import html
from urllib.parse import urlsplit

import nh3
from lxml import html as lxml_html

# Elements removed together with everything inside them (their text is not content).
_DROPPED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "template",
                                   "noscript", "textarea", "select"})
_EVERY_ELEMENT = frozenset({"id", "class", "lang", "dir", "title"})
_CELL = frozenset({"align", "colspan", "rowspan", "headers"})


def _attributes() -> dict[str, set[str]]:
    allowed = {tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()}
    allowed["*"] = set(allowed.get("*", set())) | _EVERY_ELEMENT
    allowed["td"] = allowed.get("td", set()) | _CELL
    allowed["th"] = allowed.get("th", set()) | _CELL | {"scope", "abbr"}
    return allowed


_TAGS = frozenset(nh3.ALLOWED_TAGS) - _DROPPED_WITH_CONTENT
_ATTRIBUTES = _attributes()
# No data: (an inline SVG may carry script), no javascript:, vbscript: or file:.
_URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


def clean_fragment(fragment: str) -> str:
    """``fragment`` with every element, attribute and URL outside the allowlist removed."""
    return nh3.clean(fragment, tags=set(_TAGS), attributes=_ATTRIBUTES,
                     clean_content_tags=set(_DROPPED_WITH_CONTENT),
                     url_schemes=set(_URL_SCHEMES), link_rel=None, strip_comments=True)


def plain_text(fragment: str) -> str:
    """The text of ``fragment`` without any markup (scripts and styles dropped with their text),
    for what leaves the page as data, such as an interaction's description sent to the LMS."""
    text = nh3.clean(fragment, tags=set(), clean_content_tags=set(_DROPPED_WITH_CONTENT))
    return html.unescape(text)


_URL_ATTRIBUTES = frozenset({"href", "src", "cite", "action", "formaction", "data", "srcdoc"})


def removed_markup(fragment: str) -> list[str]:
    """What :func:`clean_fragment` takes out of ``fragment``, named for the author
    (``<script>``, ``onclick on <p>``, ``javascript: address on <a>``), in document order
    without repeats; empty when cleaning keeps everything."""
    if not fragment.strip():
        return []
    found: dict[str, None] = {}
    for element in lxml_html.fragments_fromstring(f"<div>{fragment}</div>")[0].iter():
        if not isinstance(element.tag, str) or element.tag == "div" and element.getparent() is None:
            continue
        if element.tag not in _TAGS:
            found[f"<{element.tag}>"] = None
            continue
        allowed = _ATTRIBUTES.get(element.tag, set()) | _ATTRIBUTES["*"]
        for name, value in element.attrib.items():
            if name not in allowed:
                found[f"{name} on <{element.tag}>"] = None
            elif name in _URL_ATTRIBUTES and _has_forbidden_scheme(value):
                found[f"{value.split(':', 1)[0].strip().lower()}: address on <{element.tag}>"] = None
    return list(found)


def _has_forbidden_scheme(url: str) -> bool:
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return True
    return bool(scheme) and scheme not in _URL_SCHEMES
