import os
import stat

import pytest

from lms_bridge.config import SETTINGS, ConfigError, load_settings


def test_defaults_and_generated_secret(tmp_path):
    values = load_settings(tmp_path, environ={})
    assert values["DATABASE_URL"] == f"sqlite:///{tmp_path / 'lms_bridge.sqlite3'}"
    secret_file = tmp_path / "secret_key"
    assert values["SECRET_KEY"] == secret_file.read_text()
    assert len(values["SECRET_KEY"]) == 64
    assert stat.S_IMODE(os.stat(secret_file).st_mode) == 0o600
    assert load_settings(tmp_path, environ={})["SECRET_KEY"] == values["SECRET_KEY"], "kept across runs"


def test_environment_beats_instance_file(tmp_path):
    (tmp_path / "config.toml").write_text('login_max_failures = 3\nlog_level = "debug"\n')
    values = load_settings(tmp_path, environ={"LMS_BRIDGE_LOGIN_MAX_FAILURES": "7"})
    assert values["LOGIN_MAX_FAILURES"] == 7
    assert values["LOG_LEVEL"] == "DEBUG"


@pytest.mark.parametrize("name, value, expected", [
    ("LMS_BRIDGE_LOGIN_MAX_FAILURES", "abc", "LMS_BRIDGE_LOGIN_MAX_FAILURES: expected a whole number"),
    ("LMS_BRIDGE_LOGIN_MAX_FAILURES", "0", "at least 1"),
    ("LMS_BRIDGE_SESSION_COOKIE_SECURE", "maybe", "expected true or false"),
    ("LMS_BRIDGE_DATABASE_URL", "mysql://x", "expected a sqlite:/// or postgresql"),
    ("LMS_BRIDGE_LOG_LEVEL", "LOUD", "expected DEBUG, INFO"),
])
def test_bad_values_name_the_variable(tmp_path, name, value, expected):
    with pytest.raises(ConfigError, match=expected) as info:
        load_settings(tmp_path, environ={name: value})
    assert name in str(info.value) and repr(value) in str(info.value)


def test_instance_file_errors_name_the_file(tmp_path):
    (tmp_path / "config.toml").write_text("login_max_failures = \n")
    with pytest.raises(ConfigError, match="config.toml: not valid TOML"):
        load_settings(tmp_path, environ={})
    (tmp_path / "config.toml").write_text("colour = 'blue'\n")
    with pytest.raises(ConfigError, match="unknown setting.*colour"):
        load_settings(tmp_path, environ={})


def test_postgres_url_uses_psycopg3(tmp_path):
    values = load_settings(tmp_path, environ={"LMS_BRIDGE_DATABASE_URL": "postgresql://u@h/db"})
    assert values["DATABASE_URL"] == "postgresql+psycopg://u@h/db"


def test_every_setting_is_documented_in_the_readme():
    from tests.conftest import PROJECT_ROOT

    readme = (PROJECT_ROOT / "README.md").read_text()
    for setting in SETTINGS:
        assert f"LMS_BRIDGE_{setting.name}" in readme, f"README lacks LMS_BRIDGE_{setting.name}"
    assert "LMS_BRIDGE_INSTANCE_PATH" in readme
