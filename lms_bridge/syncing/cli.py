"""`lms-bridge sync …` and `lms-bridge completions export`."""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import click
from flask.cli import AppGroup, with_appcontext

from sync.records import SourceKind

from ..db import db
from ..spreadsheets import neutralise
from ..errors import LmsBridgeError
from . import operations, queries
from .models import MatchBy, RunTrigger, SyncRun
from .runs import RunProgress

sync_group = AppGroup("sync", help="Remote LMS sync: sources, runs, imports.")
completions_group = AppGroup("completions", help="Stored completion records.")

MAPPING = click.option("--course", "courses", multiple=True, metavar="REMOTE=MODULE_SLUG",
                       help="Map a remote course, activity or IRI to a module; repeat.")
SCHEDULE = click.option("--every", "schedule_minutes", type=click.IntRange(5, 10080),
                        help="Sync every N minutes (default: on demand only).")
MATCH = click.option("--match-by", type=click.Choice([m.value for m in MatchBy]),
                     default="email", show_default=True, help="How remote people are recognised.")
PRIVATE = click.option("--allow-private", is_flag=True,
                       help="Allow an address on a private network or this machine.")


def _pairs(values: tuple[str, ...]) -> list[tuple[str, str]]:
    pairs = []
    for value in values:
        remote, sep, slug = value.rpartition("=")
        if not sep or not remote or not slug:
            raise click.BadParameter(f"{value!r}: write REMOTE=MODULE_SLUG", param_hint="--course")
        pairs.append((remote, slug))
    return pairs


def _create(name, kind, url, secret, courses, **options) -> None:
    try:
        source = operations.create_source(None, name, kind, url, secret=secret,
                                          mappings=_pairs(courses), **options)
    except LmsBridgeError as exc:
        db.session.rollback()
        raise click.ClickException(exc.message) from None
    click.echo(f"Added {kind.value} source {source.name} (id {source.id}) with "
               f"{len(source.mappings)} mapping(s).")


@sync_group.command("add-moodle")
@click.argument("name")
@click.option("--url", required=True, help="The Moodle site, e.g. https://clikc.example.org")
@click.option("--token", required=True, prompt=True, hide_input=True,
              help="Web service token (stored encrypted, never shown again).")
@MAPPING
@SCHEDULE
@MATCH
@PRIVATE
@with_appcontext
def add_moodle(name, url, token, courses, schedule_minutes, match_by, allow_private):
    """Add a Moodle web services source."""
    _create(name, SourceKind.MOODLE, url, token, courses, schedule_minutes=schedule_minutes,
            match_by=MatchBy(match_by), allow_private=allow_private)


@sync_group.command("add-lrs")
@click.argument("name")
@click.option("--url", required=True, help="The xAPI endpoint, e.g. https://lrs.example.org/xAPI/")
@click.option("--username", required=True)
@click.option("--password", required=True, prompt=True, hide_input=True)
@click.option("--activity", "courses", multiple=True, metavar="IRI=MODULE_SLUG",
              help="Map an activity IRI to a module; repeat.")
@SCHEDULE
@MATCH
@PRIVATE
@with_appcontext
def add_lrs(name, url, username, password, courses, schedule_minutes, match_by, allow_private):
    """Add an xAPI LRS source."""
    _create(name, SourceKind.XAPI, url, password, courses, username=username,
            schedule_minutes=schedule_minutes, match_by=MatchBy(match_by),
            allow_private=allow_private)


@sync_group.command("import-csv")
@click.argument("name")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--course-key", help="The course a Moodle export is of (it does not say).")
@click.option("--pass-threshold", type=click.FloatRange(0, 1),
              help="Scaled grade at or above which a Moodle grades export counts as passed.")
@MAPPING
@MATCH
@with_appcontext
def import_csv(name, path, course_key, pass_threshold, courses, match_by):
    """Import a CSV report once, as a run of the CSV source NAME (created if new, reading
    reports given to it: the path is not kept)."""
    try:
        try:
            source = operations.source_by_name(name)
        except LmsBridgeError:
            source = operations.create_source(
                None, name, SourceKind.CSV, "", match_by=MatchBy(match_by),
                options={"course_key": course_key, "pass_threshold": pass_threshold})
        for remote, slug in _pairs(courses):
            operations.map_course(None, source, remote, slug)
    except LmsBridgeError as exc:
        db.session.rollback()
        raise click.ClickException(exc.message) from None
    _run(source.id, full=True, trigger=RunTrigger.IMPORT, csv_path=path)


@sync_group.command("run")
@click.argument("name")
@click.option("--full", is_flag=True, help="Re-read everything instead of what changed.")
@with_appcontext
def run_command(name, full):
    """Sync one source now, with a progress bar."""
    try:
        source = operations.source_by_name(name)
    except LmsBridgeError as exc:
        raise click.ClickException(exc.message) from None
    _run(source.id, full=full, trigger=RunTrigger.CLI)


def _run(source_id: int, *, full: bool, trigger: RunTrigger, csv_path: Path | None = None) -> None:
    from .jobs import run_sync

    bar = None

    def show(run: RunProgress) -> None:
        nonlocal bar
        if bar is None and run.records_seen:
            bar = click.progressbar(length=run.records_seen, label="Recording", file=sys.stderr)
            bar.__enter__()
        if bar is not None:
            bar.update(run.records_done - bar.pos)

    click.echo("Pulling…", err=True)
    run = run_sync(source_id, trigger=trigger, full=full, csv_path=csv_path, on_progress=show)
    if bar is not None:
        bar.__exit__(None, None, None)
    if run is None:
        raise click.ClickException("Another process is syncing this source right now.")
    click.echo(f"Run {run.id}: {run.status.value} ({run.calls} calls). {run.message}")
    if run.status.value in ("failed", "needs_attention"):
        sys.exit(1)


@sync_group.command("status")
@with_appcontext
def status():
    """Every source: health, last and next run, people to link."""
    rows = queries.sources()
    if not rows:
        click.echo("No sync source.")
    for row in rows:
        s, last = row.source, row.last_run
        flag = "NEEDS ATTENTION" if s.needs_attention else s.health.value
        click.echo(f"{s.name} [{s.kind.value}] {flag}")
        click.echo(f"  last run: {_describe(last)}")
        nxt = row.next_run_at.strftime("%Y-%m-%d %H:%M UTC") if row.next_run_at else (
            f"every {s.schedule_minutes} min" if s.schedule_minutes else "on demand")
        click.echo(f"  next run: {nxt}; people to link: {row.unmatched}")
        if s.health_detail:
            click.echo(f"  {s.health_detail}")


def _describe(run: SyncRun | None) -> str:
    if run is None:
        return "never"
    return f"{run.started_at:%Y-%m-%d %H:%M} {run.status.value} ({run.calls} calls) {run.message}"


@completions_group.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv",
              show_default=True)
@click.option("--output", type=click.File("w"), default="-", help="File (default: stdout).")
@with_appcontext
def export(fmt, output):
    """Every stored completion: e-mail, module slug, status, score, completed at, source."""
    rows = queries.completion_rows()
    if fmt == "json":
        json.dump(list(rows), output, indent=1)
        output.write("\n")
        return
    writer = csv.DictWriter(output, fieldnames=queries.EXPORT_FIELDS, lineterminator="\n")
    writer.writeheader()
    # text a spreadsheet would run as a formula (a source named "-x") is written as text
    writer.writerows({k: neutralise(v) if isinstance(v, str) else v for k, v in row.items()}
                     for row in rows)
