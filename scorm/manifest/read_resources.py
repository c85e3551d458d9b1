"""Read ``<metadata>`` and ``<resources>``."""
from __future__ import annotations

from lxml import etree

from scorm.manifest.hrefs import resolve_reference
from scorm.manifest.model import Dependency, Metadata, PackageFile, Resource, ScormType
from scorm.manifest.notes import NoteKind
from scorm.manifest.reading import ReadContext, source_of
from scorm.manifest.xmltree import (
    XML_BASE,
    Family,
    attribute,
    attribute_spelling,
    children,
    first_child,
    text_of,
)


def read_metadata(root: etree._Element) -> Metadata:
    """Schema, version, external location and the inline LOM general fields."""
    el = first_child(root, Family.CP, "metadata")
    if el is None:
        return Metadata()
    general = None
    location = first_child(el, Family.ADLCP, "location")
    lom = first_child(el, Family.LOM, "lom", "record")
    if lom is not None:
        general = first_child(lom, Family.LOM, "general")
    return Metadata(
        schema=text_of(first_child(el, Family.CP, "schema")),
        schema_version=text_of(first_child(el, Family.CP, "schemaversion")),
        title=_lang_string(general, "title"),
        description=_lang_string(general, "description"),
        language=text_of(first_child(general, Family.LOM, "language")) if general is not None
        else None,
        keywords=_keywords(general),
        location=text_of(location) or None,
        location_source=source_of(location) if location is not None else None,
    )


def _lang_string(general: etree._Element | None, name: str) -> str | None:
    if general is None:
        return None
    holder = first_child(general, Family.LOM, name)
    if holder is None:
        return None
    strings = children(holder, Family.LOM, "string", "langstring")
    return text_of(strings[0]) if strings else text_of(holder)


def _keywords(general: etree._Element | None) -> tuple[str, ...]:
    if general is None:
        return ()
    words = []
    for keyword in children(general, Family.LOM, "keyword"):
        strings = children(keyword, Family.LOM, "string", "langstring") or [keyword]
        words.extend(text for s in strings if (text := text_of(s)))
    return tuple(words)


def read_resources(ctx: ReadContext, root: etree._Element,
                   resources_el: etree._Element | None) -> tuple[Resource, ...]:
    """Every ``<resource>`` with its files and dependencies, ``xml:base`` levels kept."""
    if resources_el is None:
        return ()
    bases = (root.get(XML_BASE) or "", resources_el.get(XML_BASE) or "")
    return tuple(_resource(ctx, el, bases)
                 for el in children(resources_el, Family.CP, "resource"))


def _resource(ctx: ReadContext, el: etree._Element, outer_bases: tuple[str, str]) -> Resource:
    identifier = (el.get("identifier") or "").strip()
    if not identifier:
        ctx.note(NoteKind.IDENTIFIER_MISSING, el, "<resource> has no identifier attribute")
    bases = outer_bases + (el.get(XML_BASE) or "",)
    return Resource(
        identifier=identifier,
        type=(el.get("type") or "").strip(),
        scorm_type=_scorm_type(ctx, el),
        source=source_of(el),
        href=el.get("href"),
        xml_bases=tuple(base for base in bases if base.strip()),
        files=tuple(_file(f, bases) for f in children(el, Family.CP, "file")),
        dependencies=tuple(
            Dependency((dep.get("identifierref") or "").strip(), source_of(dep))
            for dep in children(el, Family.CP, "dependency")),
    )


def _scorm_type(ctx: ReadContext, el: etree._Element) -> ScormType:
    raw = attribute(el, "scormType", Family.ADLCP)
    if raw is None:
        ctx.note(NoteKind.SCORMTYPE_MISSING, el,
                 "<resource> has no adlcp:scormType; treated as an asset")
        return ScormType.ASSET
    expected = "scormType" if ctx.is_2004 else "scormtype"
    spelt = attribute_spelling(el, "scormType", Family.ADLCP)
    if spelt != expected:
        ctx.note(NoteKind.ELEMENT_VERSION_MISMATCH, el,
                 f"adlcp:{spelt} is spelt adlcp:{expected} in this SCORM version; read anyway")
    for member in ScormType:
        if member.value == raw.strip().lower():
            return member
    ctx.note(NoteKind.VALUE_INVALID, el, f"adlcp:scormType={raw!r} is neither sco nor asset; "
             "treated as an asset")
    return ScormType.ASSET


def _file(el: etree._Element, bases: tuple[str, ...]) -> PackageFile:
    href = el.get("href") or ""
    reference = resolve_reference(*bases, el.get(XML_BASE) or "", href) if href.strip() else None
    path = reference.path if reference is not None and reference.is_local else None
    return PackageFile(href=href, path=path, source=source_of(el))

