"""A test package as the headless runner sees it: the manifest, and per item its ``act`` and
``tc`` launch parameters, its page profile (FORMAT.md §10, §11) and its shared data maps."""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from scorm.manifest import Manifest, ScormType, parse_manifest, select_organization
from scorm.manifest import SharedDataMap as ManifestMap
from scorm.runtime import SharedDataMap

_PARAMS = re.compile(r"tc=(?P<tc>[^&]*)&act=(?P<act>[^&#]*)")


@dataclass(frozen=True)
class ItemLaunch:
    identifier: str
    title: str
    tc: str
    act: str
    page: str
    is_sco: bool
    shared_data: tuple[ManifestMap, ...] = ()


@dataclass
class TestPackage:
    name: str
    manifest: Manifest
    items: dict[str, ItemLaunch]

    def by_title(self, title: str) -> str | None:
        """The identifier of the item titled ``title`` (or of the organization, for the
        phrase "the activity that corresponds to the root of ...")."""
        if title.startswith("the activity that corresponds to the root"):
            return select_organization(self.manifest).identifier
        wanted = " ".join(title.split())
        organization = select_organization(self.manifest)
        for item in organization.all_items():
            if " ".join(item.title.split()) == wanted:
                return item.identifier
        return None

    @property
    def shares_objectives_globally(self) -> bool:
        return select_organization(self.manifest).objectives_global_to_system

    @property
    def shares_data_globally(self) -> bool:
        return select_organization(self.manifest).shared_data_global_to_system

    def shared_maps(self, identifier: str) -> tuple[ManifestMap, ...]:
        item = self.items.get(identifier)
        return item.shared_data if item is not None else ()


def load_package(path: Path) -> TestPackage:
    """Read a test package zip. Raises the manifest errors of :mod:`scorm.manifest`."""
    with zipfile.ZipFile(path) as archive:
        data = archive.read("imsmanifest.xml")
    manifest = parse_manifest(data)
    items = {}
    for item in select_organization(manifest).all_items():
        resource = manifest.resource(item.identifierref)
        match = _PARAMS.search(item.parameters or "")
        if resource is None or match is None:
            continue
        page = (resource.href or "").rsplit("/", 1)[-1]
        items[item.identifier] = ItemLaunch(
            item.identifier, item.title, match["tc"], match["act"], page,
            resource.scorm_type is ScormType.SCO, item.shared_data)
    name = path.stem.removeprefix("LMSTestPackage_")
    return TestPackage(name, manifest, items)


def shared_data_maps(maps: tuple[ManifestMap, ...],
                     stores: dict[str, str]) -> tuple[SharedDataMap, ...]:
    """The runtime's ``adl.data`` records for ``maps``, each with its store's current value."""
    return tuple(SharedDataMap(m.target_id, m.readable, m.writable, stores.get(m.target_id))
                 for m in maps)
