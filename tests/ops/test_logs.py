"""Log lines as JSON objects, one per line, carrying the request's id, route and status."""
import io
import json
import logging

import pytest

from lms_bridge.ops.logs import configure_logging


@pytest.fixture
def json_log():
    """Every log line goes, as JSON, to the returned buffer (the root logger restored after)."""
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    buffer = io.StringIO()
    configure_logging("INFO", "json", stream=buffer)
    yield buffer
    for handler in list(root.handlers):
        root.removeHandler(handler)
    for handler in saved[0]:
        root.addHandler(handler)
    root.setLevel(saved[1])


def _lines(buffer) -> list[dict]:
    return [json.loads(line) for line in buffer.getvalue().splitlines()]


def test_each_request_is_one_json_line_with_its_id_route_status_and_duration(client, json_log):
    response = client.get("/api/v1/modules/a%0aforged", headers={"X-Request-Id": "edge-1234abcd"})
    assert response.headers["X-Request-Id"] == "edge-1234abcd"
    lines = _lines(json_log)
    access = [line for line in lines if line["logger"] == "lms_bridge.access"]
    assert len(access) == 1
    line = access[0]
    assert set(line) >= {"time", "level", "logger", "message", "request_id", "route", "status",
                         "duration_ms"}
    assert line["request_id"] == "edge-1234abcd" and line["route"] == "/api/v1/modules/<slug>"
    assert line["status"] == response.status_code and line["level"] == "INFO"
    assert line["time"].endswith("+00:00") and line["duration_ms"] >= 0
    assert "\n" not in json_log.getvalue().strip().split("\n")[0][:-1]  # one object, one line


def test_lines_logged_during_a_request_carry_its_id(app, client, json_log):
    @app.get("/ops-test-log")
    def logs_something():
        logging.getLogger("lms_bridge.test").warning("inside the request")
        return "ok"

    response = client.get("/ops-test-log")
    own = [line for line in _lines(json_log) if line["logger"] == "lms_bridge.test"]
    assert own[0]["request_id"] == response.headers["X-Request-Id"]
    assert len(own[0]["request_id"]) == 32  # a new id when the client sent none


def test_an_unusable_request_id_is_replaced(client, json_log):
    response = client.get("/healthz", headers={"X-Request-Id": "bad id; with spaces and \"quotes\""})
    assert response.headers["X-Request-Id"] != "bad id; with spaces and \"quotes\""
    assert _lines(json_log)[-1]["request_id"] == response.headers["X-Request-Id"]


def test_the_log_format_setting_is_checked(tmp_path):
    from lms_bridge.config import ConfigError, load_settings

    assert load_settings(tmp_path, environ={"LMS_BRIDGE_LOG_FORMAT": "JSON"})["LOG_FORMAT"] == "json"
    with pytest.raises(ConfigError, match="LMS_BRIDGE_LOG_FORMAT: expected text or json"):
        load_settings(tmp_path, environ={"LMS_BRIDGE_LOG_FORMAT": "xml"})
    with pytest.raises(ConfigError, match="LMS_BRIDGE_METRICS_NETWORKS: expected networks"):
        load_settings(tmp_path, environ={"LMS_BRIDGE_METRICS_NETWORKS": "10.0.0.0/8,intranet"})
