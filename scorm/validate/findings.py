"""Findings: a stable code, a severity, where, what is wrong and how to fix it."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from scorm.manifest.notes import SourceRef

MANIFEST_NAME = "imsmanifest.xml"


class Severity(Enum):
    ERROR = "error"
    """The package is refused: safety or learner data is at stake, or nothing can launch."""
    WARNING = "warning"
    """The content still works, but something is wrong or was guessed."""
    INFO = "info"


class FindingCode(Enum):
    """Stable codes (the values) that the CLI, the web UI and the tests rely on."""

    MANIFEST_TOO_LARGE = "manifest-too-large"
    XML_NOT_WELL_FORMED = "xml-not-well-formed"
    XML_DOCTYPE_FORBIDDEN = "xml-doctype-forbidden"
    MANIFEST_ROOT_INVALID = "manifest-root-invalid"
    VERSION_INFERRED = "version-inferred"
    NAMESPACE_NONSTANDARD = "namespace-nonstandard"
    ELEMENT_VERSION_MISMATCH = "element-version-mismatch"
    VALUE_INVALID = "value-invalid"
    SEQUENCING_VALUE_INVALID = "sequencing-value-invalid"
    IDENTIFIER_MISSING = "identifier-missing"
    IDENTIFIER_DUPLICATE = "identifier-duplicate"
    TITLE_MISSING = "title-missing"
    RESOURCE_SCORMTYPE_MISSING = "resource-scormtype-missing"
    ORGANIZATION_MISSING = "organization-missing"
    ORGANIZATION_DEFAULT_INVALID = "organization-default-invalid"
    NO_LAUNCHABLE_ITEM = "no-launchable-item"
    ITEM_RESOURCE_MISSING = "item-resource-missing"
    ITEM_CLUSTER_HAS_RESOURCE = "item-cluster-has-resource"
    DEPENDENCY_RESOURCE_MISSING = "dependency-resource-missing"
    LAUNCH_HREF_MISSING = "launch-href-missing"
    LAUNCH_FILE_MISSING = "launch-file-missing"
    LAUNCH_OUTSIDE_PACKAGE = "launch-outside-package"
    LAUNCH_SCRIPT_URL = "launch-script-url"
    LAUNCH_DATA_URL = "launch-data-url"
    LAUNCH_REMOTE_URL = "launch-remote-url"
    LAUNCH_UNSUPPORTED_SCHEME = "launch-unsupported-scheme"
    DECLARED_FILE_MISSING = "declared-file-missing"
    DECLARED_FILE_OUTSIDE_PACKAGE = "declared-file-outside-package"
    FILE_NAME_CASE_MISMATCH = "file-name-case-mismatch"
    METADATA_FILE_MISSING = "metadata-file-missing"
    SEQUENCING_COLLECTION_REF_MISSING = "sequencing-collection-ref-missing"
    SEQUENCING_OBJECTIVE_REF_MISSING = "sequencing-objective-ref-missing"
    SHARED_DATA_TARGET_INVALID = "shared-data-target-invalid"
    SHARED_DATA_TARGET_DUPLICATE = "shared-data-target-duplicate"
    SHARED_DATA_IN_SCORM_12 = "shared-data-in-scorm-12"
    XSD_INVALID = "xsd-invalid"
    XSD_UNUSABLE = "xsd-unusable"


@dataclass(frozen=True)
class Location:
    file: str = MANIFEST_NAME
    line: int | None = None
    element_path: str | None = None

    @classmethod
    def of(cls, source: SourceRef | None) -> Location:
        if source is None:
            return cls()
        return cls(MANIFEST_NAME, source.line, source.path)

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        return where + (f" {self.element_path}" if self.element_path else "")


@dataclass(frozen=True)
class Finding:
    code: FindingCode
    severity: Severity
    message: str
    hint: str
    location: Location = Location()
    subject: str | None = None
    """What the finding is about, when it is one thing: a package path or an identifier."""

    def __str__(self) -> str:
        return f"{self.severity.value} {self.code.value} at {self.location}: {self.message}"
