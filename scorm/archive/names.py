"""Entry-name safety: one name at a time, then the names against each other.

A name is judged on its own before any byte is written: it must stay inside the package on
POSIX *and* Windows readings of it, contain no control characters, and stay within the depth and
length limits. Then no two entries may land on the same path, even on a case-insensitive or
normalising file system (Windows, macOS), and no path may be both a file and a folder.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from scorm.archive.errors import UnsafeEntryError
from scorm.archive.model import ArchiveLimits

# C0 and C1 controls (NUL included), plus the bidirectional overrides that disguise extensions.
_CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_DRIVE_LETTER = re.compile(r"[A-Za-z]:")


def split_entry_name(name: str, limits: ArchiveLimits) -> tuple[str, ...]:
    """Return the path components of a safe entry name (folders lose their trailing slash).

    Raises UnsafeEntryError (traversal, absolute_path, drive_letter, backslash,
    control_character, invalid_name, path_too_long, too_deep).
    """
    if _CONTROL_CHARACTERS.search(name):
        _refuse(name, "control_character", "contains a control character (NUL, newline, ...)")
    # Judge the Windows reading too: a backslash is a separator to Windows tools and servers.
    as_windows = name.replace("\\", "/")
    if _DRIVE_LETTER.match(as_windows):
        _refuse(name, "drive_letter", "starts with a drive letter")
    if as_windows.startswith("/"):
        _refuse(name, "absolute_path", "is an absolute path")
    parts = tuple((as_windows[:-1] if name.endswith("/") else as_windows).split("/"))
    if ".." in parts:
        _refuse(name, "traversal", "climbs out of the package with '..'")
    if "\\" in name:
        _refuse(name, "backslash", "uses '\\' as a folder separator; zip names must use '/'")
    if "" in parts or "." in parts:
        _refuse(name, "invalid_name", "has an empty or '.' path component")
    _check_size(name, parts, limits)
    return parts


def _check_size(name: str, parts: tuple[str, ...], limits: ArchiveLimits) -> None:
    if len(name) > limits.max_path_length:
        _refuse(name, "path_too_long", f"is longer than {limits.max_path_length} characters")
    if any(len(part.encode("utf-8")) > limits.max_name_bytes for part in parts):
        _refuse(name, "path_too_long",
                f"has a file or folder name longer than {limits.max_name_bytes} bytes")
    if len(parts) > limits.max_path_depth:
        _refuse(name, "too_deep", f"is nested deeper than {limits.max_path_depth} levels")


def check_no_collisions(paths: Iterable[tuple[str, tuple[str, ...], bool]]) -> None:
    """Refuse two entries that would land on the same path; ``paths`` is (name, parts, is_dir).

    Raises UnsafeEntryError (duplicate, case_collision).
    """
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    files: dict[str, str] = {}
    folders: dict[str, str] = {}
    for name, parts, is_dir in paths:
        path = "/".join(parts)
        if path in exact:
            _refuse(name, "duplicate", f"appears twice in the zip (also as {exact[path]!r})")
        key = _folded(path)
        if key in folded:
            _refuse(name, "case_collision",
                    f"and {folded[key]!r} differ only by letter case or Unicode form; one would "
                    "overwrite the other on Windows and macOS")
        exact[path] = folded[key] = name
        (folders if is_dir else files)[key] = name
        for depth in range(1, len(parts)):
            folders.setdefault(_folded("/".join(parts[:depth])), name)
    for key, name in files.items():
        if key in folders:
            _refuse(name, "duplicate", f"is a file, but {folders[key]!r} uses it as a folder")


def _folded(path: str) -> str:
    return unicodedata.normalize("NFC", path).casefold()


def _refuse(name: str, reason: str, problem: str) -> None:
    raise UnsafeEntryError.for_entry(name, reason, problem)
