"""Write ``imsmanifest.xml`` for SCORM 1.2 or SCORM 2004 4th Edition, with inline metadata.

One organization: one item per lesson, then the assessment item (per-lesson build), or one item
for the whole module (single-unit build). Each SCO resource lists its page
and images and depends on one shared asset resource (runtime script and style sheet).

* 1.2: IMS MD 1.2.1 ``lom`` metadata; the assessment item carries ``adlcp:masteryscore``.
* 2004: IEEE LOM metadata; the assessment's primary objective is satisfied by measure against
  ``imsss:minNormalizedMeasure`` (mastery / 100); rollup rules express the completion rule
  (lessons never count towards satisfaction; see :func:`_rollup_for`).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from lxml import etree

from ..source.model import CompletionRule, ModuleEdition

CP12 = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP12 = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP = "http://www.adlnet.org/xsd/adlcp_v1p3"
ADLSEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
ADLNAV = "http://www.adlnet.org/xsd/adlnav_v1p3"
IMSSS = "http://www.imsglobal.org/xsd/imsss"
LOM = "http://ltsc.ieee.org/xsd/LOM"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CATALOG = "lms-bridge"
SHARED_RESOURCE = "res-shared"


@dataclass(frozen=True)
class ScoEntry:
    """One SCO of the package: its item/resource key, title, launch page and images."""

    key: str
    title: str
    href: str
    images: tuple[str, ...]
    is_assessment: bool = False
    is_whole_module: bool = False  # the single-unit build's one SCO: lessons and assessment

    def mastery_score(self, edition: ModuleEdition) -> float | None:
        """The pass mark this SCO carries: the module's, on the SCO that holds a graded test."""
        graded = edition.assessment is not None and edition.assessment.is_graded
        holds_test = self.is_assessment or (self.is_whole_module and graded)
        return edition.mastery_score if holds_test else None


def render_manifest(edition: ModuleEdition, scorm_version: str, scos: list[ScoEntry],
                    shared_files: tuple[str, ...]) -> bytes:
    """The bytes of imsmanifest.xml for ``scorm_version`` ("1.2" or "2004")."""
    is_2004 = scorm_version == "2004"
    root = _manifest_root(edition, is_2004)
    cp = CP if is_2004 else CP12
    metadata = _sub(root, cp, "metadata")
    _sub(metadata, cp, "schema", "ADL SCORM")
    _sub(metadata, cp, "schemaversion", "2004 4th Edition" if is_2004 else "1.2")
    (_lom_2004 if is_2004 else _lom_12)(metadata, edition)
    organizations = _sub(root, cp, "organizations", default="org")
    organization = _sub(organizations, cp, "organization", identifier="org")
    if is_2004:
        organization.set(f"{{{ADLSEQ}}}objectivesGlobalToSystem", "false")
    _sub(organization, cp, "title", edition.title)
    for sco in scos:
        _item(organization, sco, edition, is_2004)
    if is_2004:
        _organization_sequencing(organization, edition.completion_rule)
    resources = _sub(root, cp, "resources")
    for sco in scos:
        _sco_resource(resources, sco, is_2004)
    shared = _sub(resources, cp, "resource", identifier=SHARED_RESOURCE, type="webcontent")
    shared.set(f"{{{ADLCP}}}scormType" if is_2004 else f"{{{ADLCP12}}}scormtype", "asset")
    for name in shared_files:
        _sub(shared, cp, "file", href=name)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _manifest_root(edition: ModuleEdition, is_2004: bool) -> etree._Element:
    if is_2004:
        nsmap = {None: CP, "adlcp": ADLCP, "adlseq": ADLSEQ, "adlnav": ADLNAV, "imsss": IMSSS,
                 "lom": LOM, "xsi": XSI}
        locations = [(CP, "imscp_v1p1.xsd"), (ADLCP, "adlcp_v1p3.xsd"),
                     (ADLSEQ, "adlseq_v1p3.xsd"), (ADLNAV, "adlnav_v1p3.xsd"),
                     (IMSSS, "imsss_v1p0.xsd"), (LOM, "lom.xsd")]
    else:
        nsmap = {None: CP12, "adlcp": ADLCP12, "imsmd": IMSMD, "xsi": XSI}
        locations = [(CP12, "imscp_rootv1p1p2.xsd"), (IMSMD, "imsmd_rootv1p2p1.xsd"),
                     (ADLCP12, "adlcp_rootv1p2.xsd")]
    root = etree.Element(f"{{{nsmap[None]}}}manifest", nsmap=nsmap)
    root.set("identifier", f"{edition.slug}.{edition.language}")
    root.set("version", edition.version)
    # Hints for validators; the schemas themselves are not shipped inside the package.
    root.set(f"{{{XSI}}}schemaLocation", " ".join(f"{ns} {xsd}" for ns, xsd in locations))
    return root


def _sub(parent: etree._Element, namespace: str, tag: str, text: str | None = None,
         **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{namespace}}}{tag}")
    for name, value in attributes.items():
        element.set(name, value)
    if text is not None:
        element.text = text
    return element


def _item(organization: etree._Element, sco: ScoEntry, edition: ModuleEdition,
          is_2004: bool) -> None:
    cp = CP if is_2004 else CP12
    item = _sub(organization, cp, "item", identifier=f"item-{sco.key}",
                identifierref=f"res-{sco.key}", isvisible="true")
    _sub(item, cp, "title", sco.title)
    mastery = sco.mastery_score(edition)
    if not is_2004:
        if mastery is not None:
            _sub(item, ADLCP12, "masteryscore", _number_text(Decimal(str(mastery))))
        return
    sequencing = _sub(item, IMSSS, "sequencing")
    _sub(sequencing, IMSSS, "rollupRules", **_rollup_for(sco, edition))
    if mastery is not None:
        objectives = _sub(sequencing, IMSSS, "objectives")
        primary = _sub(objectives, IMSSS, "primaryObjective", objectiveID=f"obj-{sco.key}",
                       satisfiedByMeasure="true")
        _sub(primary, IMSSS, "minNormalizedMeasure",
             _number_text(Decimal(str(mastery)) / 100))
    _sub(sequencing, IMSSS, "deliveryControls", completionSetByContent="true",
         objectiveSetByContent="true")


def _rollup_for(sco: ScoEntry, edition: ModuleEdition) -> dict[str, str]:
    """Which of satisfaction and completion an item passes up to the module.

    In a module that is passed by its assessment, lessons have no score, so they never count
    towards satisfaction (else "all satisfied" could never hold). In a module with nothing to
    pass, every item keeps counting: their satisfaction stays unknown, and so does the module's,
    whereas with no item counting the default rule "all children satisfied" would hold over none
    (SN RB.1.4) and report the module passed. Under Passed only the assessment counts towards
    completion too; an ungraded assessment counts towards completion only.
    """
    graded = sco.mastery_score(edition) is not None
    counts_for_satisfaction = graded or not edition.completion_rule.needs_passing
    counts_for_completion = sco.is_assessment or sco.is_whole_module or \
        edition.completion_rule is not CompletionRule.PASSED
    return {"rollupObjectiveSatisfied": "true" if counts_for_satisfaction else "false",
            "rollupProgressCompletion": "true" if counts_for_completion else "false"}


def _organization_sequencing(organization: etree._Element, rule: CompletionRule) -> None:
    sequencing = _sub(organization, IMSSS, "sequencing")
    _sub(sequencing, IMSSS, "controlMode", choice="true", flow="true")
    if rule is not CompletionRule.COMPLETED_OR_PASSED:
        return
    # Completed when every item is completed (the default rule, restated because defining any
    # completion rule replaces the defaults) or when the assessment is passed.
    rules = _sub(sequencing, IMSSS, "rollupRules")
    for child_set, condition, action in (("any", "completed", "incomplete"),
                                         ("all", "completed", "completed"),
                                         ("any", "satisfied", "completed")):
        rollup = _sub(rules, IMSSS, "rollupRule", childActivitySet=child_set)
        conditions = _sub(rollup, IMSSS, "rollupConditions")
        attributes = {"operator": "not"} if action == "incomplete" else {}
        _sub(conditions, IMSSS, "rollupCondition", condition=condition, **attributes)
        _sub(rollup, IMSSS, "rollupAction", action=action)


def _sco_resource(resources: etree._Element, sco: ScoEntry, is_2004: bool) -> None:
    cp = CP if is_2004 else CP12
    resource = _sub(resources, cp, "resource", identifier=f"res-{sco.key}", type="webcontent",
                    href=sco.href)
    resource.set(f"{{{ADLCP}}}scormType" if is_2004 else f"{{{ADLCP12}}}scormtype", "sco")
    for name in (sco.href, *sco.images):
        _sub(resource, cp, "file", href=name)
    _sub(resource, cp, "dependency", identifierref=SHARED_RESOURCE)


def _number_text(value: Decimal) -> str:
    return format(value.normalize(), "f")


def iso_duration(minutes: int) -> str:
    """ISO 8601 duration of a number of minutes, e.g. 90 -> PT1H30M."""
    hours, rest = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest or not hours else "")


def _lom_2004(metadata: etree._Element, edition: ModuleEdition) -> None:
    lom = _sub(metadata, LOM, "lom")
    general = _sub(lom, LOM, "general")
    identifier = _sub(general, LOM, "identifier")
    _sub(identifier, LOM, "catalog", CATALOG)
    _sub(identifier, LOM, "entry", edition.slug)
    _lang_string(_sub(general, LOM, "title"), edition.title, edition.language)
    _sub(general, LOM, "language", edition.language)
    _lang_string(_sub(general, LOM, "description"), edition.description, edition.language)
    for keyword in edition.keywords:
        _lang_string(_sub(general, LOM, "keyword"), keyword, edition.language)
    life_cycle = _sub(lom, LOM, "lifeCycle")
    _lang_string(_sub(life_cycle, LOM, "version"), edition.version, "x-none")
    _sub(_sub(lom, LOM, "technical"), LOM, "format", "text/html")
    educational = _sub(lom, LOM, "educational")
    if edition.typical_duration_minutes:
        learning_time = _sub(educational, LOM, "typicalLearningTime")
        _sub(learning_time, LOM, "duration", iso_duration(edition.typical_duration_minutes))
    _sub(educational, LOM, "language", edition.language)
    classification = _sub(lom, LOM, "classification")
    purpose = _sub(classification, LOM, "purpose")
    _sub(purpose, LOM, "source", "LOMv1.0")
    _sub(purpose, LOM, "value", "discipline")
    _lang_string(_sub(classification, LOM, "keyword"), edition.topic, edition.language)


def _lang_string(parent: etree._Element, text: str, language: str) -> None:
    _sub(parent, LOM, "string", text, language=language)


def _lom_12(metadata: etree._Element, edition: ModuleEdition) -> None:
    lom = _sub(metadata, IMSMD, "lom")
    general = _sub(lom, IMSMD, "general")
    _md_string(_sub(general, IMSMD, "title"), edition.title, edition.language)
    entry = _sub(general, IMSMD, "catalogentry")
    _sub(entry, IMSMD, "catalog", CATALOG)
    _md_string(_sub(entry, IMSMD, "entry"), edition.slug, "x-none")
    _sub(general, IMSMD, "language", edition.language)
    _md_string(_sub(general, IMSMD, "description"), edition.description, edition.language)
    for keyword in edition.keywords:
        _md_string(_sub(general, IMSMD, "keyword"), keyword, edition.language)
    life_cycle = _sub(lom, IMSMD, "lifecycle")
    _md_string(_sub(life_cycle, IMSMD, "version"), edition.version, "x-none")
    _sub(_sub(lom, IMSMD, "technical"), IMSMD, "format", "text/html")
    if edition.typical_duration_minutes:
        educational = _sub(lom, IMSMD, "educational")
        learning_time = _sub(educational, IMSMD, "typicallearningtime")
        _sub(learning_time, IMSMD, "datetime", iso_duration(edition.typical_duration_minutes))
    classification = _sub(lom, IMSMD, "classification")
    purpose = _sub(classification, IMSMD, "purpose")
    _md_string(_sub(purpose, IMSMD, "source"), "LOMv1.0", "x-none")
    _md_string(_sub(purpose, IMSMD, "value"), "Discipline", "x-none")
    _md_string(_sub(classification, IMSMD, "keyword"), edition.topic, edition.language)


def _md_string(parent: etree._Element, text: str, language: str) -> None:
    _sub(parent, IMSMD, "langstring", text, **{XML_LANG: language})
