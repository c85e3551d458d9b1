"""``parse_manifest``: bytes in, typed :class:`Manifest` out."""
from __future__ import annotations

from lxml import etree

from scorm.manifest.errors import ManifestStructureError
from scorm.manifest.model import Manifest, ScormVersion
from scorm.manifest.notes import NoteKind
from scorm.manifest.read_items import read_organizations
from scorm.manifest.read_resources import read_metadata, read_resources
from scorm.manifest.read_sequencing import Parts, build_definition, read_sequencing_parts
from scorm.manifest.reading import ReadContext, source_of
from scorm.manifest.version import detect_version
from scorm.manifest.xmltree import (
    DEFAULT_MAX_MANIFEST_BYTES,
    XML_BASE,
    XSI_NS,
    Family,
    attribute,
    children,
    first_child,
    is_near_miss_namespace,
    local_name,
    parse_xml,
    split_name,
)


def parse_manifest(data: bytes, *, max_bytes: int = DEFAULT_MAX_MANIFEST_BYTES) -> Manifest:
    """Read an ``imsmanifest.xml`` into the typed model, tolerating what still works.

    Raises ManifestTooLargeError, ManifestSyntaxError, ManifestForbiddenXmlError (DOCTYPE or
    entities) or ManifestStructureError (the root is not a ``<manifest>``).
    """
    return read_manifest_tree(parse_xml(data, max_bytes=max_bytes))


def read_manifest_tree(tree: etree._ElementTree) -> Manifest:
    """Build the model from an already (safely) parsed tree. Raises ManifestStructureError."""
    root = tree.getroot()
    if local_name(root) != "manifest":
        raise ManifestStructureError(
            f"the root element is <{local_name(root)}>, not <manifest>", line=root.sourceline)
    metadata = read_metadata(root)
    detected = detect_version(root, metadata.schema_version)
    ctx = ReadContext(is_2004=detected.version.is_2004,
                      is_4th_edition=detected.version is ScormVersion.SCORM_2004_4TH)
    if detected.is_inferred:
        ctx.note(NoteKind.VERSION_INFERRED, root, detected.reason)
    _note_near_miss_namespaces(ctx, root)
    collection = _sequencing_collection(ctx, root)
    organizations_el = first_child(root, Family.CP, "organizations")
    default = organizations_el.get("default") if organizations_el is not None else None
    return Manifest(
        identifier=(root.get("identifier") or "").strip(),
        version=detected.version,
        version_inferred=detected.is_inferred,
        source=source_of(root),
        metadata=metadata,
        organizations=read_organizations(ctx, organizations_el, collection),
        default_organization=default.strip() if default and default.strip() else None,
        resources=read_resources(ctx, root, first_child(root, Family.CP, "resources")),
        sequencing_collection={key: build_definition(parts) for key, parts in collection.items()},
        xml_base=root.get(XML_BASE) or "",
        schema_locations=_schema_locations(root),
        notes=tuple(ctx.notes),
    )


def _sequencing_collection(ctx: ReadContext, root: etree._Element) -> dict[str, Parts]:
    collection_el = first_child(root, Family.IMSSS, "sequencingCollection")
    if collection_el is None:
        return {}
    if not ctx.is_2004:
        ctx.note(NoteKind.ELEMENT_VERSION_MISMATCH, collection_el,
                 "imsss:sequencingCollection is a SCORM 2004 element; ignored in a 1.2 package")
        return {}
    found: dict[str, Parts] = {}
    for seq_el in children(collection_el, Family.IMSSS, "sequencing"):
        key = (attribute(seq_el, "ID") or "").strip()
        if not key:
            ctx.note(NoteKind.IDENTIFIER_MISSING, seq_el,
                     "a sequencingCollection <sequencing> has no ID; no item can use it")
            continue
        found[key] = read_sequencing_parts(ctx, seq_el)
    return found


def _note_near_miss_namespaces(ctx: ReadContext, root: etree._Element) -> None:
    judged: set[str | None] = {None}  # each namespace is noted once, where it first appears
    for element in root.iter(tag=etree.Element):
        for name in (element.tag, *element.keys()):
            namespace = split_name(name)[0]
            if namespace in judged:
                continue
            judged.add(namespace)
            if is_near_miss_namespace(namespace):
                ctx.note(NoteKind.NAMESPACE_NONSTANDARD, element,
                         f"namespace {namespace!r} is not a SCORM namespace; read as its "
                         "closest SCORM vocabulary")


def _schema_locations(root: etree._Element) -> tuple[tuple[str, str], ...]:
    words = (root.get(f"{{{XSI_NS}}}schemaLocation") or "").split()
    return tuple(zip(words[::2], words[1::2]))
