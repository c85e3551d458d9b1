"""`lms-bridge users list|deactivate|set-roles` and `lms-bridge tokens create`."""
import csv
import io
import json

import pytest
from click.testing import CliRunner
from flask.cli import ScriptInfo

from lms_bridge.cli import cli
from tests.accounts.people_helpers import events, person


@pytest.fixture
def invoke(app):
    def run(*args):
        return CliRunner().invoke(cli, list(args), obj=ScriptInfo(create_app=lambda: app))
    return run


def test_users_list_filters_and_neutralises_formula_cells(invoke, make_user):
    make_user("learner", country="KR", email="a@example.org", name="=HYPERLINK(\"http://x\")")
    make_user("coordinator", country="FR", email="b@example.org", name="Bea")
    result = invoke("users", "list", "--administration", "kr")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [r["email"] for r in rows] == ["a@example.org"]
    assert rows[0]["name"] == "'=HYPERLINK(\"http://x\")"
    assert rows[0]["state"] == "active" and rows[0]["administration"] == "KR"


def test_users_list_as_json_by_role(invoke, make_user):
    make_user("learner", email="a@example.org")
    make_user("coordinator", email="b@example.org")
    result = invoke("users", "list", "--role", "coordinator", "--format", "json")
    assert [row["email"] for row in json.loads(result.output)] == ["b@example.org"]


def test_users_list_unknown_administration(invoke):
    result = invoke("users", "list", "--administration", "ZZ")
    assert result.exit_code == 2 and "no administration with country code 'ZZ'" in result.output


def test_users_deactivate_needs_a_reason_and_records_it(app, invoke, make_user):
    make_user("admin", email="boss@example.org")
    learner = make_user("learner", email="l@example.org")
    assert invoke("users", "deactivate", "l@example.org").exit_code == 2
    result = invoke("users", "deactivate", "L@Example.org", "--reason", "left")
    assert result.exit_code == 0, result.output
    assert person(app, learner)["active"] is False
    [event] = events(app, "user.deactivated")
    assert event.actor_id is None and event.reason == "left"


def test_users_deactivate_refuses_the_last_admin(app, invoke, make_user):
    admin = make_user("admin", email="boss@example.org")
    result = invoke("users", "deactivate", "boss@example.org", "--reason", "x")
    assert result.exit_code == 1 and "last active administrator" in result.output
    assert person(app, admin)["active"] is True


def test_users_set_roles(app, invoke, make_user):
    learner = make_user("learner", email="l@example.org")
    result = invoke("users", "set-roles", "l@example.org", "--role", "learner",
                    "--role", "coordinator")
    assert result.exit_code == 0, result.output
    assert person(app, learner)["roles"] == ["coordinator", "learner"]


def test_unknown_email_is_named(invoke, administrations):
    result = invoke("users", "set-roles", "ghost@example.org", "--role", "learner")
    assert result.exit_code == 1 and "No account has the e-mail ghost@example.org" in result.output


def test_tokens_create_prints_a_working_token_once(app, invoke, make_user):
    make_user("learner", email="l@example.org")
    result = invoke("tokens", "create", "l@example.org", "--days", "7")
    assert result.exit_code == 0, result.output
    token = result.output.strip()
    assert token.startswith("lmsb_")
    me = app.test_client().get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200 and me.get_json()["email"] == "l@example.org"


def test_tokens_create_refuses_bad_days(invoke, make_user):
    make_user("learner", email="l@example.org")
    assert invoke("tokens", "create", "l@example.org", "--days", "0").exit_code == 2
