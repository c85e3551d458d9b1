"""The typed manifest model: what a runtime, a catalogue and a sequencer need from a package.

All objects are frozen dataclasses; identifiers are stored trimmed (xs:ID whitespace collapse),
texts are kept as written (escaping belongs to whoever renders them).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property

from scorm.manifest.hrefs import Reference, resolve_reference
from scorm.manifest.notes import ParseNote, SourceRef
from scorm.manifest.sequencing import SequencingDefinition


class ScormVersion(Enum):
    SCORM_12 = "1.2"
    SCORM_2004_2ND = "2004 2nd Edition"
    SCORM_2004_3RD = "2004 3rd Edition"
    SCORM_2004_4TH = "2004 4th Edition"

    @property
    def is_2004(self) -> bool:
        return self is not ScormVersion.SCORM_12


class ScormType(Enum):
    SCO = "sco"
    ASSET = "asset"


class TimeLimitAction(Enum):
    EXIT_MESSAGE = "exit,message"
    EXIT_NO_MESSAGE = "exit,no message"
    CONTINUE_MESSAGE = "continue,message"
    CONTINUE_NO_MESSAGE = "continue,no message"


@dataclass(frozen=True)
class Metadata:
    schema: str | None = None
    schema_version: str | None = None
    title: str | None = None
    description: str | None = None
    language: str | None = None
    keywords: tuple[str, ...] = ()
    location: str | None = None
    """``adlcp:location`` as written: external metadata, package-relative."""
    location_source: SourceRef | None = None


@dataclass(frozen=True)
class CompletionThreshold:
    """``adlcp:completionThreshold`` (3rd ed: text value; 4th ed: attributes)."""

    completed_by_measure: bool = False
    min_progress_measure: float = 1.0
    progress_weight: float = 1.0


@dataclass(frozen=True)
class Presentation:
    """``adlnav:presentation``: the LMS navigation controls the content asks to hide."""

    hide_lms_ui: tuple[str, ...] = ()


@dataclass(frozen=True)
class SharedDataMap:
    """``adlcp:data/adlcp:map`` (SCORM 2004 4th ed.): a shared data store an item may use.

    ``target_id`` names the store (trimmed); ``readable``/``writable`` are the map's
    ``readSharedData``/``writeSharedData`` (both default true).
    """

    target_id: str
    readable: bool = True
    writable: bool = True
    source: SourceRef | None = None


@dataclass(frozen=True)
class Item:
    identifier: str
    title: str
    source: SourceRef
    identifierref: str | None = None
    is_visible: bool = True
    parameters: str | None = None
    children: tuple[Item, ...] = ()
    # SCORM 1.2 (adlcp_rootv1p2)
    mastery_score: float | None = None
    prerequisites: str | None = None
    prerequisites_type: str | None = None
    max_time_allowed: str | None = None
    # both versions (1.2 spells it datafromlms / timelimitaction)
    data_from_lms: str | None = None
    time_limit_action: TimeLimitAction | None = None
    # SCORM 2004
    completion_threshold: CompletionThreshold | None = None
    presentation: Presentation | None = None
    shared_data: tuple[SharedDataMap, ...] = ()
    """The item's ``adlcp:map`` elements in document order, duplicates kept (a finding)."""
    sequencing: SequencingDefinition | None = None
    """Effective sequencing: the referenced collection entry overlaid with local elements."""
    sequencing_idref: str | None = None

    @property
    def is_leaf(self) -> bool:
        return not self.children

    def walk(self) -> tuple[Item, ...]:
        """This item and its descendants in document (delivery) order."""
        found: list[Item] = [self]
        for child in self.children:
            found.extend(child.walk())
        return tuple(found)


@dataclass(frozen=True)
class Organization:
    identifier: str
    title: str
    source: SourceRef
    items: tuple[Item, ...] = ()
    structure: str = "hierarchical"
    objectives_global_to_system: bool = True
    shared_data_global_to_system: bool = True
    sequencing: SequencingDefinition | None = None
    sequencing_idref: str | None = None

    def all_items(self) -> tuple[Item, ...]:
        """Every item of the tree in document order."""
        return tuple(found for item in self.items for found in item.walk())


@dataclass(frozen=True)
class PackageFile:
    href: str
    """As written in ``<file href>``."""
    path: str | None
    """Package-relative path with every ``xml:base`` applied; None when it leaves the package."""
    source: SourceRef


@dataclass(frozen=True)
class Dependency:
    identifierref: str
    source: SourceRef


@dataclass(frozen=True)
class Resource:
    identifier: str
    type: str
    scorm_type: ScormType
    source: SourceRef
    href: str | None = None
    """As written in ``<resource href>``."""
    xml_bases: tuple[str, ...] = ()
    """The ``xml:base`` levels (manifest, resources, resource) that apply to ``href``."""
    files: tuple[PackageFile, ...] = ()
    dependencies: tuple[Dependency, ...] = ()

    @cached_property  # asked for by every check and by launchable_items: resolve it once
    def launch_reference(self) -> Reference | None:
        """``href`` with every ``xml:base`` level applied, classified; None without href."""
        if self.href is None or not self.href.strip():
            return None
        return resolve_reference(*self.xml_bases, self.href)


@dataclass(frozen=True)
class Manifest:
    identifier: str
    version: ScormVersion
    version_inferred: bool
    source: SourceRef
    metadata: Metadata = Metadata()
    organizations: tuple[Organization, ...] = ()
    default_organization: str | None = None
    """The ``<organizations default>`` attribute as written (trimmed); may name nothing."""
    resources: tuple[Resource, ...] = ()
    sequencing_collection: dict[str, SequencingDefinition] = field(default_factory=dict)
    xml_base: str = ""
    schema_locations: tuple[tuple[str, str], ...] = ()
    notes: tuple[ParseNote, ...] = ()
    _resources_by_id: dict[str, Resource] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # first definition wins, as a reader of the XML would see it; duplicates are a finding
        index: dict[str, Resource] = {}
        for resource in self.resources:
            index.setdefault(resource.identifier, resource)
        object.__setattr__(self, "_resources_by_id", index)

    def resource(self, identifier: str | None) -> Resource | None:
        """The resource with that identifier (compared trimmed), or None."""
        if identifier is None:
            return None
        return self._resources_by_id.get(identifier.strip())

    def organization(self, identifier: str | None) -> Organization | None:
        if identifier is None:
            return None
        wanted = identifier.strip()
        return next((org for org in self.organizations if org.identifier == wanted), None)
