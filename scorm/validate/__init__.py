"""Validate a SCORM package from its manifest bytes and file list, without extracting it.

Pure. ``validate_package`` never raises for bad package content: every problem becomes a
:class:`Finding` with a stable :class:`FindingCode`; the package is importable when no finding
is an error. Errors raised by ``read`` (the caller's file reader) propagate unchanged, except
while loading the package's own XSDs, where an unreadable schema only skips that step.
"""
from __future__ import annotations

from collections.abc import Callable, Collection

from scorm.manifest import (
    DEFAULT_MAX_MANIFEST_BYTES,
    ManifestError,
    ManifestForbiddenXmlError,
    ManifestStructureError,
    ManifestSyntaxError,
    ManifestTooLargeError,
    launchable_items,
    select_organization,
)
from scorm.manifest.parse import read_manifest_tree
from scorm.manifest.xmltree import parse_xml
from scorm.validate.files import FileIndex, LaunchPolicy, check_files
from scorm.validate.findings import MANIFEST_NAME, Finding, FindingCode, Location, Severity
from scorm.validate.from_notes import findings_from_notes
from scorm.validate.report import ValidationReport, report_to_dict
from scorm.validate.shared_data import check_shared_data
from scorm.validate.structure import check_structure
from scorm.validate.xsd import check_against_xsds

__all__ = ["Finding", "FindingCode", "Location", "Severity", "ValidationReport",
           "report_to_dict", "validate_package"]

_UNREADABLE = {
    ManifestTooLargeError: (FindingCode.MANIFEST_TOO_LARGE,
                            "Remove embedded data from the manifest, or raise the import "
                            "size limit if this manifest is genuinely this large."),
    ManifestSyntaxError: (FindingCode.XML_NOT_WELL_FORMED,
                          "Fix the XML at that line (an unclosed or mismatched tag, a stray "
                          "'&' or '<') and re-export the package."),
    ManifestForbiddenXmlError: (FindingCode.XML_DOCTYPE_FORBIDDEN,
                                "Remove the <!DOCTYPE …> and any entity from the manifest; "
                                "SCORM manifests need none."),
    ManifestStructureError: (FindingCode.MANIFEST_ROOT_INVALID,
                             "imsmanifest.xml must have <manifest> as its root element."),
}


def validate_package(manifest_xml: bytes, files: Collection[str],
                     read: Callable[[str], bytes], *, allow_remote_launch: bool = False,
                     max_manifest_bytes: int = DEFAULT_MAX_MANIFEST_BYTES) -> ValidationReport:
    """Check a package given its manifest bytes, its package-relative file names and a reader.

    Raises nothing for bad content (see the findings); exceptions from ``read`` propagate.
    """
    try:
        tree = parse_xml(manifest_xml, max_bytes=max_manifest_bytes)
        manifest = read_manifest_tree(tree)
    except ManifestError as exc:
        return ValidationReport(None, None, (), (_unreadable(exc),))
    findings: list[Finding] = findings_from_notes(manifest.notes)
    findings += check_structure(manifest)
    findings += check_shared_data(manifest)
    findings += check_files(manifest, FileIndex(files), LaunchPolicy(allow_remote_launch))
    findings += check_against_xsds(tree, manifest, files, read)
    organization = select_organization(manifest)
    return ValidationReport(manifest, organization, launchable_items(manifest, organization),
                            tuple(findings))


def _unreadable(exc: ManifestError) -> Finding:
    code, hint = _UNREADABLE.get(type(exc), (FindingCode.XML_NOT_WELL_FORMED, ""))
    return Finding(code, Severity.ERROR, str(exc), hint, Location(MANIFEST_NAME, exc.line))
