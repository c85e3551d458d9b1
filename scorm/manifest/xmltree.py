"""Hardened XML parsing and the namespace-aware helpers the manifest readers share.

The parser never resolves entities, never loads a DTD and never touches the network. A manifest
carrying a DOCTYPE at all is refused: no real SCORM manifest needs one, and every entity attack
(XXE, billion laughs) starts there.
"""
from __future__ import annotations

import codecs
import re
from enum import Enum
from functools import lru_cache
from typing import Iterator

from lxml import etree

from scorm.manifest.errors import (
    ManifestForbiddenXmlError,
    ManifestSyntaxError,
    ManifestTooLargeError,
)

DEFAULT_MAX_MANIFEST_BYTES = 8 * 1024 * 1024
XML_NS = "http://www.w3.org/XML/1998/namespace"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
XML_BASE = f"{{{XML_NS}}}base"


class Family(Enum):
    """The vocabulary a namespace belongs to, whatever spelling of it a package used."""

    CP = "imscp"
    ADLCP = "adlcp"
    ADLSEQ = "adlseq"
    ADLNAV = "adlnav"
    IMSSS = "imsss"
    LOM = "lom"
    OTHER = "other"


KNOWN_NAMESPACES: dict[str, Family] = {
    "http://www.imsproject.org/xsd/imscp_rootv1p1p2": Family.CP,
    "http://www.imsglobal.org/xsd/imscp_v1p1": Family.CP,
    "http://www.adlnet.org/xsd/adlcp_rootv1p2": Family.ADLCP,
    "http://www.adlnet.org/xsd/adlcp_v1p3": Family.ADLCP,
    "http://www.adlnet.org/xsd/adlseq_v1p3": Family.ADLSEQ,
    "http://www.adlnet.org/xsd/adlnav_v1p3": Family.ADLNAV,
    "http://www.imsglobal.org/xsd/imsss": Family.IMSSS,
    "http://ltsc.ieee.org/xsd/LOM": Family.LOM,
    "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1": Family.LOM,
    "http://www.imsproject.org/xsd/imsmd_rootv1p2p1": Family.LOM,
    "http://www.imsglobal.org/xsd/imsmd_v1p2": Family.LOM,
}
_FAMILY_PREFIXES = (
    ("http://www.adlnet.org/xsd/adlcp", Family.ADLCP),
    ("http://www.adlnet.org/xsd/adlseq", Family.ADLSEQ),
    ("http://www.adlnet.org/xsd/adlnav", Family.ADLNAV),
    ("http://www.imsglobal.org/xsd/imsss", Family.IMSSS),
    ("http://www.imsglobal.org/xsd/imscp", Family.CP),
    ("http://www.imsproject.org/xsd/imscp", Family.CP),
)


@lru_cache(maxsize=256)  # a manifest uses a handful of namespaces, on every element
def family_of(namespace: str | None) -> Family:
    """Classify a namespace URI, accepting near-miss spellings of the ADL/IMS ones."""
    if not namespace:
        return Family.OTHER
    if namespace in KNOWN_NAMESPACES:
        return KNOWN_NAMESPACES[namespace]
    for prefix, family in _FAMILY_PREFIXES:
        if namespace.startswith(prefix):
            return family
    return Family.OTHER


def is_near_miss_namespace(namespace: str) -> bool:
    """True for a misspelt or made-up variant of an ADL/IMS namespace (read, but flagged)."""
    return namespace not in KNOWN_NAMESPACES and family_of(namespace) is not Family.OTHER


def _hardened_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        huge_tree=False,
        remove_pis=True,
    )


def parse_xml(data: bytes, *, max_bytes: int = DEFAULT_MAX_MANIFEST_BYTES,
              name: str = "imsmanifest.xml") -> etree._ElementTree:
    """Parse untrusted XML bytes safely.

    Raises ManifestTooLargeError, ManifestSyntaxError or ManifestForbiddenXmlError.
    """
    if len(data) > max_bytes:
        raise ManifestTooLargeError(
            f"{name} is {len(data):,} bytes, over the {max_bytes:,}-byte limit; it was not parsed")
    if _declares_doctype(data):
        raise ManifestForbiddenXmlError(
            f"{name} declares a DOCTYPE; DTDs and entities are refused in manifests", line=1)
    try:
        tree = etree.ElementTree(etree.fromstring(data, _hardened_parser()))
    except etree.XMLSyntaxError as exc:
        raise ManifestSyntaxError(f"{name} is not well-formed XML: {exc.msg}",
                                  line=exc.lineno) from None
    _refuse_dtd(tree, name)
    return tree


_PROLOG_DOCTYPE = re.compile(r"\s*(?:<\?.*?\?>\s*|<!--.*?-->\s*)*<!DOCTYPE", re.S)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))


def _declares_doctype(data: bytes) -> bool:
    """Look for a DOCTYPE in the prolog before parsing, so no entity is ever even counted."""
    head = data[:65536]
    text = head.decode("latin-1")
    for bom, codec in _BOMS:
        if head.startswith(bom):
            text = head[len(bom):].decode(codec, errors="ignore")
            break
    return _PROLOG_DOCTYPE.match(text) is not None


def _refuse_dtd(tree: etree._ElementTree, name: str) -> None:
    docinfo = tree.docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise ManifestForbiddenXmlError(
            f"{name} declares a DOCTYPE; DTDs and entities are refused in manifests", line=1)
    for node in tree.getroot().iter(etree.Entity):
        raise ManifestForbiddenXmlError(
            f"{name} uses the entity {node.text!r}; entities are refused in manifests",
            line=node.sourceline)


def xsd_parser() -> etree.XMLParser:
    """A parser for schema files carried by a package: same hardening, DOCTYPE tolerated."""
    return _hardened_parser()


def split_name(name: str) -> tuple[str | None, str]:
    """(namespace or None, local name) of a Clark-notation name such as ``{uri}item``."""
    # Plain string slicing: building an etree.QName per element and attribute was a large share
    # of the time spent reading a big manifest.
    if name[:1] != "{":
        return None, name
    end = name.find("}")
    return name[1:end] or None, name[end + 1:]


def local_name(element: etree._Element) -> str:
    return split_name(element.tag)[1]


def namespace_of(element: etree._Element) -> str | None:
    return split_name(element.tag)[0]


def child_elements(element: etree._Element) -> Iterator[etree._Element]:
    """Element children only (comments and processing instructions skipped)."""
    return element.iterchildren(etree.Element)


@lru_cache(maxsize=64)
def _lowered(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(name.lower() for name in names)


def children(element: etree._Element, family: Family, *names: str) -> list[etree._Element]:
    """Children of ``family`` whose local name matches one of ``names`` case-insensitively."""
    # Called several times for every element of the manifest: kept to plain string work.
    wanted = _lowered(names)
    found = []
    for child in element.iterchildren(etree.Element):
        namespace, name = split_name(child.tag)
        if name.lower() in wanted and family_of(namespace) is family:
            found.append(child)
    return found


def first_child(element: etree._Element, family: Family, *names: str) -> etree._Element | None:
    found = children(element, family, *names)
    return found[0] if found else None


def attribute(element: etree._Element, name: str, family: Family | None = None) -> str | None:
    """An attribute by local name (case-insensitive); unqualified when ``family`` is None."""
    wanted = name.lower()
    for key, value in element.attrib.items():
        namespace, local = split_name(key)
        if local.lower() != wanted:
            continue
        if family is None and namespace is None:
            return value
        if family is not None and family_of(namespace) is family:
            return value
    return None


def attribute_spelling(element: etree._Element, name: str, family: Family) -> str | None:
    """The local name exactly as the package spelled a family attribute (to check its case)."""
    for key in element.attrib:
        namespace, local = split_name(key)
        if local.lower() == name.lower() and family_of(namespace) is family:
            return local
    return None


def text_of(element: etree._Element | None) -> str | None:
    """The element's text with surrounding whitespace removed, or None when absent."""
    if element is None:
        return None
    return "".join(element.itertext()).strip()


def element_path(element: etree._Element) -> str:
    """A readable path such as ``/manifest/organizations/organization[@identifier='o1']``.

    Steps without an identifier carry no position index: counting siblings would make paths
    quadratic on a hostile manifest with many siblings, and the line number already locates them.
    """
    steps = []
    node: etree._Element | None = element
    while node is not None:
        step = local_name(node)
        identifier = node.get("identifier")
        if identifier is not None:
            step += f"[@identifier='{identifier.strip()}']"
        steps.append(step)
        node = node.getparent()
    return "/" + "/".join(reversed(steps))
