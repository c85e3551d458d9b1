"""What changed between two module sources: per file added, removed or changed, with a line diff.

A coordinator uploads a translation or a national variant of an edition; reviewers need to see
what it changes against the edition it came from. Text files (YAML, Markdown, HTML, SVG) get a
unified line diff (``difflib``); other files (pictures) are compared by their bytes only.
"""
from __future__ import annotations

import difflib
import enum
from dataclasses import dataclass
from pathlib import Path

from .archive import source_files

TEXT_SUFFIXES = frozenset({".yaml", ".yml", ".md", ".html", ".svg", ".txt", ".css"})
CONTEXT_LINES = 3


class ChangeKind(enum.Enum):
    """What happened to one file."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


class DiffLineKind(enum.Enum):
    """One line of a unified diff: a hunk header, context, or a removed or added line."""

    HUNK = "hunk"
    CONTEXT = "context"
    REMOVED = "removed"
    ADDED = "added"


@dataclass(frozen=True)
class DiffLine:
    kind: DiffLineKind
    text: str


@dataclass(frozen=True)
class FileChange:
    """One file that differs; ``lines`` is its line diff (empty for a binary file)."""

    name: str
    kind: ChangeKind
    is_text: bool
    lines: tuple[DiffLine, ...] = ()


def compare_sources(old_root: Path, new_root: Path) -> list[FileChange]:
    """Every file added, removed or changed from ``old_root`` to ``new_root``, by name."""
    old, new = set(source_files(old_root)), set(source_files(new_root))
    changes = []
    for name in sorted(old | new):
        is_text = Path(name).suffix.lower() in TEXT_SUFFIXES
        before = (old_root / name).read_bytes() if name in old else None
        after = (new_root / name).read_bytes() if name in new else None
        if before == after:
            continue
        kind = (ChangeKind.ADDED if before is None else ChangeKind.REMOVED if after is None
                else ChangeKind.CHANGED)
        lines = _line_diff(before or b"", after or b"") if is_text else ()
        changes.append(FileChange(name, kind, is_text, lines))
    return changes


def _text_lines(data: bytes) -> list[str]:
    text = data.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n") if text else []


def _line_diff(before: bytes, after: bytes) -> tuple[DiffLine, ...]:
    lines = difflib.unified_diff(_text_lines(before), _text_lines(after), n=CONTEXT_LINES,
                                 lineterm="")
    result = []
    for line in lines:
        if line.startswith(("---", "+++")):
            continue  # the file names: the page shows the file's own name
        if line.startswith("@@"):
            result.append(DiffLine(DiffLineKind.HUNK, line))
        elif line.startswith("-"):
            result.append(DiffLine(DiffLineKind.REMOVED, line[1:]))
        elif line.startswith("+"):
            result.append(DiffLine(DiffLineKind.ADDED, line[1:]))
        else:
            result.append(DiffLine(DiffLineKind.CONTEXT, line[1:]))
    return tuple(result)
