"""Hostile uploads built inside the tests, each with the code it must be refused with."""
from __future__ import annotations

import io
import warnings
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from tests.catalog.packages import NS12, manifest_12


def _zip(entries: list[tuple[zipfile.ZipInfo | str, bytes | str]]) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate on purpose
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in entries:
                archive.writestr(name, data)
    return buffer.getvalue()


def _valid(extra: list | None = None, manifest: str | None = None) -> list:
    return [("imsmanifest.xml", manifest or manifest_12()), ("index.html", "<p>hi</p>")] + (extra or [])


def _symlink() -> zipfile.ZipInfo:
    info = zipfile.ZipInfo("link.html")
    info.create_system = 3
    info.external_attr = 0o120777 << 16
    return info


def _with_nul() -> bytes:
    return _zip(_valid([("evilXname.html", "x")])).replace(b"evilXname.html", b"evil\x00name.html")


def _truncated() -> bytes:
    data = _zip(_valid())
    return data[: len(data) // 2]


XXE = ('<?xml version="1.0"?><!DOCTYPE manifest [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
       f'<manifest identifier="m" {NS12}><organizations default="o"><organization identifier="o">'
       '<title>&xxe;</title></organization></organizations><resources/></manifest>')
LAUGHS = ('<?xml version="1.0"?><!DOCTYPE manifest [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;">'
          '<!ENTITY c "&b;&b;&b;&b;&b;">]>'
          f'<manifest identifier="m" {NS12}><organizations/><resources/>&c;</manifest>')

# (name, zip bytes, expected code)
HOSTILE = [
    ("traversal", _zip(_valid([("../../evil.txt", "x")])), "archive.traversal"),
    ("absolute", _zip(_valid([("/tmp/evil.txt", "x")])), "archive.absolute_path"),
    ("symlink", _zip(_valid([(_symlink(), "/etc/passwd")])), "archive.symlink"),
    ("nul", _with_nul(), "archive.control_character"),
    ("duplicate", _zip(_valid([("index.html", "again")])), "archive.duplicate"),
    ("bomb", _zip(_valid([("big.txt", b"\0" * (8 * 1024 * 1024))])), "archive.ratio_bomb"),
    ("truncated", _truncated(), "archive.corrupt"),
    ("not-a-zip", b"this is not a zip file at all", "archive.not_zip"),
    ("xxe", _zip(_valid(manifest=XXE)), "xml-doctype-forbidden"),
    ("billion-laughs", _zip(_valid(manifest=LAUGHS)), "xml-doctype-forbidden"),
    ("javascript-launch", _zip(_valid(manifest=manifest_12(href="javascript:alert(1)"))),
     "launch-script-url"),
]

SCRIPT_TITLE = "<script>alert('t')</script>"


def script_title_package() -> bytes:
    """A valid package whose titles carry markup: imported, and shown escaped."""
    escaped = escape(SCRIPT_TITLE)
    return _zip(_valid(manifest=manifest_12(title=escaped, item_title=escaped)))


def tree_of(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))
