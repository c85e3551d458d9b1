"""Detect the SCORM version of a manifest: ``schemaversion`` first, namespaces as a fallback."""
from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from scorm.manifest.model import ScormVersion
from scorm.manifest.xmltree import Family, family_of, local_name, namespace_of

_DECLARED = {
    "1.2": ScormVersion.SCORM_12,
    "cam 1.3": ScormVersion.SCORM_2004_2ND,
    "2004 2nd edition": ScormVersion.SCORM_2004_2ND,
    "2004 3rd edition": ScormVersion.SCORM_2004_3RD,
    "2004 4th edition": ScormVersion.SCORM_2004_4TH,
}
_NS_2004 = {"http://www.imsglobal.org/xsd/imscp_v1p1", "http://www.adlnet.org/xsd/adlcp_v1p3"}
ADLCP_12 = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
ADLCP_2004 = "http://www.adlnet.org/xsd/adlcp_v1p3"


@dataclass(frozen=True)
class DetectedVersion:
    version: ScormVersion
    is_inferred: bool
    reason: str


def version_from_text(schema_version: str | None) -> ScormVersion | None:
    """The version a ``<schemaversion>`` text names, or None when it names none we know."""
    if schema_version is None:
        return None
    return _DECLARED.get(" ".join(schema_version.lower().split()))


def detect_version(root: etree._Element, schema_version: str | None) -> DetectedVersion:
    """Decide the version; inferred from namespaces when ``schemaversion`` is absent or unknown."""
    declared = version_from_text(schema_version)
    if declared is not None:
        return DetectedVersion(declared, False, f"schemaversion {schema_version!r}")
    namespaces = _namespaces_used(root)
    version = _infer(root, namespaces)
    why = ("no <schemaversion>" if schema_version is None
           else f"unknown <schemaversion> {schema_version!r}")
    return DetectedVersion(version, True, f"{why}; inferred {version.value} from the namespaces")


def _namespaces_used(root: etree._Element) -> set[str]:
    used = set(root.nsmap.values())
    for element in root.iter(tag=etree.Element):
        namespace = namespace_of(element)
        if namespace:
            used.add(namespace)
    return used


def _infer(root: etree._Element, namespaces: set[str]) -> ScormVersion:
    if ADLCP_12 in namespaces:
        return ScormVersion.SCORM_12
    families = {family_of(ns) for ns in namespaces}
    is_2004 = (ADLCP_2004 in namespaces or namespaces & _NS_2004
               or families & {Family.IMSSS, Family.ADLSEQ, Family.ADLNAV})
    if not is_2004:
        return ScormVersion.SCORM_12
    if _uses_4th_edition_features(root):
        return ScormVersion.SCORM_2004_4TH
    return ScormVersion.SCORM_2004_3RD


def _uses_4th_edition_features(root: etree._Element) -> bool:
    for element in root.iter(tag=etree.Element):
        name = local_name(element)
        family = family_of(namespace_of(element))
        if family is Family.ADLSEQ and name == "objectives":
            return True
        if name == "completionThreshold" and element.attrib:
            return True
    return False
