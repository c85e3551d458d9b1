"""Read ``imsmanifest.xml`` (SCORM 1.2 and 2004 2nd-4th editions) into a typed model.

Pure: bytes in, frozen dataclasses out. Parsing is hardened (no DTD, no entities, no network,
size cap). Errors are listed in :mod:`scorm.manifest.errors`.
"""
from scorm.manifest.errors import (
    ManifestError,
    ManifestForbiddenXmlError,
    ManifestStructureError,
    ManifestSyntaxError,
    ManifestTooLargeError,
)
from scorm.manifest.hrefs import Reference, ReferenceKind, append_parameters, resolve_reference
from scorm.manifest.launch import LaunchableItem, launchable_items, select_organization
from scorm.manifest.model import (
    CompletionThreshold,
    Dependency,
    Item,
    Manifest,
    Metadata,
    Organization,
    PackageFile,
    Presentation,
    Resource,
    ScormType,
    ScormVersion,
    SharedDataMap,
    TimeLimitAction,
)
from scorm.manifest.notes import NoteKind, ParseNote, SourceRef
from scorm.manifest.parse import parse_manifest
from scorm.manifest.read_objectives import normalize_objective_id
from scorm.manifest.xmltree import DEFAULT_MAX_MANIFEST_BYTES

__all__ = [
    "DEFAULT_MAX_MANIFEST_BYTES", "CompletionThreshold", "Dependency", "Item", "LaunchableItem",
    "Manifest", "ManifestError", "ManifestForbiddenXmlError", "ManifestStructureError",
    "ManifestSyntaxError", "ManifestTooLargeError", "Metadata", "NoteKind", "Organization",
    "PackageFile", "ParseNote", "Presentation", "Reference", "ReferenceKind", "Resource",
    "ScormType", "ScormVersion", "SharedDataMap", "SourceRef", "TimeLimitAction", "append_parameters",
    "launchable_items", "normalize_objective_id", "parse_manifest", "resolve_reference", "select_organization",
]
