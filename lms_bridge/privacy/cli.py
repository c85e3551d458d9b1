"""``lms-bridge privacy export EMAIL -o FILE.zip`` and ``lms-bridge privacy erase EMAIL --reason``."""
from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext
from sqlalchemy import func, select

from ..accounts.models import User
from ..db import db
from ..errors import LmsBridgeError
from .operations import erase
from .queries import export_zip


def _user(email: str) -> User:
    user = db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))
    if user is None:
        raise click.ClickException(f"No account has the e-mail {email!r}.")
    return user


@click.group("privacy")
def privacy_group() -> None:
    """A person's data: export everything held, or erase them."""


@privacy_group.command("export")
@click.argument("email")
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False),
              help="the zip file to write")
@with_appcontext
def export_command(email: str, output: str) -> None:
    """Write everything held about the person to a zip of JSON and CSV files."""
    user = _user(email)
    Path(output).write_bytes(export_zip(user.id))
    click.echo(f"Wrote everything held about person {user.id} to {output}")


@privacy_group.command("erase")
@click.argument("email")
@click.option("--reason", required=True, help="why (the person's request and its reference)")
@with_appcontext
def erase_command(email: str, reason: str) -> None:
    """Erase the person (refused while they have an open attempt, or for the last admin)."""
    user = _user(email)
    try:
        erasure = erase(None, user.id, reason)
    except LmsBridgeError as exc:
        db.session.rollback()
        raise click.ClickException(exc.message) from None
    click.echo(f"Erased person {user.id}: now {erasure.pseudonym}")
