"""Catalog commands: validate, import, import-url, recheck-urls, package build|publish.

``lms-bridge validate`` exits 0 when the package is importable, 1 when it has errors, 2 when the
file is not a usable SCORM zip. It never extracts anything: the archive is judged from its
central directory and only the manifest and XSDs are read from it (``scorm.package_check``).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Iterable

import click
from flask.cli import with_appcontext

from scorm.archive import ArchiveError
from scorm.builder import BuildError, build_package
from scorm.package_check import check_package_zip
from scorm.source import SourceError
from scorm.validate import report_to_dict

from ..errors import LmsBridgeError

EXIT_IMPORTABLE, EXIT_HAS_ERRORS, EXIT_NOT_AN_ARCHIVE = 0, 1, 2


def finding_lines(findings: Iterable[dict[str, Any]], default_file: str) -> list[str]:
    """Linter-style lines: ``file:line: severity code: message`` then the hint, indented."""
    lines = []
    for finding in findings:
        where = finding.get("file") or default_file
        if finding.get("line"):
            where += f":{finding['line']}"
        lines.append(f"{where}: {finding.get('severity', 'error')} {finding['code']}: "
                     f"{finding['message']}")
        if finding.get("hint"):
            lines.append(f"    hint: {finding['hint']}")
    return lines


def archive_error_dict(exc: ArchiveError, file: str) -> dict[str, Any]:
    return {"code": exc.code, "severity": "error", "file": file, "entry": exc.entry,
            "message": str(exc)}


@click.command("validate")
@click.argument("package", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def validate_command(package: Path, as_json: bool):
    """Check PACKAGE (a SCORM zip) without importing or extracting it."""
    try:
        report = check_package_zip(package)
    except ArchiveError as exc:
        problem = archive_error_dict(exc, str(package))
        if as_json:
            click.echo(json.dumps({"importable": False, "archive_error": problem}, indent=1))
        else:
            click.echo("\n".join(finding_lines([problem], str(package))))
        sys.exit(EXIT_NOT_AN_ARCHIVE)
    summary = report_to_dict(report)
    if as_json:
        click.echo(json.dumps(summary, indent=1, ensure_ascii=False))
    else:
        _echo_summary(summary)
    sys.exit(EXIT_IMPORTABLE if report.is_importable else EXIT_HAS_ERRORS)


def _echo_summary(summary: dict[str, Any]) -> None:
    for line in finding_lines(summary["findings"], "imsmanifest.xml"):
        click.echo(line)
    counts = summary["counts"]
    verdict = "importable" if summary["importable"] else "NOT importable"
    click.echo(f"SCORM {summary['version'] or '?'}, organization {summary['organization']}, "
               f"{len(summary['launchable_items'])} launchable item(s); "
               f"{counts['error']} error(s), {counts['warning']} warning(s): {verdict}.")
    for item in summary["launchable_items"]:
        click.echo(f"  {item['identifier']}: {item['launch_url']} ({item['scorm_type']})")


def _fail_with(exc: LmsBridgeError, default_file: str) -> None:
    click.echo(exc.message, err=True)
    details = [d for d in exc.details if isinstance(d, dict) and "code" in d]
    for line in finding_lines(details, default_file):
        click.echo(line, err=True)
    sys.exit(EXIT_HAS_ERRORS)


@click.command("import")
@click.argument("package", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--module", "slug", required=True, help="The module's slug (created if new).")
@click.option("--publish", is_flag=True, help="Publish the imported version at once.")
@with_appcontext
def import_command(package: Path, slug: str, publish: bool):
    """Import PACKAGE (a SCORM zip) as a new version of module SLUG."""
    from .operations import import_package, publish_version

    try:
        result = import_package(package, slug, None, original_filename=package.name)
        version = result.version
        if publish and version.state.value == "draft":
            publish_version(None, version.id)
    except LmsBridgeError as exc:
        _fail_with(exc, str(package))
    said = "imported as" if result.created else "identical to the already imported"
    click.echo(f"{package.name}: {said} {slug} v{version.number} (SCORM {version.scorm_version}, "
               f"{version.state.value}).")


@click.command("import-url")
@click.argument("url")
@click.option("--module", "slug", required=True, help="The module's slug (created if new).")
@click.option("--no-recheck", is_flag=True, help="Do not re-check this URL for new bytes.")
@with_appcontext
def import_url_command(url: str, slug: str, no_recheck: bool):
    """Fetch URL (an allowlisted host) and import it as a new version of module SLUG."""
    from .url_import import import_from_url

    try:
        result = import_from_url(url, slug, None, recheck=not no_recheck)
    except LmsBridgeError as exc:
        _fail_with(exc, url)
    said = "imported as" if result.created else "identical to the already imported"
    click.echo(f"{url}: {said} {slug} v{result.version.number}.")


@click.command("recheck-urls")
@with_appcontext
def recheck_urls_command():
    """Fetch every URL-imported package again; changed bytes become new draft versions."""
    from .url_import import recheck_url_imports

    outcomes = recheck_url_imports()
    for outcome in outcomes:
        if outcome.error:
            click.echo(f"{outcome.slug}: {outcome.url}: {outcome.error}")
        elif outcome.new_version is not None:
            click.echo(f"{outcome.slug}: new draft version {outcome.new_version}")
        else:
            click.echo(f"{outcome.slug}: unchanged")
    if not outcomes:
        click.echo("No URL imports to re-check.")
    sys.exit(1 if any(outcome.error for outcome in outcomes) else 0)


@click.group("package")
def package_group():
    """Module sources in packages/: build and publish."""


def _echo_source_error(exc: SourceError) -> None:
    for finding in exc.errors:
        click.echo(f"{Path(exc.source_dir) / finding.file}:{finding.line}: {finding.message}",
                   err=True)


@package_group.command("build")
@click.argument("source", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--scorm", "scorm_version", type=click.Choice(["1.2", "2004"]), required=True)
@click.option("--lang", "language", help="Language edition (default: the module's first).")
@click.option("--units", type=click.Choice(["single", "per-lesson"]), default="single",
              show_default=True,
              help="single: the whole module is one SCO (works in Moodle and any LMS); "
                   "per-lesson: one SCO per lesson, for players that sequence SCOs.")
@click.option("-o", "--output", "output_dir", default="dist", show_default=True,
              type=click.Path(file_okay=False, path_type=Path))
def package_build(source: Path, scorm_version: str, language: str | None, units: str,
                  output_dir: Path):
    """Build the SCORM zip of the module source SOURCE (packages/<slug>)."""
    try:
        path = build_package(source, scorm_version, language, output_dir, units=units)
    except SourceError as exc:
        _echo_source_error(exc)
        sys.exit(1)
    except BuildError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    click.echo(str(path))


@package_group.command("publish")
@click.argument("source", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--lang", "language",
              help="Publish only this language folder of the source (default: every language).")
@click.option("--edition", help="The edition code it is published as, e.g. a national variant "
                                "en-KE built from --lang en (default: the language).")
@with_appcontext
def package_publish(source: Path, language: str | None, edition: str | None):
    """Build SOURCE as SCORM 2004, import and publish it, one edition per language, in one step.

    Each edition replaces only the published version of the same edition."""
    from .builds import publish_edition, publish_editions

    if edition and not language:
        raise click.UsageError("--edition needs --lang: the language folder it is built from.")
    try:
        results = (publish_editions(source, None) if language is None
                   else [publish_edition(source, language, edition or language, None)])
    except SourceError as exc:
        _echo_source_error(exc)
        sys.exit(1)
    except BuildError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except LmsBridgeError as exc:
        _fail_with(exc, str(source))
    for result in results:
        version = result.version
        said = "published" if result.created else "unchanged (identical build)"
        click.echo(f"{version.module.slug} v{version.number} ({version.language} edition): "
                   f"{said}.")


CATALOG_COMMANDS = (validate_command, import_command, import_url_command, recheck_urls_command,
                    package_group)
