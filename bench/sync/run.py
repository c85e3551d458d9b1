"""Benchmark: a full Moodle sync against the plain sequential loop a naive client would run.

The loopback Moodle of tests/sync answers for N learners (default 2,000) in 4 courses, each call
delayed by a fixed latency (default 5 ms). Printed, all measured in this run:

- the naive baseline: a plain sequential ``requests`` loop making the calls a naive client needs
  (per course: course id, enrolled users; per learner: activity completion, course completion,
  SCORM attempt count and the tracks of each attempt);
- the full sync (``lms_bridge.syncing.jobs.run_sync(full=True)``: pull, match, record into a fresh SQLite
  database) and its ratio to the baseline (target <= 0.5);
- the calls a no-change sync makes per course (target <= 3).

Run: ``python -m bench.sync [--learners 2000] [--latency-ms 5] [--workers 8]``.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "sync"))

from moodle_server import TOKEN, FakeMoodle, MoodleHandler  # noqa: E402
from moodle_site import generated_site  # noqa: E402

COURSES = 4
SHARED = ROOT.parent / "shared" / "moodle-ws"


class SlowHandler(MoodleHandler):
    latency = 0.005

    def _serve(self, form):
        time.sleep(self.latency)
        super()._serve(form)


def naive_sync(base_url: str, shortnames: list[str]) -> tuple[float, int]:
    """The sequential loop: returns (seconds, calls)."""
    url, calls = f"{base_url}/webservice/rest/server.php", 0
    started = time.perf_counter()
    with requests.Session() as http:
        def call(function: str, **params):
            nonlocal calls
            calls += 1
            return http.post(url, data={"wstoken": TOKEN, "wsfunction": function,
                                        "moodlewsrestformat": "json", **params}, timeout=30).json()
        for shortname in shortnames:
            course = call("core_course_get_courses_by_field", field="shortname",
                          value=shortname)["courses"][0]
            scorm = call("mod_scorm_get_scorms_by_courses", **{"courseids[0]": course["id"]})
            scorm_id = scorm["scorms"][0]["id"]
            sco_id = [s for s in call("mod_scorm_get_scorm_scoes", scormid=scorm_id)["scoes"]
                      if s.get("scormtype") == "sco"][0]["id"]
            for user in call("core_enrol_get_enrolled_users", courseid=course["id"]):
                uid = user["id"]
                call("core_completion_get_activities_completion_status", courseid=course["id"], userid=uid)
                call("core_completion_get_course_completion_status", courseid=course["id"], userid=uid)
                attempts = call("mod_scorm_get_scorm_attempt_count", scormid=scorm_id, userid=uid)
                for attempt in range(1, int(attempts.get("attemptscount", 0)) + 1):
                    call("mod_scorm_get_scorm_sco_tracks", scoid=sco_id, userid=uid, attempt=attempt)
    return time.perf_counter() - started, calls


def make_app(tmp: Path, site, workers: int):
    from lms_bridge import create_app
    from lms_bridge.accounts.models import User
    from lms_bridge.db import db
    from lms_bridge.migrate import upgrade
    from sync.http import HttpOptions

    app = create_app({"INSTANCE_PATH": tmp / "instance", "SECRET_KEY": "bench",
                      "DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite3'}",
                      "SYNC_HTTP_OPTIONS": HttpOptions(max_workers=workers,
                                                       max_requests_per_second=None)})
    with app.app_context():
        upgrade(db.engine)
        db.session.add_all(User(email=l.email, display_name=l.fullname, password_hash="!")
                           for l in site.learners.values())
        db.session.commit()
    return app


def measure_sync(app, base_url: str, shortnames: list[str]) -> tuple[float, object, object]:
    from lms_bridge.syncing import operations
    from lms_bridge.syncing.jobs import run_sync
    from sync.records import SourceKind

    with app.app_context():
        source = operations.create_source(
            None, "bench", SourceKind.MOODLE, base_url, secret=TOKEN, allow_private=True,
            mappings=[(s, f"bench-{s.lower()}") for s in shortnames])
        started = time.perf_counter()
        full = run_sync(source.id, full=True)
        seconds = time.perf_counter() - started
        again = run_sync(source.id)
        return seconds, full, again


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--learners", type=int, default=2000)
    parser.add_argument("--latency-ms", type=float, default=5.0)
    parser.add_argument("--workers", type=int, default=8)
    args = parser.parse_args(argv)
    SlowHandler.latency = args.latency_ms / 1000
    site = generated_site(COURSES, args.learners)
    shortnames = [c.shortname for c in site.courses]
    with FakeMoodle(SHARED, site) as server, tempfile.TemporaryDirectory() as tmp:
        server.RequestHandlerClass = SlowHandler
        naive_seconds, naive_calls = naive_sync(server.base_url, shortnames)
        app = make_app(Path(tmp), site, args.workers)
        sync_seconds, full, again = measure_sync(app, server.base_url, shortnames)
        app.extensions["lms_bridge.db"][0].dispose()
    result = {"naive_seconds": naive_seconds, "naive_calls": naive_calls,
              "sync_seconds": sync_seconds, "sync_calls": full.calls, "records": full.created,
              "ratio": sync_seconds / naive_seconds,
              "no_change_calls_per_course": again.calls / COURSES}
    print(f"{args.learners} learners x {COURSES} courses, {args.latency_ms:g} ms per call, "
          f"{args.workers} workers")
    print(f"naive sequential loop : {naive_seconds:8.2f} s  {naive_calls:6d} calls")
    print(f"full sync (pull+store): {sync_seconds:8.2f} s  {full.calls:6d} calls  "
          f"{full.created} completions created  ({full.status.value})")
    print(f"ratio full/naive      : {result['ratio']:8.2f}   (target <= 0.5)")
    print(f"no-change sync        : {again.calls} calls = "
          f"{result['no_change_calls_per_course']:.1f} per course (target <= 3)")
    return result


if __name__ == "__main__":
    main()
