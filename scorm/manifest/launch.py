"""Which organization a learner gets, and what can be launched from it, in delivery order."""
from __future__ import annotations

from dataclasses import dataclass

from scorm.manifest.hrefs import ReferenceKind, append_parameters
from scorm.manifest.model import Item, Manifest, Organization, Resource, ScormType


@dataclass(frozen=True)
class LaunchableItem:
    item: Item
    resource: Resource
    launch_url: str
    """Package-relative (or remote/other, see ``reference_kind``), parameters appended."""
    reference_kind: ReferenceKind
    scorm_type: ScormType

    @property
    def is_sco(self) -> bool:
        return self.scorm_type is ScormType.SCO


def select_organization(manifest: Manifest) -> Organization | None:
    """The default organization, or the first one when the default is missing or names none."""
    chosen = manifest.organization(manifest.default_organization)
    if chosen is not None:
        return chosen
    return manifest.organizations[0] if manifest.organizations else None


def launchable_items(manifest: Manifest,
                     organization: Organization | None = None) -> tuple[LaunchableItem, ...]:
    """Items that launch content, in delivery (document) order, with resolved launch URLs.

    ``organization`` defaults to :func:`select_organization`. An item launches when its
    identifierref names a resource with an href; in SCORM 2004 only leaf items launch (a
    cluster's resource is never delivered), in SCORM 1.2 any item can.
    """
    organization = organization or select_organization(manifest)
    if organization is None:
        return ()
    found = []
    for item in organization.all_items():
        if manifest.version.is_2004 and not item.is_leaf:
            continue
        launchable = _launchable(manifest, item)
        if launchable is not None:
            found.append(launchable)
    return tuple(found)


def _launchable(manifest: Manifest, item: Item) -> LaunchableItem | None:
    resource = manifest.resource(item.identifierref)
    reference = resource.launch_reference if resource is not None else None
    if resource is None or reference is None:
        return None
    url = append_parameters(reference.url, item.parameters)
    return LaunchableItem(item, resource, url, reference.kind, resource.scorm_type)
