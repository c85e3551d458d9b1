"""Checks on the shared data maps (``adlcp:data/adlcp:map``) of a package's items."""
from __future__ import annotations

from collections import Counter

from scorm.manifest import Item, Manifest, SharedDataMap
from scorm.runtime.lexical import is_long_identifier
from scorm.validate.findings import Finding, FindingCode, Location, Severity

# adl.data.n.id is a long_identifier_type with a smallest permitted maximum of 4000 characters
MAX_TARGET_ID = 4000


def check_shared_data(manifest: Manifest) -> list[Finding]:
    """Maps in a 1.2 package, invalid targetIDs and a targetID mapped twice on one item."""
    findings: list[Finding] = []
    for organization in manifest.organizations:
        for item in organization.all_items():
            if not item.shared_data:
                continue
            if not manifest.version.is_2004:
                findings.append(_in_scorm_12(item))
                continue
            findings += [_invalid_target(item, m) for m in item.shared_data
                         if not is_valid_target_id(m.target_id)]
            findings += _duplicates(item)
    return findings


def is_valid_target_id(target_id: str) -> bool:
    """Whether ``target_id`` can name a store: a URI of at most 4000 characters."""
    return len(target_id) <= MAX_TARGET_ID and is_long_identifier(target_id)


def _in_scorm_12(item: Item) -> Finding:
    return Finding(
        FindingCode.SHARED_DATA_IN_SCORM_12, Severity.WARNING,
        f"item {item.identifier!r} declares adlcp:data shared data maps, a SCORM 2004 4th "
        "edition feature; a SCORM 1.2 runtime has no adl.data, so they are ignored",
        "Remove the adlcp:data element, or publish the package as SCORM 2004 4th edition.",
        Location.of(item.shared_data[0].source or item.source), item.identifier)


def _invalid_target(item: Item, shared: SharedDataMap) -> Finding:
    shown = shared.target_id if len(shared.target_id) <= 80 else shared.target_id[:77] + "..."
    return Finding(
        FindingCode.SHARED_DATA_TARGET_INVALID, Severity.ERROR,
        f"item {item.identifier!r} maps shared data with targetID {shown!r}, which is not a "
        f"URI of at most {MAX_TARGET_ID} characters; the SCO could not find its store",
        "Give every adlcp:map a targetID such as \"urn:example:notes\" or \"notes\" "
        "(no spaces), the same in every item that shares the store.",
        Location.of(shared.source or item.source), item.identifier)


def _duplicates(item: Item) -> list[Finding]:
    counts = Counter(m.target_id for m in item.shared_data if m.target_id)
    return [Finding(
        FindingCode.SHARED_DATA_TARGET_DUPLICATE, Severity.WARNING,
        f"item {item.identifier!r} maps targetID {target!r} {count} times; the SCO sees one "
        "adl.data record per map and may read a different permission on each",
        "Keep one adlcp:map per targetID on an item.", Location.of(item.source), target)
        for target, count in counts.items() if count > 1]
