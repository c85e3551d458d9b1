"""Checks on the manifest's own structure: organizations, identifiers, references, sequencing."""
from __future__ import annotations

from collections import Counter
from typing import Iterator

from scorm.manifest import Item, Manifest, Organization, launchable_items, select_organization
from scorm.manifest.notes import SourceRef
from scorm.manifest.sequencing import SequencingDefinition
from scorm.validate.findings import Finding, FindingCode, Location, Severity


def check_structure(manifest: Manifest) -> list[Finding]:
    """Organizations, identifier uniqueness and every IDREF-style reference of the manifest."""
    findings = _check_organizations(manifest)
    findings += _check_duplicates(manifest)
    for organization in manifest.organizations:
        findings += _check_items(manifest, organization)
        findings += _check_sequencing(manifest, organization)
    findings += _check_dependencies(manifest)
    return findings


def _check_organizations(manifest: Manifest) -> list[Finding]:
    if not manifest.organizations:
        return [Finding(
            FindingCode.ORGANIZATION_MISSING, Severity.ERROR,
            "the manifest has no <organization>, so there is nothing a learner can launch",
            "Add an <organization> with an <item> whose identifierref names the SCO resource.",
            Location.of(manifest.source))]
    findings = []
    chosen = select_organization(manifest)
    if manifest.default_organization and manifest.organization(
            manifest.default_organization) is None:
        findings.append(Finding(
            FindingCode.ORGANIZATION_DEFAULT_INVALID, Severity.WARNING,
            f"<organizations default={manifest.default_organization!r}> names no organization; "
            f"the first one ({chosen.identifier!r}) is used",
            "Set the default attribute to the identifier of the organization to deliver.",
            Location.of(manifest.source)))
    if chosen is not None and not launchable_items(manifest, chosen):
        findings.append(Finding(
            FindingCode.NO_LAUNCHABLE_ITEM, Severity.ERROR,
            f"organization {chosen.identifier!r} has no item that launches a resource",
            "Give at least one leaf <item> an identifierref naming a resource with an href.",
            Location.of(chosen.source)))
    return findings


def _check_duplicates(manifest: Manifest) -> list[Finding]:
    groups = {
        "organization": [org.identifier for org in manifest.organizations],
        "item": [item.identifier for org in manifest.organizations for item in org.all_items()],
        "resource": [res.identifier for res in manifest.resources],
    }
    findings = []
    for kind, identifiers in groups.items():
        for identifier, count in Counter(i for i in identifiers if i).items():
            if count > 1:
                findings.append(Finding(
                    FindingCode.IDENTIFIER_DUPLICATE, Severity.ERROR,
                    f"{count} {kind}s share the identifier {identifier!r}",
                    f"Make every {kind} identifier unique: references and learner records "
                    "would otherwise point at the wrong one.", Location.of(manifest.source)))
    return findings


def _check_items(manifest: Manifest, organization: Organization) -> list[Finding]:
    findings = []
    for item in organization.all_items():
        if item.identifierref is None:
            continue
        if manifest.resource(item.identifierref) is None:
            findings.append(Finding(
                FindingCode.ITEM_RESOURCE_MISSING, Severity.ERROR,
                f"item {item.identifier!r} refers to resource {item.identifierref!r}, "
                "which the manifest does not define",
                "Fix the item's identifierref or add the missing <resource>.",
                Location.of(item.source), item.identifierref))
        elif manifest.version.is_2004 and not item.is_leaf:
            findings.append(Finding(
                FindingCode.ITEM_CLUSTER_HAS_RESOURCE, Severity.WARNING,
                f"item {item.identifier!r} has child items and an identifierref; in SCORM 2004 "
                "only leaf items are launched, so its resource is never delivered",
                "Move the resource to a new leaf item, or remove the identifierref.",
                Location.of(item.source)))
    return findings


def _check_dependencies(manifest: Manifest) -> list[Finding]:
    return [Finding(
        FindingCode.DEPENDENCY_RESOURCE_MISSING, Severity.WARNING,
        f"resource {resource.identifier!r} depends on {dep.identifierref!r}, "
        "which the manifest does not define",
        "Fix the dependency's identifierref or add the missing <resource>; files it should "
        "bring may be absent.", Location.of(dep.source), dep.identifierref)
        for resource in manifest.resources for dep in resource.dependencies
        if manifest.resource(dep.identifierref) is None]


def _sequenced(organization: Organization) -> Iterator[Organization | Item]:
    yield organization
    yield from organization.all_items()


def _check_sequencing(manifest: Manifest, organization: Organization) -> list[Finding]:
    findings = []
    for owner in _sequenced(organization):
        identifier, definition, idref = owner.identifier, owner.sequencing, owner.sequencing_idref
        if idref is not None and idref not in manifest.sequencing_collection:
            findings.append(Finding(
                FindingCode.SEQUENCING_COLLECTION_REF_MISSING, Severity.ERROR,
                f"{identifier!r} uses sequencing IDRef {idref!r}, which no "
                "<imsss:sequencing ID> in the sequencingCollection defines",
                "Fix the IDRef or add the shared definition to <imsss:sequencingCollection>.",
                Location.of(owner.source), idref))
        if definition is not None:
            findings += _check_objective_refs(identifier, definition, owner.source)
    return findings


def _check_objective_refs(identifier: str, definition: SequencingDefinition,
                          source: SourceRef) -> list[Finding]:
    rules = definition.sequencing_rules
    findings = []
    for rule in rules.pre_condition + rules.exit_condition + rules.post_condition:
        for condition in rule.conditions:
            wanted = condition.referenced_objective
            if wanted and definition.objectives.find(wanted) is None:
                findings.append(Finding(
                    FindingCode.SEQUENCING_OBJECTIVE_REF_MISSING, Severity.WARNING,
                    f"a {condition.condition.value} rule condition of {identifier!r} refers to "
                    f"objective {wanted!r}, which that activity does not define; the condition "
                    "will always be unknown",
                    "Define the objective in the activity's <imsss:objectives> or fix "
                    "referencedObjective.", Location.of(source), wanted))
    return findings
