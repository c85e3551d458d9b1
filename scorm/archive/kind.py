"""Telling SCORM from its neighbours (AICC, cmi5, xAPI) by the names of the files in a zip."""
from __future__ import annotations

from collections.abc import Sequence

from scorm.archive.errors import ManifestNotAtRootError, NotScormPackageError
from scorm.archive.model import ArchiveInfo, PackageKind

MANIFEST_NAME = "imsmanifest.xml"
# AICC course files; ".au" is left out because it is also a common audio format.
_AICC_EXTENSIONS = (".crs", ".cst", ".des")
_KIND_LABELS = {
    PackageKind.AICC: "an AICC package",
    PackageKind.CMI5: "a cmi5 package",
    PackageKind.XAPI: "an xAPI (Tin Can) package",
}


def detect_kind(files: Sequence[tuple[str, ...]]) -> tuple[PackageKind, str | None, str | None]:
    """Return (kind, manifest path, marker file) for the path components of the files in a zip."""
    by_depth = sorted(files, key=lambda parts: (len(parts), parts))
    manifest = next((parts for parts in by_depth if parts[-1] == MANIFEST_NAME), None)
    if manifest is not None:
        path = "/".join(manifest)
        return PackageKind.SCORM, path, path
    for kind in (PackageKind.CMI5, PackageKind.XAPI, PackageKind.AICC):
        marker = next((parts for parts in by_depth if _is_marker(kind, parts[-1].lower())), None)
        if marker is not None:
            return kind, None, "/".join(marker)
    return PackageKind.UNKNOWN, None, None


def _is_marker(kind: PackageKind, file_name: str) -> bool:
    if kind is PackageKind.CMI5:
        return file_name == "cmi5.xml"
    if kind is PackageKind.XAPI:
        return file_name == "tincan.xml"
    return file_name.endswith(_AICC_EXTENSIONS)


def require_scorm_at_root(info: ArchiveInfo) -> None:
    """Refuse an archive that is not a SCORM package with its manifest at the root.

    Raises ManifestNotAtRootError, NotScormPackageError (no_manifest, not_scorm_aicc,
    not_scorm_cmi5, not_scorm_xapi).
    """
    if info.has_manifest_at_root:
        return
    if info.manifest_path is not None:
        raise _not_at_root(info.manifest_path)
    if info.kind is PackageKind.UNKNOWN:
        raise NotScormPackageError(_no_manifest_message(info), kind=info.kind)
    raise NotScormPackageError(
        f"this is {_KIND_LABELS[info.kind]} (found {info.kind_marker!r}), not a SCORM package. "
        "LMS Bridge imports SCORM 1.2 and SCORM 2004 packages only: export the course as SCORM "
        "from its authoring tool and upload that zip.",
        kind=info.kind, code=f"archive.not_scorm_{info.kind.value}", entry=info.kind_marker)


def _not_at_root(manifest_path: str) -> ManifestNotAtRootError:
    folder = manifest_path.rsplit("/", 1)[0]
    return ManifestNotAtRootError(
        f"{MANIFEST_NAME} is not at the top of the zip but in the folder {folder!r}. Re-zip the "
        f"contents of that folder, not the folder itself: open {folder!r}, select everything "
        "inside it and compress that selection (in a terminal: "
        f"cd '{folder}' && zip -r ../package.zip .), then upload the new zip.",
        folder=folder, entry=manifest_path)


def _no_manifest_message(info: ArchiveInfo) -> str:
    message = f"there is no {MANIFEST_NAME} in the zip, so it is not a SCORM package"
    misnamed = next((entry.name for entry in info.entries
                     if entry.name.rsplit("/", 1)[-1].lower() == MANIFEST_NAME), None)
    if misnamed is not None:
        return f"{message}: {misnamed!r} must be named exactly '{MANIFEST_NAME}' (lower case)"
    if info.file_count == 0:
        return f"{message}: the zip is empty"
    return f"{message} (it holds {info.file_count} file(s))"
