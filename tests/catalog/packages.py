"""Tiny SCORM packages built inside the tests."""
from __future__ import annotations

import zipfile
from pathlib import Path

NS12 = ('xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" '
        'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"')


def manifest_12(title: str = "Tiny course", href: str = "index.html",
                item_title: str = "Lesson one") -> str:
    return (f'<?xml version="1.0"?><manifest identifier="tiny" version="1" {NS12}>'
            '<metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>'
            f'<organizations default="org"><organization identifier="org"><title>{title}</title>'
            f'<item identifier="i1" identifierref="r1"><title>{item_title}</title></item>'
            '</organization></organizations><resources>'
            f'<resource identifier="r1" type="webcontent" adlcp:scormtype="sco" href="{href}">'
            f'<file href="{href}"/></resource></resources></manifest>')


def write_package(path: Path, manifest: str | None = None,
                  files: dict[str, bytes | str] | None = None) -> Path:
    """A zip with ``manifest`` (default: a valid SCORM 1.2 one) and ``files``."""
    files = {"index.html": "<html><body><script>var x = 1;</script>Hello</body></html>"} \
        if files is None else files
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("imsmanifest.xml", manifest if manifest is not None else manifest_12())
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def padded_package(path: Path, pages: int = 40, page_bytes: int = 64 * 1024) -> Path:
    """A valid package plus ``pages`` deflated files of zeros: each under the per-entry ratio
    floor (1 MiB), together some 300 times the zip's size."""
    write_package(path, files={"index.html": "<html><body>Hi</body></html>"})
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        for number in range(pages):
            archive.writestr(f"padding/{number}.bin", bytes(page_bytes))
    return path
