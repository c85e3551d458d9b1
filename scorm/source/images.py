"""Checking the SVG pictures of a source: a picture may not carry script.

An SVG file is XML that a browser runs script from (``<script>``, ``onload=``, ``javascript:``
links, HTML inside ``<foreignObject>``) when it is opened on its own, and a built package carries
the source's pictures as they are. So each SVG a module uses is parsed (hardened: no DTD, no
entities, no network) and refused, with its line, if it holds any of these.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..manifest.errors import ManifestError
from ..manifest.xmltree import parse_xml
from .fields import Findings

MAX_SVG_BYTES = 5 * 1024 * 1024
_FORBIDDEN_ELEMENTS = frozenset({"script", "foreignObject", "iframe", "embed", "object"})
_SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:text/html", "data:image/svg")
# Browsers ignore control characters and spaces inside a URL's scheme ("java\tscript:").
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20]")


def check_svg(root: Path, name: str, findings: Findings) -> None:
    """An error for every scripted thing in the SVG picture ``name`` (e.g. images/a.svg)."""
    try:
        tree = parse_xml((root / name).read_bytes(), max_bytes=MAX_SVG_BYTES, name=name)
    except ManifestError as exc:
        findings.error(name, getattr(exc, "line", 0) or 0,
                       f"the picture cannot be read safely: {exc}")
        return
    except OSError as exc:
        findings.error(name, 0, f"the picture cannot be read: {exc}")
        return
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        local = element.tag.rsplit("}", 1)[-1]
        line = element.sourceline or 0
        if local in _FORBIDDEN_ELEMENTS:
            findings.error(name, line, f"a picture may not contain <{local}>: remove it")
        for attribute, value in element.attrib.items():
            attribute_name = attribute.rsplit("}", 1)[-1]
            if attribute_name.lower().startswith("on"):
                findings.error(name, line, f"a picture may not run script: remove the "
                               f"{attribute_name} attribute of <{local}>")
            elif _is_script_address(value):
                findings.error(name, line, f"a picture may not run script: the "
                               f"{attribute_name} of <{local}> is a script address")


def _is_script_address(value: str) -> bool:
    # Anywhere in the value: <animate values="a;javascript:..."> lists several addresses.
    cleaned = _IGNORED_IN_URLS.sub("", value).lower()
    return any(scheme in cleaned for scheme in _SCRIPT_SCHEMES)
