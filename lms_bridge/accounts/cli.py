"""`lms-bridge users list|deactivate|set-roles` and `lms-bridge tokens create`.

Commands act as the server's operator: their audit events have no actor and say "command line".
"""
from __future__ import annotations

import csv
import json

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from ..db import db
from ..spreadsheets import neutralise
from ..errors import LmsBridgeError
from .models import Administration, Role, User
from .operations import create_api_token
from .people import operations as people
from .queries import find_by_email
from .people.queries import PeopleFilter, people_query, state_of

LIST_FIELDS = ["email", "name", "roles", "administration", "region", "state", "created_at"]


def _administration_id(code: str | None) -> int | None:
    if not code:
        return None
    found = db.session.scalar(select(Administration.id).where(
        Administration.country_code == code.strip().upper()))
    if found is None:
        raise click.BadParameter(f"no administration with country code {code!r}",
                                 param_hint="--administration")
    return found


def _row(user) -> dict[str, str]:
    return {"email": user.email, "name": user.display_name,
            "roles": " ".join(sorted(r.value for r in user.roles)),
            "administration": user.administration.country_code if user.administration else "",
            "region": user.administration.region.value if user.administration else "",
            "state": state_of(user).value, "created_at": user.created_at.isoformat()}


@click.command("list")
@click.option("--role", type=click.Choice([r.value for r in Role]))
@click.option("--administration", help="ISO country code of the member administration.")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv",
              show_default=True)
@with_appcontext
def users_list(role, administration, fmt):
    """Every account (or those with ROLE / of ADMINISTRATION), ordered by e-mail."""
    filters = PeopleFilter(role=Role(role) if role else None,
                           administration_id=_administration_id(administration))
    query = people_query(filters).order_by(User.email)
    rows = (_row(user) for user in db.session.scalars(query))
    out = click.get_text_stream("stdout")
    if fmt == "json":
        json.dump(list(rows), out, indent=1, ensure_ascii=False)
        out.write("\n")
        return
    writer = csv.DictWriter(out, fieldnames=LIST_FIELDS, lineterminator="\n")
    writer.writeheader()
    # names are typed by the people themselves: "=HYPERLINK(...)" must stay text in a spreadsheet
    writer.writerows({k: neutralise(v) for k, v in row.items()} for row in rows)


def _run(change, *args) -> None:
    try:
        change(*args)
    except LmsBridgeError as exc:
        db.session.rollback()
        raise click.ClickException(exc.message) from None


@click.command("deactivate")
@click.argument("email")
@click.option("--reason", required=True, help="Why (kept in the audit log).")
@with_appcontext
def users_deactivate(email, reason):
    """Deactivate an account: its sessions, API tokens and launch tokens stop working now."""
    _run(lambda: people.deactivate(None, find_by_email(email).id, reason))
    click.echo(f"Deactivated {email}.")


@click.command("set-roles")
@click.argument("email")
@click.option("--role", "roles", multiple=True, required=True,
              type=click.Choice([r.value for r in Role]), help="Repeat for several roles.")
@click.option("--reason", default="Set from the command line", show_default=True)
@with_appcontext
def users_set_roles(email, roles, reason):
    """Give an account exactly these roles."""
    _run(lambda: people.set_roles(None, find_by_email(email).id,
                                  [Role(r) for r in roles], reason))
    click.echo(f"{email} now has: {', '.join(sorted(roles))}.")


@click.group("tokens")
def tokens_group():
    """Personal API tokens."""


@tokens_group.command("create")
@click.argument("email")
@click.option("--days", type=click.IntRange(1, 3650), default=None,
              help="Lifetime in days (default: the API_TOKEN_DAYS setting).")
@click.option("--name", default="command line", show_default=True)
@with_appcontext
def tokens_create(email, days, name):
    """Create an API token for EMAIL and print it (this once: only its hash is stored)."""
    created: list[str] = []

    def create():
        user = find_by_email(email)
        days_valid = days or current_app.config["API_TOKEN_DAYS"]
        created.append(create_api_token(user, name, days_valid)[0])
    _run(create)
    click.echo(created[0])


def register_commands(cli: click.Group, users_group: click.Group) -> None:
    for command in (users_list, users_deactivate, users_set_roles):
        users_group.add_command(command)
    cli.add_command(tokens_group)
