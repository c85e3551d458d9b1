"""Read sequencing objectives: ``imsss:objectives`` and the 4th-edition ``adlseq:objectives``."""
from __future__ import annotations

import dataclasses
from urllib.parse import unquote

from lxml import etree

from scorm.manifest import sequencing as sq
from scorm.manifest.reading import ReadContext
from scorm.manifest.xmltree import Family, attribute, children, first_child, text_of


def normalize_objective_id(raw: str | None) -> str | None:
    """Objective IDs are xs:anyURI: compare them percent-decoded with whitespace collapsed.

    ADL's OB-02 tests write the same ID as ``obj%201`` and ``  %20obj%20%201%20  ``.
    """
    if raw is None:
        return None
    return " ".join(unquote(raw).split()) or None


def read_objectives(ctx: ReadContext, el: etree._Element) -> sq.Objectives:
    """``imsss:objectives``: the primary objective and the others, with their mapInfo."""
    primary_el = first_child(el, Family.IMSSS, "primaryObjective")
    primary = _objective(ctx, primary_el, True) if primary_el is not None else None
    others = tuple(_objective(ctx, obj, False) for obj in children(el, Family.IMSSS, "objective"))
    return sq.Objectives(primary, others)


def _objective(ctx: ReadContext, el: etree._Element, is_primary: bool) -> sq.Objective:
    measure_el = first_child(el, Family.IMSSS, "minNormalizedMeasure")
    measure = 1.0
    if measure_el is not None:
        measure = ctx.number_text(measure_el, "minNormalizedMeasure", text_of(measure_el) or "",
                                  1.0) or 0.0
    return sq.Objective(
        objective_id=normalize_objective_id(attribute(el, "objectiveID")),
        is_primary=is_primary,
        satisfied_by_measure=ctx.boolean(el, "satisfiedByMeasure", False),
        min_normalized_measure=measure,
        map_info=tuple(_map_info(ctx, info) for info in children(el, Family.IMSSS, "mapInfo")),
    )


def _map_info(ctx: ReadContext, el: etree._Element) -> sq.MapInfo:
    return sq.MapInfo(
        target_objective_id=normalize_objective_id(attribute(el, "targetObjectiveID")) or "",
        read_satisfied_status=ctx.boolean(el, "readSatisfiedStatus", True),
        read_normalized_measure=ctx.boolean(el, "readNormalizedMeasure", True),
        write_satisfied_status=ctx.boolean(el, "writeSatisfiedStatus", False),
        write_normalized_measure=ctx.boolean(el, "writeNormalizedMeasure", False),
    )


ExtendedMaps = dict[str, tuple[sq.ExtendedMapInfo, ...]]


def read_extended_map_info(ctx: ReadContext, el: etree._Element) -> ExtendedMaps:
    """4th-edition ``adlseq:objectives``: objective ID -> its ``adlseq:mapInfo`` entries."""
    extended: dict[str, list[sq.ExtendedMapInfo]] = {}
    for obj_el in children(el, Family.ADLSEQ, "objective"):
        objective_id = normalize_objective_id(attribute(obj_el, "objectiveID")) or ""
        infos = [_extended_map_info(ctx, info)
                 for info in children(obj_el, Family.ADLSEQ, "mapInfo")]
        extended.setdefault(objective_id, []).extend(infos)
    return {objective_id: tuple(infos) for objective_id, infos in extended.items()}


def with_extended_map_info(objectives: sq.Objectives, extended: ExtendedMaps) -> sq.Objectives:
    """The objectives with the extended mapInfo of the same objective ID attached."""
    def attach(obj: sq.Objective | None) -> sq.Objective | None:
        if obj is None or obj.objective_id not in extended:
            return obj
        return dataclasses.replace(obj, extended_map_info=extended[obj.objective_id])

    return sq.Objectives(attach(objectives.primary),
                         tuple(attach(obj) for obj in objectives.others))


def _extended_map_info(ctx: ReadContext, el: etree._Element) -> sq.ExtendedMapInfo:
    flags = {}
    for direction, default in (("read", True), ("write", False)):
        for what in ("RawScore", "MinScore", "MaxScore", "CompletionStatus", "ProgressMeasure"):
            field_name = f"{direction}_{_snake(what)}"
            flags[field_name] = ctx.boolean(el, f"{direction}{what}", default)
    target = normalize_objective_id(attribute(el, "targetObjectiveID")) or ""
    return sq.ExtendedMapInfo(target, **flags)


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")
