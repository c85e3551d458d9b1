"""The validation report and its JSON-ready form (``lms-bridge validate --json``)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scorm.manifest import LaunchableItem, Manifest, Organization
from scorm.validate.findings import Finding, Severity


@dataclass(frozen=True)
class ValidationReport:
    manifest: Manifest | None
    """None when the manifest could not be read at all (see the findings)."""
    organization: Organization | None
    """The organization a learner would get (default, else first)."""
    launchable: tuple[LaunchableItem, ...]
    findings: tuple[Finding, ...]

    @property
    def is_importable(self) -> bool:
        """True when no finding is an error."""
        return self.manifest is not None and not self.errors

    @property
    def errors(self) -> tuple[Finding, ...]:
        return self._of(Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return self._of(Severity.WARNING)

    def _of(self, severity: Severity) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is severity)


def report_to_dict(report: ValidationReport) -> dict[str, Any]:
    """A JSON-serialisable dict: version, organization, launchable items, findings."""
    manifest = report.manifest
    return {
        "importable": report.is_importable,
        "version": manifest.version.value if manifest else None,
        "version_inferred": manifest.version_inferred if manifest else None,
        "manifest_identifier": manifest.identifier if manifest else None,
        "title": _title(report),
        "organization": report.organization.identifier if report.organization else None,
        "launchable_items": [_launchable(item) for item in report.launchable],
        "findings": [_finding(f) for f in report.findings],
        "counts": {s.value: len(report._of(s)) for s in Severity},
    }


def _title(report: ValidationReport) -> str | None:
    if report.manifest and report.manifest.metadata.title:
        return report.manifest.metadata.title
    return report.organization.title if report.organization else None


def _launchable(item: LaunchableItem) -> dict[str, Any]:
    return {
        "identifier": item.item.identifier,
        "title": item.item.title,
        "resource": item.resource.identifier,
        "launch_url": item.launch_url,
        "scorm_type": item.scorm_type.value,
        "is_visible": item.item.is_visible,
    }


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "code": finding.code.value,
        "severity": finding.severity.value,
        "message": finding.message,
        "hint": finding.hint,
        "file": finding.location.file,
        "line": finding.location.line,
        "element_path": finding.location.element_path,
    }
