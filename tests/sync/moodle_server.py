"""A loopback HTTP server that plays Moodle's REST web services for tests.

It answers ``/webservice/rest/server.php`` (GET or POST, ``moodlewsrestformat=json``) for a
:class:`moodle_site.Site`, in the recorded shapes, with Moodle's HTTP-200 error
bodies (the ``errors_*.json`` files) for a bad token, an unknown function, a missing parameter,
an unknown course or user and a learner not enrolled. Faults are queued per function.
"""
from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable
from urllib.parse import parse_qs, urlsplit

from moodle_site import SERVICE_USER_ID, ActivityAnswers, Site

TOKEN = "5f0c2a9e8b7d4c1aa3b2c1d0e9f8a7b6"


@dataclass
class Fault:
    """What to do instead of answering, for the next ``times`` calls of ``function``."""

    kind: str                  # status, truncated, error_body, timeout, drop, redirect
    function: str | None = None
    times: int = 1
    status: int = 500
    retry_after: str | None = None
    body: str = ""
    delay: float = 0.0


class Missing(Exception):
    """The site has no such course, user or enrolment; args[0] names the recorded error."""


class MoodleHandler(BaseHTTPRequestHandler):
    server: "FakeMoodle"

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:
        self._serve(parse_qs(urlsplit(self.path).query))

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        form = parse_qs(self.rfile.read(length).decode())
        form.update(parse_qs(urlsplit(self.path).query))
        self._serve(form)

    def _serve(self, form: dict[str, list[str]]) -> None:
        if urlsplit(self.path).path != "/webservice/rest/server.php":
            return self._send(404, b"")
        params = {k: v[0] for k, v in form.items()}
        function = params.pop("wsfunction", "")
        self.server.record_call(function, params)
        fault = self.server.take_fault(function)
        if fault is not None:
            return self._fault(fault)
        token = params.pop("wstoken", "")
        if token != self.server.token:
            return self._json(self.server.error("errors_bad_token"))
        self._json(self.server.answer(function, params))
        hook = self.server.after_call.pop(function, None)
        if hook:
            hook()

    def _fault(self, fault: Fault) -> None:
        if fault.kind == "timeout":
            time.sleep(fault.delay)
            return self._json({"late": True})
        if fault.kind == "drop":
            self.close_connection = True
            return
        if fault.kind == "truncated":
            return self._send(200, fault.body.encode()[: len(fault.body) // 2])
        if fault.kind == "error_body":
            return self._send(200, fault.body.encode())
        if fault.kind == "redirect":
            return self._send(fault.status, b"", {"Location": fault.body})
        headers = {"Retry-After": fault.retry_after} if fault.retry_after else {}
        self._send(fault.status, b"<html>Service unavailable</html>", headers)

    def _json(self, payload: Any) -> None:
        self._send(200, json.dumps(payload).encode())

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


class FakeMoodle(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, samples: Path, site: Site, token: str = TOKEN) -> None:
        super().__init__(("127.0.0.1", 0), MoodleHandler)
        self.samples, self.site, self.token = samples, site, token
        self.answers = ActivityAnswers(samples, site)
        self.calls: list[tuple[str, dict[str, str]]] = []
        self.faults: list[Fault] = []
        self.after_call: dict[str, Callable[[], None]] = {}
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self.serve_forever, args=(0.02,), daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def __enter__(self) -> "FakeMoodle":
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.shutdown()
        self.server_close()

    def record_call(self, function: str, params: dict[str, str]) -> None:
        with self._lock:
            self.calls.append((function, params))

    def take_fault(self, function: str) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.function in (None, function):
                    fault.times -= 1
                    if fault.times <= 0:
                        self.faults.remove(fault)
                    return fault
        return None

    def error(self, name: str) -> dict:
        return json.loads((self.samples / f"{name}.json").read_text())

    def count(self, function: str | None = None) -> int:
        return sum(1 for f, _ in self.calls if function in (None, f))

    def answer(self, function: str, params: dict[str, str]) -> Any:
        handler = getattr(self, f"_{function}", None)
        if handler is None:
            return self.error("errors_bad_function")
        try:
            return handler(params)
        except KeyError:
            return self.error("errors_missing_param")

    def _core_webservice_get_site_info(self, p: dict) -> Any:
        return self.answers.site_info()

    def _core_course_get_courses_by_field(self, p: dict) -> Any:
        return self.answers.courses_by_field(p["value"])

    def _course(self, p: dict):
        course = self.site.course(int(p["courseid"]))
        if course is None:
            raise Missing("errors_unknown_course")
        return course

    def _learner(self, course, p: dict) -> int:
        user_id = int(p["userid"])
        if user_id == SERVICE_USER_ID:
            raise Missing("errors_user_not_enrolled")
        if user_id not in self.site.learners or user_id in self.site.deleted:
            raise Missing("errors_unknown_user")
        if (course.id, user_id) not in self.site.enrolments:
            raise Missing("errors_user_not_enrolled")
        return user_id

    def _per_course(self, p: dict, build: Callable[..., Any], with_user: bool) -> Any:
        try:
            course = self._course(p)
            return build(course, self._learner(course, p)) if with_user else build(course)
        except Missing as missing:
            return self.error(str(missing.args[0]))

    def _core_enrol_get_enrolled_users(self, p: dict) -> Any:
        return self._per_course(p, self.answers.enrolled_users, False)

    def _gradereport_user_get_grade_items(self, p: dict) -> Any:
        answer = self._per_course(p, self.answers.grade_items, False)
        if "userid" in p and "usergrades" in answer:
            answer["usergrades"] = [g for g in answer["usergrades"]
                                    if g["userid"] == int(p["userid"])]
        return answer

    def _core_completion_get_activities_completion_status(self, p: dict) -> Any:
        return self._per_course(p, self.answers.activities, True)

    def _core_completion_get_course_completion_status(self, p: dict) -> Any:
        return self._per_course(p, self.answers.course_completion, True)

    def _mod_scorm_get_scorms_by_courses(self, p: dict) -> Any:
        ids = [int(v) for k, v in p.items() if k.startswith("courseids[")]
        return self.answers.scorms_by_courses(ids)

    def _mod_scorm_get_scorm_scoes(self, p: dict) -> Any:
        return self.answers.scoes(int(p["scormid"]))

    def _scorm_course(self, p: dict, key: str):
        value = int(p[key])
        for course in self.site.courses:
            if value == (course.scorm_id if key == "scormid" else course.sco_id):
                return course
        raise Missing("errors_unknown_scorm")

    def _mod_scorm_get_scorm_attempt_count(self, p: dict) -> Any:
        try:
            course = self._scorm_course(p, "scormid")
            return self.answers.attempt_count(course, self._learner(course, p))
        except Missing as missing:
            return self.error(str(missing.args[0]))

    def _mod_scorm_get_scorm_sco_tracks(self, p: dict) -> Any:
        try:
            course = self._scorm_course(p, "scoid")
            user_id = self._learner(course, p)
        except Missing as missing:
            return self.error(str(missing.args[0]))
        return self.answers.sco_tracks(course, user_id, int(p.get("attempt", 0)))
