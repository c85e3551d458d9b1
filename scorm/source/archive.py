"""A module source as a zip: packed reproducibly for download, unpacked safely from an upload.

:func:`pack_source` writes the files of a source folder under one top folder named by the slug,
in name order, with a fixed date and permissions: the same files always give the same bytes.
:func:`unpack_source` opens an uploaded zip with every safety rule of :mod:`scorm.archive`
(traversal, absolute paths, links, bombs, duplicates, entry count: refused with the same
:class:`~scorm.archive.ArchiveError` and message as a SCORM zip) and finds the module in it,
whether ``module.yaml`` is at the top of the zip or inside its one folder. It does not validate
the source: :func:`scorm.source.load_module_source` does, with every problem located.

Errors: ArchiveError (the zip itself), SourceError (no module.yaml where one is expected).
"""
from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

from ..archive import ArchiveLimits, extract_archive
from .loading import SourceError
from .model import SourceFinding

# The builder's fixed zip date (the earliest a zip can hold) and file mode, for the same reason.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o644


def source_files(root: Path) -> list[str]:
    """The relative names of the files of a source folder, in name order (hidden files left out)."""
    names = []
    for path in root.rglob("*"):
        relative = path.relative_to(root)
        if path.is_file() and not path.is_symlink() \
                and not any(part.startswith(".") for part in relative.parts):
            names.append(relative.as_posix())
    return sorted(names)


def pack_source(root: Path, folder: str) -> bytes:
    """The zip of the source in ``root``, its files under ``folder/`` (the module's slug)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in source_files(root):
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so that external_attr means permissions everywhere
            info.external_attr = FILE_MODE << 16
            archive.writestr(info, (root / name).read_bytes(), compresslevel=9)
    return buffer.getvalue()


def unpack_source(zip_path: Path, workdir: Path, slug: str,
                  limits: ArchiveLimits = ArchiveLimits()) -> Path:
    """Extract the uploaded source zip into ``workdir/<slug>`` and return that folder.

    ``workdir`` must exist and be empty. Raises ArchiveError (unsafe or not a zip),
    SourceError (no module.yaml at the top of the zip nor in its one top folder).
    """
    extracted = extract_archive(zip_path, workdir / ".unpacked", limits)
    module_root = _module_root(extracted.root)
    target = workdir / slug
    os.rename(module_root, target)
    return target


def _module_root(root: Path) -> Path:
    if (root / "module.yaml").is_file():
        return root
    entries = [path for path in root.iterdir() if not path.name.startswith(".")]
    if len(entries) == 1 and entries[0].is_dir() and (entries[0] / "module.yaml").is_file():
        return entries[0]
    raise SourceError(Path("upload.zip"), [SourceFinding(
        "module.yaml", 0, "the zip has no module.yaml at its top nor in its one top folder: "
        "zip the module's folder (the one holding module.yaml, images/ and the language folders)")])
