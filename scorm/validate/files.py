"""Checks against the package's file list: launch URLs, declared files, external metadata."""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from scorm.manifest import Manifest, ReferenceKind, Resource, resolve_reference
from scorm.validate.findings import Finding, FindingCode, Location, Severity


class FileIndex:
    """The package's file names, looked up exactly and, to explain near misses, by case."""

    def __init__(self, files: Collection[str]) -> None:
        self._exact = {name for name in files if not name.endswith("/")}
        self._folded = {name.casefold(): name for name in self._exact}

    def has(self, path: str) -> bool:
        return path in self._exact

    def case_variant(self, path: str) -> str | None:
        return self._folded.get(path.casefold())


@dataclass(frozen=True)
class LaunchPolicy:
    allow_remote_launch: bool = False


def check_files(manifest: Manifest, index: FileIndex, policy: LaunchPolicy) -> list[Finding]:
    """Launch hrefs of referenced resources, hrefs of the others, declared files, metadata."""
    launched = {item.identifierref for org in manifest.organizations
                for item in org.all_items() if item.identifierref}
    findings: list[Finding] = []
    for resource in manifest.resources:
        is_launched = resource.identifier in launched
        findings += _check_href(resource, is_launched, index, policy)
    # a file already reported through an href is not reported again as a declared <file>
    reported = {path for resource in manifest.resources
                if (ref := resource.launch_reference) is not None and ref.is_local
                and not index.has(path := ref.path or "")}
    findings += _check_declared_files(manifest, index, reported)
    findings += _check_metadata_location(manifest, index)
    return findings


def _check_href(resource: Resource, is_launched: bool, index: FileIndex,
                policy: LaunchPolicy) -> list[Finding]:
    reference = resource.launch_reference
    if reference is None:
        if not is_launched:
            return []
        return [Finding(
            FindingCode.LAUNCH_HREF_MISSING, Severity.ERROR,
            f"resource {resource.identifier!r} is launched by an item but has no href",
            "Add href=\"…\" naming the page to open (package-relative) on the <resource>.",
            Location.of(resource.source))]
    if reference.kind is not ReferenceKind.LOCAL:
        return [_unsafe_href(resource, reference.kind, reference.url, policy,
                             Location.of(resource.source))]
    return _check_local_file(resource, reference.path or "", is_launched, index)


def _unsafe_href(resource: Resource, kind: ReferenceKind, url: str, policy: LaunchPolicy,
                 where: Location) -> Finding:
    name = f"resource {resource.identifier!r}"
    if kind is ReferenceKind.REMOTE:
        severity = Severity.WARNING if policy.allow_remote_launch else Severity.ERROR
        return Finding(FindingCode.LAUNCH_REMOTE_URL, severity,
                       f"{name} launches a remote address {url!r}, outside the package",
                       "Package the content itself, or enable remote launch in the import "
                       "settings if this remote host is trusted.", where, url)
    rules = {
        ReferenceKind.SCRIPT: (FindingCode.LAUNCH_SCRIPT_URL, "a script URL",
                               "Point href at an HTML page inside the package."),
        ReferenceKind.DATA: (FindingCode.LAUNCH_DATA_URL, "a data: URL",
                             "Put the content in a file of the package and point href at it."),
        ReferenceKind.OUTSIDE: (FindingCode.LAUNCH_OUTSIDE_PACKAGE,
                                "a path outside the package (.. or absolute)",
                                "Use a path relative to the package root, without '..' "
                                "climbing above it."),
        ReferenceKind.OTHER_SCHEME: (FindingCode.LAUNCH_UNSUPPORTED_SCHEME,
                                     "an unsupported URL scheme",
                                     "Use a package-relative path."),
    }
    code, what, hint = rules[kind]
    return Finding(code, Severity.ERROR, f"{name} has href {url!r}: {what}", hint, where, url)


def _check_local_file(resource: Resource, path: str, is_launched: bool,
                      index: FileIndex) -> list[Finding]:
    if index.has(path):
        return []
    # worked out only now: most resources have no finding, and paths cost time on big manifests
    where = Location.of(resource.source)
    variant = index.case_variant(path)
    if variant is not None:
        return [_case_mismatch(path, variant, where)]
    if not is_launched:
        return [_declared_missing(path, where)]
    return [Finding(
        FindingCode.LAUNCH_FILE_MISSING, Severity.ERROR,
        f"resource {resource.identifier!r} launches {path!r}, which is not in the package",
        "Add the file to the package, or correct the href (and any xml:base) of the resource.",
        where, path)]


def _case_mismatch(path: str, variant: str, where: Location) -> Finding:
    return Finding(
        FindingCode.FILE_NAME_CASE_MISMATCH, Severity.WARNING,
        f"{path!r} is only present as {variant!r} (different letter case)",
        "Make the manifest and the file name agree exactly: servers are case-sensitive.", where,
        path)


def _declared_missing(path: str, where: Location) -> Finding:
    return Finding(
        FindingCode.DECLARED_FILE_MISSING, Severity.WARNING,
        f"the manifest declares {path!r}, which is not in the package",
        "Add the file to the package or remove its <file> entry; pages that use it may "
        "not work fully.", where, path)


def _check_declared_files(manifest: Manifest, index: FileIndex,
                          reported: set[str]) -> list[Finding]:
    findings: list[Finding] = []
    for resource in manifest.resources:
        for declared in resource.files:
            if not declared.href.strip():
                continue  # nothing to look for; the schema check reports the missing href
            if declared.path is None:
                findings.append(_file_outside(resource, declared.href,
                                              Location.of(declared.source)))
            elif declared.path not in reported and not index.has(declared.path):
                reported.add(declared.path)
                where = Location.of(declared.source)
                variant = index.case_variant(declared.path)
                findings.append(_case_mismatch(declared.path, variant, where) if variant
                                else _declared_missing(declared.path, where))
    return findings


def _file_outside(resource: Resource, href: str, where: Location) -> Finding:
    return Finding(
        FindingCode.DECLARED_FILE_OUTSIDE_PACKAGE, Severity.ERROR,
        f"resource {resource.identifier!r} declares file {href!r}, which is not a path "
        "inside the package", "Use a package-relative path without '..', scheme or leading '/'.",
        where, href)


def _check_metadata_location(manifest: Manifest, index: FileIndex) -> list[Finding]:
    location = manifest.metadata.location
    if not location:
        return []
    reference = resolve_reference(manifest.xml_base, location)
    where = Location.of(manifest.metadata.location_source)
    if reference.is_local and (index.has(reference.path or "")
                               or index.case_variant(reference.path or "")):
        return []
    return [Finding(
        FindingCode.METADATA_FILE_MISSING, Severity.WARNING,
        f"the external metadata {location!r} (adlcp:location) is not in the package",
        "Add the metadata file or remove <adlcp:location>; only the catalogue description "
        "is affected.", where, location)]
