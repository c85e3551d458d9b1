"""Compose ``xml:base`` levels and an ``href`` into a package-relative path, safely.

Unlike ``urljoin``, which silently clamps ``../../etc/passwd`` to the root, this keeps track of
a reference that climbs out of the package, and classifies schemes (remote, script, data) so the
validator can refuse them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from urllib.parse import unquote

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_REMOTE_SCHEMES = {"http", "https", "ftp"}
_SCRIPT_SCHEMES = {"javascript", "vbscript", "livescript"}


class ReferenceKind(Enum):
    LOCAL = "local"
    """Inside the package: ``path`` is set."""
    OUTSIDE = "outside"
    """Climbs above the package root with ``..``, or is an absolute path."""
    REMOTE = "remote"
    SCRIPT = "script"
    DATA = "data"
    OTHER_SCHEME = "other-scheme"


@dataclass(frozen=True)
class Reference:
    kind: ReferenceKind
    url: str
    """The composed reference (package-relative for LOCAL, with query and fragment)."""
    path: str | None = None
    """LOCAL only: the decoded package-relative file name, e.g. ``content/my page.html``."""

    @property
    def is_local(self) -> bool:
        return self.kind is ReferenceKind.LOCAL


def resolve_reference(*levels: str | None) -> Reference:
    """Apply each level (outermost ``xml:base`` first, the ``href`` last) to the previous one."""
    current = Reference(ReferenceKind.LOCAL, "", "")
    for level in levels:
        if level is None or not level.strip():
            continue
        current = _apply(current, _clean(level))
        if not current.is_local:
            return current
    return current


def _clean(level: str) -> str:
    # Packages authored on Windows often write backslashes; a browser would treat them as '/'.
    return level.strip().replace("\\", "/")


def _apply(current: Reference, ref: str) -> Reference:
    scheme = _SCHEME.match(ref)
    if scheme:
        return _absolute(scheme.group(1).lower(), ref)
    if ref.startswith("//"):
        return Reference(ReferenceKind.REMOTE, ref)
    if ref.startswith("/"):
        return Reference(ReferenceKind.OUTSIDE, ref)
    directory = current.url.split("?", 1)[0].split("#", 1)[0]
    directory = directory[: directory.rfind("/") + 1]
    return _normalise(directory + ref)


def _absolute(scheme: str, ref: str) -> Reference:
    if scheme in _REMOTE_SCHEMES:
        return Reference(ReferenceKind.REMOTE, ref)
    if scheme in _SCRIPT_SCHEMES:
        return Reference(ReferenceKind.SCRIPT, ref)
    if scheme == "data":
        return Reference(ReferenceKind.DATA, ref)
    return Reference(ReferenceKind.OTHER_SCHEME, ref)


def _normalise(url: str) -> Reference:
    path, tail = _split_tail(url)
    segments: list[str] = []
    for segment in path.split("/"):
        if segment in ("", "."):
            continue
        if segment == "..":
            if not segments:
                return Reference(ReferenceKind.OUTSIDE, url)
            segments.pop()
            continue
        segments.append(segment)
    clean = "/".join(segments) + ("/" if path.endswith("/") and segments else "")
    decoded = unquote(clean)
    if decoded.startswith("/") or "/../" in f"/{decoded}/":
        return Reference(ReferenceKind.OUTSIDE, url)
    return Reference(ReferenceKind.LOCAL, clean + tail, decoded)


def _split_tail(url: str) -> tuple[str, str]:
    cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    return url[:cut], url[cut:]


def append_parameters(url: str, parameters: str | None) -> str:
    """Append an item's ``parameters`` to a launch URL following the CAM book's rules."""
    if parameters is None:
        return url
    params = parameters.strip()
    while params[:1] in ("?", "&"):
        params = params[1:]
    if not params:
        return url
    base, _, fragment = url.partition("#")
    if params.startswith("#"):
        return url if "#" in url else url + params
    joined = base + ("&" if "?" in base else "?") + params
    return joined + ("#" + fragment if fragment else "")
