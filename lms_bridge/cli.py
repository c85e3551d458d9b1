"""The `lms-bridge` command (Flask's click integration)."""
from __future__ import annotations

import logging
import sys

import click
from flask import current_app
from flask.cli import AppGroup, ScriptInfo, with_appcontext

from . import __version__, create_app
from .accounts import operations
from .accounts.cli import register_commands as register_account_commands
from .accounts.models import Administration, Role
from .catalog.cli import CATALOG_COMMANDS
from .config import ConfigError
from .conformance_cli import conformance
from .db import db
from .errors import LmsBridgeError
from .experts.cli import experts_group, report_group
from .privacy.cli import privacy_group
from .syncing.cli import completions_group, sync_group


def _create_app():
    try:
        return create_app()
    except ConfigError as exc:
        click.echo(f"Configuration error: {exc}", err=True)
        sys.exit(2)


@click.group(cls=AppGroup)
@click.version_option(__version__, prog_name="lms-bridge")
def cli():
    """LMS Bridge: SCORM packages, learner runtime, remote LMS sync, workshop eligibility.

    Settings come from LMS_BRIDGE_* environment variables (see the README).
    """


def main() -> None:
    """Console-script entry point."""
    cli(obj=ScriptInfo(create_app=_create_app, set_debug_flag=False, load_dotenv_defaults=False))


@cli.group("db")
def db_group():
    """Database schema."""


@db_group.command("upgrade")
@click.option("--revision", default="head", show_default=True)
@with_appcontext
def db_upgrade(revision: str):
    """Apply migrations up to REVISION."""
    from .migrate import current_revision, upgrade

    upgrade(db.engine, revision)
    click.echo(f"Database at revision {current_revision(db.engine)} ({_safe_url()}).")


@db_group.command("current")
@with_appcontext
def db_current():
    """Show the schema revision of the database."""
    from .migrate import current_revision, head_revision

    click.echo(f"{current_revision(db.engine) or 'empty'} (latest: {head_revision()})")


def _safe_url() -> str:
    return db.engine.url.render_as_string(hide_password=True)


@cli.group("users")
def users_group():
    """User accounts."""


@users_group.command("create")
@click.option("--email", required=True)
@click.option("--name", "display_name", required=True)
@click.option("--role", "roles", multiple=True, required=True,
              type=click.Choice([r.value for r in Role]), help="Repeat for several roles.")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--administration", help="ISO country code of the member administration.")
@click.option("--language", default="en", show_default=True)
@with_appcontext
def users_create(email, display_name, roles, password, administration, language):
    """Create an approved account."""
    from sqlalchemy import select

    admin_id = None
    if administration:
        admin_id = db.session.scalar(select(Administration.id).where(
            Administration.country_code == administration.upper()))
        if admin_id is None:
            raise click.BadParameter(f"no administration with country code {administration!r}",
                                     param_hint="--administration")
    try:
        user = operations.create_user(email, display_name, password, [Role(r) for r in roles],
                                      administration_id=admin_id, language=language)
        operations.record_audit(None, "user.created", "user", user.id,
                                f"Created {user.email} from the command line ({', '.join(roles)})")
        db.session.commit()
    except LmsBridgeError as exc:
        db.session.rollback()
        raise click.ClickException(exc.message) from None
    click.echo(f"Created {user.email} ({', '.join(roles)}).")


@cli.group("demo")
def demo_group():
    """Demo data."""


@demo_group.command("load")
@click.option("--reset-passwords", is_flag=True, help="Give the demo accounts new passwords.")
@with_appcontext
def demo_load(reset_passwords: bool):
    """Load demo administrations and one user of every role (passwords printed once)."""
    from .demo import load_demo

    shown = load_demo(reset_passwords=reset_passwords)
    if not shown:
        click.echo("Demo data already loaded; their passwords were printed when they were "
                   "created. `lms-bridge demo load --reset-passwords` sets new ones.")
        return
    click.echo("Demo accounts (these passwords are shown only now):")
    email_width = max(len(email) for email, _, _ in shown)
    roles_width = max(len(roles) for _, roles, _ in shown)
    for email, roles, password in shown:
        click.echo(f"  {email:{email_width}}  {roles:{roles_width}}  {password}")


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int)
@click.option("--no-scheduler", is_flag=True,
              help="Do not run the sync scheduler here (run `lms-bridge scheduler` instead).")
@click.option("--log-format", type=click.Choice(["text", "json"]), default=None,
              help="Log lines as text or one JSON object each [default: LOG_FORMAT setting].")
@click.option("--graceful-timeout", default=30, show_default=True, type=float,
              help="On SIGTERM, seconds to finish the requests in progress before stopping.")
@with_appcontext
def serve(host: str, port: int, threads: int, no_scheduler: bool, log_format: str | None,
          graceful_timeout: float):
    """Serve the app with a production WSGI server (waitress) and the sync scheduler."""
    from .migrate import current_revision, head_revision
    from .ops.logs import configure_logging
    from .ops.serving import serve_gracefully

    if current_revision(db.engine) != head_revision():
        raise click.ClickException("The database schema is not up to date: run "
                                   "`lms-bridge db upgrade` first.")
    configure_logging(current_app.config["LOG_LEVEL"],
                      log_format or current_app.config["LOG_FORMAT"])
    # the scheduler's own start-up chatter ("Added job ...") is no news to whoever starts serve
    logging.getLogger("apscheduler").setLevel(max(logging.WARNING, logging.getLogger().level))
    app = current_app._get_current_object()
    if not no_scheduler:
        from .scheduler import start_scheduler
        start_scheduler(app)
    click.echo(f"LMS Bridge {__version__} is running: open http://{host}:{port}/ and sign in "
               f"(database {_safe_url()}; the scheduler runs "
               f"{'elsewhere' if no_scheduler else 'in this process'}; Ctrl-C stops).")
    # the access log and request metrics are the app's own (lms_bridge.ops.middleware)
    serve_gracefully(app, host=host, port=port, threads=threads, grace_seconds=graceful_timeout)


@cli.command("scheduler")
@with_appcontext
def scheduler_command():
    """Run the scheduler alone (sync sources, outbox delivery, URL re-checks), when the web
    runs in several worker processes."""
    from .ops.logs import configure_logging
    from .scheduler import run_forever

    configure_logging(current_app.config["LOG_LEVEL"], current_app.config["LOG_FORMAT"])
    click.echo("Scheduler running; Ctrl-C stops it.")
    run_forever(current_app._get_current_object())


# The command groups of the domains, in the order `lms-bridge --help` lists them.
for _command in (*CATALOG_COMMANDS, sync_group, completions_group, experts_group, report_group,
                 privacy_group, conformance):
    cli.add_command(_command)
register_account_commands(cli, users_group)


@cli.group("i18n")
def i18n_group():
    """The interface's translation catalogs (lms_bridge/translations)."""


@i18n_group.command("update")
def i18n_update():
    """Extract every marked string and merge it into each language's messages.po."""
    from .i18n_catalogs import update

    for code, count in update().items():
        click.echo(f"{code}: {count} string(s) to translate")


@i18n_group.command("check")
def i18n_check():
    """List what the catalogs lack (missing, untranslated or fuzzy entries, placeholders)."""
    from .i18n_catalogs import problems

    found = problems()
    for line in found:
        click.echo(line)
    click.echo(f"{len(found)} problem(s)")
    sys.exit(1 if found else 0)


@i18n_group.command("compile")
def i18n_compile():
    """Write the .mo files the app reads (the install runs this)."""
    from .i18n_catalogs import compile_all

    for path in compile_all():
        click.echo(f"wrote {path}")
