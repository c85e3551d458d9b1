"""``lms-bridge conformance``: run ADL's SCORM 2004 LMS conformance scripts headlessly.

No database or application is needed: the runner (:mod:`scorm.conformance`) drives the pure
sequencer and runtime.
"""
from __future__ import annotations

from pathlib import Path

import click

from scorm.conformance import ConformanceError, find_codebook, run_all, run_script


def _existing(path_type: str) -> click.Path:
    return click.Path(exists=True, dir_okay=path_type == "dir", file_okay=path_type == "file",
                      path_type=Path)


@click.group("conformance")
def conformance():
    """Run ADL SCORM 2004 4th edition LMS test scripts against the built-in sequencer."""


@conformance.command("run")
@click.argument("package", type=_existing("file"))
@click.argument("script", type=_existing("file"))
@click.option("--codebook", type=_existing("file"),
              help="ADL's Commands.properties (default: _codebook/ next to the script folder).")
def run_command(package: Path, script: Path, codebook: Path | None):
    """Run SCRIPT against PACKAGE; print PASS or the first divergence."""
    try:
        codebook = codebook or find_codebook(script, package)
        packages = [package]
        if script.stem == "DDM":  # one script, two packages (DDMa then DDMb)
            packages = [package.with_name(f"LMSTestPackage_{n}.zip") for n in ("DDMa", "DDMb")]
        result = run_script(script, packages, codebook)
    except ConformanceError as error:
        raise click.ClickException(str(error)) from error
    if result.passed:
        click.echo(f"PASS {result.title} ({result.deliveries} deliveries, "
                   f"{result.commands} commands)")
        return
    click.echo(f"FAIL {result.title}: {result.message}")
    raise SystemExit(1)


@conformance.command("run-all")
@click.argument("folder", type=_existing("dir"))
def run_all_command(folder: Path):
    """Run every scripted package of FOLDER (ADL's layout) and print a summary."""
    try:
        results = run_all(folder)
    except ConformanceError as error:
        raise click.ClickException(str(error)) from error
    for result in results:
        if result.passed:
            click.echo(f"PASS {result.title}")
        else:
            click.echo(f"FAIL {result.title}: {result.message.splitlines()[0]}")
    failed = sum(1 for result in results if not result.passed)
    click.echo(f"{len(results) - failed} passed, {failed} failed")
    if failed:
        raise SystemExit(1)
