"""Read ``<organizations>``: each organization and its item tree."""
from __future__ import annotations

from lxml import etree

from scorm.manifest.model import (
    CompletionThreshold,
    Item,
    Organization,
    Presentation,
    SharedDataMap,
    TimeLimitAction,
)
from scorm.manifest.notes import NoteKind
from scorm.manifest.read_sequencing import Parts, build_definition, read_sequencing_parts
from scorm.manifest.reading import ReadContext, source_of
from scorm.manifest.xmltree import Family, attribute, children, first_child, local_name, text_of

# adlcp item elements: (lower-case name, 1.2 spelling, 2004 spelling); None = not in that version
_ADLCP_ITEM_ELEMENTS = {
    "masteryscore": ("masteryscore", None),
    "prerequisites": ("prerequisites", None),
    "maxtimeallowed": ("maxtimeallowed", None),
    "timelimitaction": ("timelimitaction", "timeLimitAction"),
    "datafromlms": ("datafromlms", "dataFromLMS"),
    "completionthreshold": (None, "completionThreshold"),
}


def read_organizations(ctx: ReadContext, organizations_el: etree._Element | None,
                       collection: dict[str, Parts]) -> tuple[Organization, ...]:
    """Every ``<organization>`` in document order."""
    if organizations_el is None:
        return ()
    return tuple(_organization(ctx, org_el, collection)
                 for org_el in children(organizations_el, Family.CP, "organization"))


def _organization(ctx: ReadContext, el: etree._Element,
                  collection: dict[str, Parts]) -> Organization:
    identifier = _identifier(ctx, el, "organization")
    sequencing, idref = _sequencing(ctx, el, collection)
    return Organization(
        identifier=identifier,
        title=_title(ctx, el, identifier),
        source=source_of(el),
        items=tuple(_item(ctx, item_el, collection)
                    for item_el in children(el, Family.CP, "item")),
        structure=(el.get("structure") or "hierarchical").strip(),
        objectives_global_to_system=ctx.boolean(el, "objectivesGlobalToSystem", True,
                                                Family.ADLSEQ),
        shared_data_global_to_system=ctx.boolean(el, "sharedDataGlobalToSystem", True,
                                                 Family.ADLCP),
        sequencing=sequencing,
        sequencing_idref=idref,
    )


def _identifier(ctx: ReadContext, el: etree._Element, what: str) -> str:
    identifier = (el.get("identifier") or "").strip()
    if not identifier:
        ctx.note(NoteKind.IDENTIFIER_MISSING, el, f"<{what}> has no identifier attribute")
    return identifier


def _title(ctx: ReadContext, el: etree._Element, fallback: str) -> str:
    title = text_of(first_child(el, Family.CP, "title"))
    if not title:
        ctx.note(NoteKind.TITLE_MISSING, el,
                 f"<{local_name(el)}> has no <title>; showing {fallback!r} instead")
        return fallback
    return title


def _item(ctx: ReadContext, el: etree._Element, collection: dict[str, Parts]) -> Item:
    identifier = _identifier(ctx, el, "item")
    adlcp = _adlcp_item_elements(ctx, el)
    sequencing, idref = _sequencing(ctx, el, collection)
    identifierref = (el.get("identifierref") or "").strip() or None
    parameters = el.get("parameters")
    return Item(
        identifier=identifier,
        title=_title(ctx, el, identifier),
        source=source_of(el),
        identifierref=identifierref,
        is_visible=ctx.boolean(el, "isvisible", True),
        parameters=parameters.strip() if parameters and parameters.strip() else None,
        children=tuple(_item(ctx, child, collection)
                       for child in children(el, Family.CP, "item")),
        mastery_score=_mastery_score(ctx, adlcp.get("masteryscore")),
        prerequisites=text_of(adlcp.get("prerequisites")),
        prerequisites_type=_attr(adlcp.get("prerequisites"), "type"),
        max_time_allowed=text_of(adlcp.get("maxtimeallowed")),
        data_from_lms=_raw_text(adlcp.get("datafromlms")),
        time_limit_action=_time_limit_action(ctx, adlcp.get("timelimitaction")),
        completion_threshold=_completion_threshold(ctx, adlcp.get("completionthreshold")),
        presentation=_presentation(ctx, el),
        shared_data=_shared_data_maps(ctx, el),
        sequencing=sequencing,
        sequencing_idref=idref,
    )


def _adlcp_item_elements(ctx: ReadContext, el: etree._Element) -> dict[str, etree._Element]:
    """The adlcp children this version uses; misuse across versions is noted (and dropped)."""
    found: dict[str, etree._Element] = {}
    for child in children(el, Family.ADLCP, *_ADLCP_ITEM_ELEMENTS):
        key = local_name(child).lower()
        spelling_12, spelling_2004 = _ADLCP_ITEM_ELEMENTS[key]
        expected = spelling_2004 if ctx.is_2004 else spelling_12
        version = "2004" if ctx.is_2004 else "1.2"
        if expected is None:
            ctx.note(NoteKind.ELEMENT_VERSION_MISMATCH, child,
                     f"adlcp:{local_name(child)} is not a SCORM {version} element; ignored")
            continue
        if local_name(child) != expected:
            ctx.note(NoteKind.ELEMENT_VERSION_MISMATCH, child,
                     f"adlcp:{local_name(child)} is spelt adlcp:{expected} in SCORM {version}; "
                     "read anyway")
        found.setdefault(key, child)
    return found


def _attr(el: etree._Element | None, name: str) -> str | None:
    value = el.get(name) if el is not None else None
    return value.strip() if value else None


def _raw_text(el: etree._Element | None) -> str | None:
    # launch data is handed to the SCO byte for byte: only the XML layout whitespace goes
    return None if el is None else "".join(el.itertext()).strip()


def _mastery_score(ctx: ReadContext, el: etree._Element | None) -> float | None:
    if el is None:
        return None
    value = ctx.number_text(el, "masteryscore", text_of(el) or "", None)
    if value is not None and not 0 <= value <= 100:
        ctx.note(NoteKind.VALUE_INVALID, el, f"masteryscore {value} is outside 0..100; ignored")
        return None
    return value


def _time_limit_action(ctx: ReadContext, el: etree._Element | None) -> TimeLimitAction | None:
    if el is None:
        return None
    raw = " ".join((text_of(el) or "").lower().replace(", ", ",").split())
    return ctx.choice_text(el, local_name(el), raw, TimeLimitAction, None, NoteKind.VALUE_INVALID)


def _completion_threshold(ctx: ReadContext, el: etree._Element | None,
                          ) -> CompletionThreshold | None:
    if el is None:
        return None
    text = text_of(el)
    if not el.attrib and text:
        # 3rd edition form: the text is the minimum progress measure
        value = ctx.number_text(el, "completionThreshold", text, 1.0)
        return CompletionThreshold(True, 1.0 if value is None else value)
    if el.attrib and not ctx.is_4th_edition:
        ctx.note(NoteKind.ELEMENT_VERSION_MISMATCH, el,
                 "completionThreshold attributes are a SCORM 2004 4th edition feature; read anyway")
    return CompletionThreshold(
        completed_by_measure=ctx.boolean(el, "completedByMeasure", False),
        min_progress_measure=ctx.number(el, "minProgressMeasure", 1.0) or 0.0,
        progress_weight=ctx.number(el, "progressWeight", 1.0) or 0.0,
    )


def _presentation(ctx: ReadContext, el: etree._Element) -> Presentation | None:
    presentation = first_child(el, Family.ADLNAV, "presentation")
    if presentation is None:
        return None
    if not ctx.is_2004:
        ctx.note(NoteKind.ELEMENT_VERSION_MISMATCH, presentation,
                 "adlnav:presentation is a SCORM 2004 element; ignored in a 1.2 package")
        return None
    hidden = [text_of(hide) or ""
              for nav in children(presentation, Family.ADLNAV, "navigationInterface")
              for hide in children(nav, Family.ADLNAV, "hideLMSUI")]
    return Presentation(tuple(value for value in hidden if value))


def _shared_data_maps(ctx: ReadContext, el: etree._Element) -> tuple[SharedDataMap, ...]:
    # read in a 1.2 package too: the validator reports it there, and the player ignores it
    return tuple(
        SharedDataMap((attribute(map_el, "targetID") or "").strip(),
                      ctx.boolean(map_el, "readSharedData", True),
                      ctx.boolean(map_el, "writeSharedData", True), source_of(map_el))
        for data_el in children(el, Family.ADLCP, "data")
        for map_el in children(data_el, Family.ADLCP, "map"))


def _sequencing(ctx: ReadContext, el: etree._Element, collection: dict[str, Parts]):
    """(effective definition, IDRef) of an organization or item; (None, None) without one."""
    seq_el = first_child(el, Family.IMSSS, "sequencing")
    if seq_el is None:
        return None, None
    if not ctx.is_2004:
        ctx.note(NoteKind.ELEMENT_VERSION_MISMATCH, seq_el,
                 "imsss:sequencing is a SCORM 2004 element; ignored in a 1.2 package")
        return None, None
    idref = (attribute(seq_el, "IDRef") or "").strip() or None
    local = read_sequencing_parts(ctx, seq_el)
    return build_definition(collection.get(idref or "", {}), local), idref
