"""Validate the manifest against the XSDs the package itself carries.

Only package files are ever read (through the caller's ``read``); the XML namespace schema,
which packages usually point at on w3.org or ship in a form libxml2 rejects, is replaced by a
small built-in one. Schemas are untrusted input too: they are parsed with the hardened parser,
and one with an enormous occurrence bound (an automaton bomb) is not compiled.
"""
from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable, Collection
from xml.sax.saxutils import quoteattr

from lxml import etree

from scorm.manifest import Manifest, resolve_reference
from scorm.manifest.xmltree import KNOWN_NAMESPACES, Family, family_of, xsd_parser
from scorm.validate.findings import MANIFEST_NAME, Finding, FindingCode, Location, Severity

_BASE = "pkg:///"
_MAX_XSD_BYTES = 1024 * 1024
_MAX_REPORTED = 20
_CACHE_SIZE = 16
_VALIDATED = {Family.CP, Family.ADLCP, Family.ADLSEQ, Family.ADLNAV, Family.IMSSS, Family.LOM}
_XML_NAMESPACE_FILES = {"xml.xsd", "ims_xml.xsd"}
_OCCURS_BOMB = re.compile(rb"(?:max|min)Occurs\s*=\s*[\"']\s*0*\d{4,}")
_EMPTY_SCHEMA = b'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"/>'
_XML_NAMESPACE_SCHEMA = b"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
    targetNamespace="http://www.w3.org/XML/1998/namespace">
  <xs:attribute name="lang" type="xs:language"/>
  <xs:attribute name="base" type="xs:anyURI"/>
  <xs:attribute name="id" type="xs:ID"/>
  <xs:attribute name="space">
    <xs:simpleType>
      <xs:restriction base="xs:NCName">
        <xs:enumeration value="default"/>
        <xs:enumeration value="preserve"/>
      </xs:restriction>
    </xs:simpleType>
  </xs:attribute>
  <xs:attributeGroup name="specialAttrs">
    <xs:attribute ref="xml:base"/>
    <xs:attribute ref="xml:lang"/>
    <xs:attribute ref="xml:space"/>
  </xs:attributeGroup>
</xs:schema>"""
_compiled: dict[tuple, etree.XMLSchema] = {}
# compiled schemas are shared between calls; lxml validators are not safe to run concurrently
_lock = threading.Lock()


class _PackageResolver(etree.Resolver):
    """Serve schema includes/imports from the package only; never the disk or the network."""

    def __init__(self, files: Collection[str], read: Callable[[str], bytes]) -> None:
        super().__init__()
        self._files = set(files)
        self._read = read

    def resolve(self, url, pubid, context):  # noqa: D102 - lxml's Resolver interface
        name = url[len(_BASE):] if url.startswith(_BASE) else url
        if name.rsplit("/", 1)[-1] in _XML_NAMESPACE_FILES:
            return self.resolve_string(_XML_NAMESPACE_SCHEMA, context, base_url=url)
        reference = resolve_reference(name)
        data = _EMPTY_SCHEMA
        if reference.is_local and reference.path in self._files:
            data = self._read(reference.path)
            if len(data) > _MAX_XSD_BYTES or _OCCURS_BOMB.search(data):
                data = b"<refused/>"
        return self.resolve_string(data, context, base_url=_BASE + (reference.path or ""))


def check_against_xsds(tree: etree._ElementTree, manifest: Manifest, files: Collection[str],
                       read: Callable[[str], bytes]) -> list[Finding]:
    """XSD findings; nothing when the package carries no schema for its manifest."""
    imports = _carried_imports(manifest, files)
    if not any(family_of(ns) is Family.CP for ns, _ in imports):
        return []
    try:
        errors = _validate(tree, imports, files, read)
    except (etree.XMLSchemaParseError, etree.XMLSyntaxError, OSError, KeyError) as exc:
        return [Finding(
            FindingCode.XSD_UNUSABLE, Severity.INFO,
            f"the XSDs the package carries could not be compiled ({_first_line(exc)}); "
            "the manifest was checked without them",
            "Ship the unmodified SCORM schema files, or none.", Location())]
    return _schema_findings(errors)


def _validate(tree: etree._ElementTree, imports: list[tuple[str, str]],
              files: Collection[str], read: Callable[[str], bytes]) -> list:
    """Schema errors of the manifest; metadata schemas are dropped if they do not compile.

    The SCORM 1.2 metadata schema (imsmd_rootv1p2p1) is not deterministic, which libxml2
    refuses; the manifest is then checked without it, and complaints about metadata elements
    it would have described are not reported.
    """
    without_metadata = [(ns, path) for ns, path in imports if family_of(ns) is not Family.LOM]
    with _lock:
        try:
            schema, is_partial = _schema(imports, files, read), False
        except etree.XMLSchemaParseError:
            if without_metadata == imports:
                raise
            schema, is_partial = _schema(without_metadata, files, read), True
        if schema.validate(tree):
            return []
        errors = list(schema.error_log)
    if not is_partial:
        return errors
    return [error for error in errors if not _is_about_metadata(error.message)]


def _is_about_metadata(message: str) -> bool:
    return any(f"{{{ns}}}" in message for ns, family in KNOWN_NAMESPACES.items()
               if family is Family.LOM)


def _carried_imports(manifest: Manifest, files: Collection[str]) -> list[tuple[str, str]]:
    present = set(files)
    found = []
    for namespace, location in manifest.schema_locations:
        reference = resolve_reference(location)
        if (family_of(namespace) in _VALIDATED and reference.is_local
                and reference.path in present):
            found.append((namespace, reference.path or ""))
    return found


def _schema(imports: list[tuple[str, str]], files: Collection[str],
            read: Callable[[str], bytes]) -> etree.XMLSchema:
    driver = "".join(f"<xs:import namespace={quoteattr(ns)} schemaLocation="
                     f"{quoteattr(_BASE + path)}/>" for ns, path in imports)
    driver = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{driver}</xs:schema>'
    key = (driver, _xsd_fingerprint(files, read))
    if key not in _compiled:
        parser = xsd_parser()
        parser.resolvers.add(_PackageResolver(files, read))
        document = etree.fromstring(driver.encode(), parser, base_url=_BASE + "driver.xsd")
        if len(_compiled) >= _CACHE_SIZE:
            _compiled.pop(next(iter(_compiled)))
        _compiled[key] = etree.XMLSchema(document)
    return _compiled[key]


def _xsd_fingerprint(files: Collection[str], read: Callable[[str], bytes]) -> str:
    digest = hashlib.sha256()
    for name in sorted(name for name in files if name.lower().endswith(".xsd")):
        digest.update(name.encode() + b"\0" + hashlib.sha256(read(name)).digest())
    return digest.hexdigest()


def _schema_findings(errors: list) -> list[Finding]:
    findings = [Finding(
        FindingCode.XSD_INVALID, Severity.WARNING,
        f"does not match the package's own schema: {error.message}",
        "Correct the element or attribute as the SCORM schema describes; some LMSes refuse "
        "manifests their schema rejects.", Location(MANIFEST_NAME, error.line or None))
        for error in errors[:_MAX_REPORTED]]
    if len(errors) > _MAX_REPORTED:
        findings.append(Finding(
            FindingCode.XSD_INVALID, Severity.WARNING,
            f"{len(errors) - _MAX_REPORTED} more schema errors not listed",
            "Fix the errors above first.", Location()))
    return findings


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
