"""What the player needs to know about a package version: its SCOs and assets in delivery
order, with the launch parameters the manifest gives each (mastery score, thresholds, data).

The manifest is read again from the content store (the import report keeps only a summary) and
cached per version id: a stored version's files never change.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from flask_babel import gettext as _

from scorm.manifest import launchable_items, parse_manifest, select_organization
from scorm.runtime import LaunchContext, SharedDataMap, TimeLimitAction

from ..catalog.models import PackageVersion
from ..catalog.store import content_store
from ..errors import NotFound


@dataclass(frozen=True)
class PackageItem:
    """One launchable item of a package version."""

    identifier: str
    title: str
    launch_url: str
    is_sco: bool
    mastery_score: float | None = None          # 1.2, 0-100
    scaled_passing_score: float | None = None   # 2004, from the primary objective
    completion_threshold: float | None = None   # 2004
    data_from_lms: str | None = None
    max_time_allowed: str | None = None
    time_limit_action: str | None = None
    shared_data: tuple[SharedDataMap, ...] = ()  # 2004 adl.data maps, stores not filled in


@dataclass(frozen=True)
class PackageLayout:
    scorm_version: str  # "1.2" or "2004"
    items: tuple[PackageItem, ...]
    shares_data_globally: bool = True  # the organization's adlcp:sharedDataGlobalToSystem

    def item(self, identifier: str) -> PackageItem:
        for item in self.items:
            if item.identifier == identifier:
                return item
        raise NotFound(_("This package has no item %(item)s.", item=repr(identifier)))

    @property
    def scos(self) -> tuple[PackageItem, ...]:
        return tuple(item for item in self.items if item.is_sco)

    def neighbour(self, identifier: str, step: int) -> PackageItem | None:
        """The item ``step`` places after (or before) ``identifier`` in delivery order."""
        ids = [item.identifier for item in self.items]
        position = ids.index(identifier) + step if identifier in ids else -1
        return self.items[position] if 0 <= position < len(ids) else None


def _passing_score(item) -> float | None:
    sequencing = item.sequencing
    primary = sequencing.objectives.primary if sequencing is not None else None
    if primary is not None and primary.satisfied_by_measure:
        return primary.min_normalized_measure
    return None


def _threshold(item) -> float | None:
    threshold = item.completion_threshold
    if threshold is None or not threshold.completed_by_measure:
        return None
    return threshold.min_progress_measure


def _item(launchable, is_2004: bool) -> PackageItem:
    item = launchable.item
    maps = tuple(SharedDataMap(m.target_id, m.readable, m.writable)
                 for m in item.shared_data) if is_2004 else ()
    return PackageItem(
        identifier=item.identifier, title=item.title or item.identifier,
        launch_url=launchable.launch_url, is_sco=launchable.is_sco,
        mastery_score=item.mastery_score, scaled_passing_score=_passing_score(item),
        completion_threshold=_threshold(item), data_from_lms=item.data_from_lms,
        max_time_allowed=item.max_time_allowed,
        time_limit_action=item.time_limit_action.value if item.time_limit_action else None,
        shared_data=maps)


@lru_cache(maxsize=256)
def _layout(package_dir: Path) -> PackageLayout:
    manifest = parse_manifest((package_dir / "imsmanifest.xml").read_bytes())
    version = "1.2" if not manifest.version.is_2004 else "2004"
    organization = select_organization(manifest)
    items = tuple(_item(x, manifest.version.is_2004) for x in launchable_items(manifest))
    return PackageLayout(version, items, organization is None
                         or organization.shared_data_global_to_system)


def package_layout(version: PackageVersion) -> PackageLayout:
    """The launchable items of ``version``; raises NotFound if its files are missing."""
    return layout_for(version.id)


def layout_for(version_id: int) -> PackageLayout:
    """The launchable items of the package version ``version_id``; raises NotFound likewise."""
    package_dir = content_store().package_dir(version_id)
    if not (package_dir / "imsmanifest.xml").is_file():
        raise NotFound(_("The files of package version %(id)s are missing.", id=version_id))
    return _layout(package_dir)


def sco_count(version_id: int) -> int:
    """How many SCOs the package version ``version_id`` has; raises NotFound like layout_for.

    Kept per store and version: the commit path asks on every graded commit, and a stat of the
    manifest each time was a GIL release (a wait) under load.
    """
    return _sco_count(content_store().root, version_id)


@lru_cache(maxsize=1024)
def _sco_count(_store_root: Path, version_id: int) -> int:
    return len(layout_for(version_id).scos)


def launch_context(layout: PackageLayout, item: PackageItem, *, learner_id: str,
                   learner_name: str, credit, mode, entry) -> LaunchContext:
    """The LaunchContext of one SCO launch, from the manifest and the attempt."""
    action = TimeLimitAction(item.time_limit_action) if item.time_limit_action else None
    return LaunchContext(
        learner_id=learner_id, learner_name=learner_name, credit=credit, mode=mode, entry=entry,
        launch_data=item.data_from_lms,
        mastery_score=item.mastery_score if layout.scorm_version == "1.2" else None,
        scaled_passing_score=item.scaled_passing_score,
        completion_threshold=item.completion_threshold,
        max_time_allowed=item.max_time_allowed, shared_data=item.shared_data,
        **({"time_limit_action": action} if action else {}))
