import subprocess
import sys

import pytest
from click.testing import CliRunner
from flask.cli import ScriptInfo
from sqlalchemy import select

from lms_bridge import __version__
from lms_bridge.accounts.models import Administration, Role, User
from lms_bridge.cli import cli
from lms_bridge.db import db


@pytest.fixture
def invoke(app):
    def run(*args):
        return CliRunner().invoke(cli, list(args), obj=ScriptInfo(create_app=lambda: app))
    return run


def test_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_db_upgrade_is_idempotent(invoke):
    result = invoke("db", "upgrade")
    assert result.exit_code == 0 and "Database at revision" in result.output
    assert "(latest:" in invoke("db", "current").output


def test_demo_load_prints_passwords_once_and_is_idempotent(app, invoke):
    first = invoke("demo", "load")
    assert first.exit_code == 0, first.output
    assert "admin@demo.lms-bridge.example" in first.output
    again = invoke("demo", "load")
    assert "already loaded" in again.output and "admin@demo" not in again.output
    with app.app_context():
        assert db.session.query(Administration).count() == 12
        roles = {role for user in db.session.scalars(select(User)) for role in user.roles}
        assert roles == set(Role)
    reset = invoke("demo", "load", "--reset-passwords")
    assert "learner@demo.lms-bridge.example" in reset.output


def test_users_create(app, invoke, administrations):
    result = invoke("users", "create", "--email", "Nc@Example.org", "--name", "N C",
                    "--role", "national_coordinator", "--role", "learner",
                    "--administration", "kr", "--password", "long enough pw")
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "nc@example.org"))
        assert user.roles == {Role.NATIONAL_COORDINATOR, Role.LEARNER}
        assert user.administration.country_code == "KR"


@pytest.mark.parametrize("args, message", [
    (["--role", "national_coordinator"], "acts for exactly one administration"),
    (["--role", "learner", "--administration", "XX"], "no administration with country code 'XX'"),
    (["--role", "wizard"], "'wizard' is not one of"),
])
def test_users_create_errors(invoke, administrations, args, message):
    result = invoke("users", "create", "--email", "a@example.org", "--name", "A",
                    "--password", "long enough pw", *args)
    assert result.exit_code != 0 and message in result.output


def test_users_create_duplicate(invoke, make_user):
    make_user("learner", email="dup@example.org")
    result = invoke("users", "create", "--email", "dup@example.org", "--name", "A",
                    "--role", "learner", "--password", "long enough pw")
    assert result.exit_code == 1 and "already exists" in result.output


def test_bad_setting_stops_the_command_with_a_clear_message(tmp_path):
    env = {"LMS_BRIDGE_INSTANCE_PATH": str(tmp_path), "LMS_BRIDGE_LOGIN_MAX_FAILURES": "many",
           "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", "from lms_bridge.cli import main; main()",
                             "db", "current"], env=env, capture_output=True, text=True)
    assert result.returncode == 2
    assert "LMS_BRIDGE_LOGIN_MAX_FAILURES: expected a whole number, got 'many'" in result.stderr


def test_serve_refuses_an_unmigrated_database(tmp_path):
    env = {"LMS_BRIDGE_INSTANCE_PATH": str(tmp_path), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", "from lms_bridge.cli import main; main()",
                             "serve", "--port", "0"], env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 1 and "lms-bridge db upgrade" in result.stderr


def test_serve_answers_the_login_page(tmp_path):
    import socket
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {"LMS_BRIDGE_INSTANCE_PATH": str(tmp_path), "PATH": "/usr/bin:/bin"}
    command = [sys.executable, "-c", "from lms_bridge.cli import main; main()"]
    subprocess.run(command + ["db", "upgrade"], env=env, check=True, capture_output=True)
    server = subprocess.Popen(command + ["serve", "--port", str(port)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=2) as response:
                    assert response.status == 200 and b"Sign in" in response.read()
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("lms-bridge serve did not answer")
    finally:
        server.terminate()
        log = server.communicate(timeout=10)[0]
    assert "GET /login 200" in log, log
