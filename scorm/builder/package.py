"""Build a reproducible SCORM 1.2 or 2004 zip from a module source (``packages/<slug>/``).

Same sources, same builder: byte-identical zips. Entries are written in a fixed order
(``imsmanifest.xml`` first, then by name) with a fixed date (1980-01-01 00:00), fixed permissions
(0644), fixed compression, and every generated file is rendered deterministically.

Two kinds of build (``Units``):

* ``single`` (the default): the whole module is one SCO, ``index.html``, that navigates its lessons
  and assessment itself. It works in any player, Moodle's included (one Initialize, one Terminate
  per visit; completion only when everything is done).
* ``per-lesson``: one SCO per lesson plus the assessment SCO, for players that sequence SCOs
  (LMS Bridge's own player; a 2004 player that lets each SCO initialize on its own page).

Package layout::

    imsmanifest.xml
    index.html                  single: the one SCO
    01-<lesson>.html ...        per-lesson: one SCO per lesson (keys of the default language)
    assessment.html             per-lesson: the assessment SCO, when the module has one
    assets/lms-bridge-*.js|css  the runtime script and style sheet (scorm/assets/)
    images/...                  the images the lessons and questions use

Errors::

    ScormError
    ├── SourceError      (scorm.source) the sources are invalid
    └── BuildError       an unknown SCORM version, unit choice or language, or an unwritable zip
"""
from __future__ import annotations

import zipfile
from enum import Enum
from importlib import resources
from pathlib import Path

from ..errors import ScormError
from ..source import load_module_source
from ..source import ModuleEdition
from .assessment import render_assessment_page
from .manifest import ScoEntry, render_manifest
from .module_page import MODULE_PAGE, render_module_page
from .pages import ASSET_FILES, render_lesson_page

__all__ = ["BuildError", "ScormTarget", "Units", "build_package", "package_file_name",
           "render_package"]

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o100644  # a regular file, rw-r--r--
ASSESSMENT_KEY = "assessment"


def _parse_choice(kind: type[Enum], value: Enum | str, what: str) -> Enum:
    """``value`` as a member of ``kind``; raises BuildError naming ``what`` and the choices."""
    if isinstance(value, kind):
        return value
    try:
        return kind(str(value))
    except ValueError:
        choices = " or ".join(member.value for member in kind)
        raise BuildError(f"unknown {what} {value!r}: use {choices}") from None


class ScormTarget(Enum):
    """The SCORM version a package is built for."""

    SCORM_12 = "1.2"
    SCORM_2004 = "2004"  # 4th Edition

    @classmethod
    def parse(cls, value: ScormTarget | str) -> ScormTarget:
        """``value`` as a target ("1.2" or "2004"); raises BuildError for anything else."""
        return _parse_choice(cls, value, "SCORM version")


class Units(Enum):
    """How many SCOs a package has: the whole module as one, or one per lesson (+ assessment)."""

    SINGLE = "single"
    PER_LESSON = "per-lesson"

    @classmethod
    def parse(cls, value: Units | str) -> Units:
        """``value`` as a unit choice ("single" or "per-lesson"); raises BuildError otherwise."""
        return _parse_choice(cls, value, "unit choice")


class BuildError(ScormError):
    """A package cannot be built from valid sources (bad version, unit choice or language,
    unwritable zip)."""


def build_package(source_dir: Path | str, scorm_version: ScormTarget | str,
                  language: str | None = None, output_dir: Path | str = "dist",
                  units: Units | str = Units.SINGLE) -> Path:
    """Validate ``source_dir`` and write its SCORM zip into ``output_dir``; return the zip's path.

    ``language`` defaults to the module's first language. Raises SourceError when the sources
    are invalid, BuildError for an unknown version, unit choice or language or an unwritable
    output.
    """
    target = ScormTarget.parse(scorm_version)
    units = Units.parse(units)
    module = load_module_source(source_dir)
    language = language or module.default_language
    if language not in module.languages:
        raise BuildError(f"{module.root}: no '{language}' edition (languages: "
                         f"{', '.join(module.languages)})")
    edition = module.edition(language)
    path = Path(output_dir) / package_file_name(edition, target, units)
    entries = render_package(edition, target, module.root, units)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_zip(path, entries)
    except OSError as exc:
        raise BuildError(f"cannot write {path}: {exc}") from exc
    return path


def package_file_name(edition: ModuleEdition, target: ScormTarget,
                      units: Units = Units.SINGLE) -> str:
    """The zip's name, e.g. ``hs-classification-1.0.0-fr-scorm2004.zip`` (single-unit) or
    ``hs-classification-1.0.0-fr-scorm2004-per-lesson.zip``."""
    flavour = "scorm12" if target is ScormTarget.SCORM_12 else "scorm2004"
    suffix = "-per-lesson" if units is Units.PER_LESSON else ""
    return f"{edition.slug}-{edition.version}-{edition.language}-{flavour}{suffix}.zip"


def render_package(edition: ModuleEdition, target: ScormTarget, source_root: Path,
                   units: Units = Units.SINGLE) -> dict[str, bytes]:
    """Every file of the package, by its name inside the zip."""
    version = target.value
    if units is Units.SINGLE:
        scos, files = _single_unit(edition, version)
    else:
        scos, files = _per_lesson(edition, version)
    assets = resources.files("scorm") / "assets"
    for name in ASSET_FILES:
        files[name] = _unix_newlines((assets / name.split("/", 1)[1]).read_bytes())
    for name in edition.images:
        files[name] = (source_root / name).read_bytes()
    manifest = render_manifest(edition, version, scos, ASSET_FILES)
    return {"imsmanifest.xml": manifest, **dict(sorted(files.items()))}


def _single_unit(edition: ModuleEdition, version: str) -> tuple[list[ScoEntry], dict[str, bytes]]:
    sco = ScoEntry(key="module", title=edition.title, href=MODULE_PAGE, images=edition.images,
                   is_whole_module=True)
    return [sco], {MODULE_PAGE: render_module_page(edition, version).encode("utf-8")}


def _per_lesson(edition: ModuleEdition, version: str) -> tuple[list[ScoEntry], dict[str, bytes]]:
    scos = [ScoEntry(key=lesson.key, title=lesson.title, href=f"{lesson.key}.html",
                     images=lesson.images) for lesson in edition.lessons]
    files = {sco.href: render_lesson_page(edition, lesson, version).encode("utf-8")
             for sco, lesson in zip(scos, edition.lessons)}
    if edition.assessment is not None:
        sco = ScoEntry(key=ASSESSMENT_KEY, title=edition.assessment.title,
                       href=f"{ASSESSMENT_KEY}.html", images=edition.assessment.images,
                       is_assessment=True)
        scos.append(sco)
        files[sco.href] = render_assessment_page(edition, version).encode("utf-8")
    return scos, files


def _unix_newlines(data: bytes) -> bytes:
    # A checkout with CRLF line endings must not change the package's bytes.
    return data.replace(b"\r\n", b"\n")


def _write_zip(path: Path, entries: dict[str, bytes]) -> None:
    partial = path.with_name(path.name + ".partial")
    with zipfile.ZipFile(partial, "w") as archive:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so that external_attr means permissions everywhere
            info.external_attr = FILE_MODE << 16
            archive.writestr(info, data, compresslevel=9)
    partial.replace(path)  # no half-written zip under the final name
