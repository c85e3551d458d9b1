"""Modules built from the sources in ``packages/``: build, publish in one step, export.

Builds are reproducible (``scorm.builder``): the same sources give the same bytes, so publishing
a source twice imports nothing the second time (identical bytes create nothing).
"""
from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from flask import Response, after_this_request, current_app, send_file
from flask_babel import gettext as _

from scorm.builder import BuildError, ScormTarget, Units, build_package
from scorm.source import ModuleSource, SourceError, load_module_source

from ..accounts.models import User
from ..accounts.permissions import Action, require
from ..db import db
from ..errors import Conflict, InvalidInput, NotFound
from .models import Module, VersionState
from .operations import ImportResult, check_edition, import_package, publish_version

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def packages_root() -> Path:
    """Where module sources live: ``PACKAGES_DIR`` in the app config, else ``<project>/packages``."""
    return Path(current_app.config.get("PACKAGES_DIR") or PROJECT_ROOT / "packages")


def source_dir_of(slug: str) -> Path | None:
    """The source folder of module ``slug``, when this installation has one."""
    folder = packages_root() / slug
    return folder if (folder / "module.yaml").is_file() else None


def source_slugs() -> list[str]:
    root = packages_root()
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if (p / "module.yaml").is_file())


def _apply_source_metadata(module: Module, source: ModuleSource) -> None:
    language = source.default_language
    module.title = source.title[language]
    module.topic = source.topic
    module.description = source.description[language]
    module.language = language
    module.completion_rule = source.completion_rule
    # the mastery score still goes into the package; as the module's minimum it only means
    # something for rules that involve passing (settings refuse it otherwise)
    module.min_score = source.mastery_score if source.completion_rule.needs_passing else None


def publish_edition(source_dir: Path, language: str, edition: str,
                    actor: User | None) -> ImportResult:
    """Build the ``language`` folder of ``source_dir`` as SCORM 2004, import it as the module's
    ``edition`` (``fr``, or a national variant ``en-KE`` built from ``en``) and publish it: the
    edition's previous published version is retired, the other editions stay published.

    LMS Bridge's own player sequences SCOs, so it gets the per-lesson build: a learner sees each
    lesson in its table of contents and the reports show each lesson's state. Identical bytes
    create nothing (an edition published twice stays as it is). Unless the edition is a national
    variant, the module's title, topic, description, default language, completion rule and
    minimum score come from ``module.yaml``.
    Raises SourceError, BuildError, PackageRejected, InvalidInput (a bad edition code), Conflict
    (the same build is already imported as another edition).
    """
    if actor is not None:
        require(actor, Action.PUBLISH_PACKAGE)
    edition = check_edition(edition)
    source = load_module_source(source_dir)
    if language not in source.languages:
        raise InvalidInput(_("The source of %(slug)s has no %(language)s folder: its languages "
                             "are %(languages)s.", slug=source.slug, language=language,
                             languages=", ".join(source.languages)),
                           [{"field": "language", "problem": "not a language of the source"}])
    with tempfile.TemporaryDirectory(prefix="lms-bridge-build-") as folder:
        built = build_package(source_dir, ScormTarget.SCORM_2004, language, folder,
                              units=Units.PER_LESSON)
        result = import_package(built, source.slug, actor, original_filename=built.name,
                                move_original=True, language=edition)
    if result.version.language != edition:
        raise Conflict(_("This build is already imported as version %(number)s, the "
                         "%(edition)s edition.", number=result.version.number,
                         edition=result.version.language))
    if edition == language:  # a national variant does not rename the module it adapts
        _apply_source_metadata(result.version.module, source)
        db.session.commit()
    if result.version.state is VersionState.DRAFT:
        publish_version(actor, result.version.id)
    return result


def publish_editions(source_dir: Path, actor: User | None) -> list[ImportResult]:
    """Publish every language of ``source_dir`` as its own edition (``publish_edition``), the
    default language first. Raises as ``publish_edition``."""
    source = load_module_source(source_dir)
    return [publish_edition(source_dir, language, language, actor)
            for language in source.languages]


def publish_source(source_dir: Path, actor: User | None) -> ImportResult:
    """Publish every language edition of ``source_dir`` (``publish_editions``); the default
    language's result is returned (what callers that knew one edition per module expect)."""
    return publish_editions(source_dir, actor)[0]


@dataclass(frozen=True)
class ExportAdvice:
    """What the export page's Moodle advice depends on: whether the module reports a score,
    and whether its completion rule needs a pass."""

    is_graded: bool
    needs_passing: bool


def export_advice(slug: str) -> ExportAdvice | None:
    """The advice facts of module ``slug``'s source, None when it has no readable source."""
    source_dir = source_dir_of(slug)
    if source_dir is None:
        return None
    try:
        source = load_module_source(source_dir)
    except SourceError:
        return None
    assessment = source.assessments.get(source.default_language)
    return ExportAdvice(is_graded=assessment is not None and assessment.is_graded,
                        needs_passing=source.completion_rule.needs_passing)


def build_export(slug: str, scorm_version: str, language: str | None, output_dir: Path,
                 units: str = Units.SINGLE.value) -> Path:
    """Build module ``slug`` from its source for export (single-unit unless ``units`` says
    "per-lesson"); raises SourceError, BuildError, KeyError."""
    source_dir = source_dir_of(slug)
    if source_dir is None:
        raise KeyError(slug)
    return build_package(source_dir, ScormTarget.parse(scorm_version), language, output_dir,
                         units=Units.parse(units))


def send_export(slug: str, scorm_version: str, language: str | None, units: str) -> Response:
    """The zip of module ``slug`` built for export, as a download (the export page's and the
    API's); the build's folder goes when the response is closed. Raises NotFound when the
    module has no source, InvalidInput when it cannot be built."""
    folder = tempfile.mkdtemp(prefix="lms-bridge-export-")
    try:
        path = build_export(slug, scorm_version, language, Path(folder), units)
    except KeyError:
        shutil.rmtree(folder, ignore_errors=True)
        raise NotFound(_("Module %(slug)s has no source in packages/ to build from.",
                         slug=slug)) from None
    except (SourceError, BuildError) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise InvalidInput(_("The module cannot be built: %(problem)s", problem=str(exc))) from None

    @after_this_request
    def _cleanup(response):
        response.call_on_close(lambda: shutil.rmtree(folder, ignore_errors=True))
        return response
    return send_file(path, mimetype="application/zip", as_attachment=True,
                     download_name=path.name)


def publish_all_sources(actor: User | None = None) -> list[ImportResult]:
    """Publish every language edition of every module of ``packages/`` (the demo does this);
    identical builds create nothing."""
    return [result for slug in source_slugs()
            for result in publish_editions(packages_root() / slug, actor)]
