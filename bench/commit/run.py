"""Benchmark of the runtime commit path (run: ``python -m bench.commit [--learners 200]``).

1. Build an instance: SQLite database migrated to head, N learners, a published one-SCO
   package, an open attempt and a started session per learner; their launch tokens go to a file.
2. Start ``lms-bridge serve`` (waitress, its production configuration) on that instance, and a
   bare Flask endpoint inserting the same JSON into SQLite on the same server (baseline.py).
3. Throughput: Debian's ``wrk`` with commit.lua (15 elements, 4 KB suspend_data, increasing
   sequence numbers per learner) against both, same connections and duration. wrk is C and is
   not the bottleneck (a Python client tops out near 1,100 requests/s).
4. Latency at an offered 200 commits/s: an open-loop Python generator (fine at this rate),
   latency measured from each request's scheduled start, so a slow server cannot hide queueing.
5. Sent vs stored: every commit wrk and the generator sent must be in the commit log, applied,
   exactly once. wrk stops with requests in flight; those are re-sent with the same sequence
   numbers (a replay if the server had stored them) before counting.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
MANIFEST = """<?xml version="1.0"?>
<manifest identifier="bench" version="1" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
 <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
 <organizations default="o"><organization identifier="o"><title>Bench</title>
  <item identifier="one" identifierref="r"><title>One</title></item></organization></organizations>
 <resources><resource identifier="r" type="webcontent" adlcp:scormtype="sco" href="one.html">
  <file href="one.html"/></resource></resources>
</manifest>"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(instance: Path, learners: int) -> list[str]:
    """Create the instance, learners, attempts and sessions; return the launch tokens."""
    from lms_bridge import create_app
    from lms_bridge.accounts.models import Role
    from lms_bridge.accounts.operations import create_user
    from lms_bridge.catalog.operations import import_package, publish_version
    from lms_bridge.db import db
    from lms_bridge.migrate import upgrade
    from lms_bridge.player.attempts import choose_attempt
    from lms_bridge.player.sessions import start_session
    from lms_bridge.player.tokens import LaunchGrant, issue_launch_token

    app = create_app({"INSTANCE_PATH": instance, "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"})
    zip_path = instance / "bench.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("imsmanifest.xml", MANIFEST)
        archive.writestr("one.html", "<!doctype html><title>one</title>")
    zip_path.write_bytes(buffer.getvalue())
    tokens = []
    with app.app_context():
        upgrade(db.engine)
        version = import_package(zip_path, "bench", None, original_filename="bench.zip").version
        publish_version(None, version.id)
        for n in range(learners):
            user = create_user(f"learner{n}@bench.example", f"Learner {n}", "bench password 1",
                               [Role.LEARNER])
            db.session.flush()
            attempt = choose_attempt(user, version.module).attempt
            start_session(attempt, "one", user, "normal")
            db.session.commit()
            with app.test_request_context():
                tokens.append(issue_launch_token(LaunchGrant(user.id, attempt.id, "one", "normal")))
    return tokens


def _wait_listening(port: int, process: subprocess.Popen) -> None:
    for _ in range(300):
        if process.poll() is not None:
            raise SystemExit(f"server {process.args} exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"nothing listens on {port}")


def require_wrk() -> None:
    if shutil.which("wrk") is None:
        raise SystemExit("bench/commit needs Debian's wrk as its load generator: "
                         "sudo apt-get install wrk")


def run_wrk(url: str, tokens_file: Path, seconds: int, connections: int) -> dict:
    """Run wrk with commit.lua; its counts, requests/s and each learner's highest seq sent."""
    threads = 2
    out = subprocess.run(
        ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--latency",
         "-s", str(HERE / "commit.lua"), url, "--", str(tokens_file), str(threads)],
        check=True, capture_output=True, text=True).stdout
    values: dict = {"seqs": {}}
    for line in out.splitlines():
        parts = line.split()
        if parts and parts[0] in ("SENT", "ANSWERED", "COMPLETED", "ERRORS"):
            values[parts[0].lower()] = int(parts[1])
        if parts and parts[0] == "SEQ":
            values["seqs"][int(parts[1]) - 1] = int(parts[2])
        if line.startswith("Requests/sec:"):
            values["rps"] = float(line.split()[1])
    return values


def resend_unanswered(url: str, tokens: list[str], sent_seqs: dict[int, int],
                      stored_seqs: dict[int, int]) -> dict[str, int]:
    """Re-send, with the same sequence number, each learner's last commit if it is not stored.

    wrk stops with requests in flight (at most one per learner, see commit.lua); the server may
    or may not have stored them. Like the browser adapter, send such a commit again: if it was
    stored meanwhile it comes back as a replay and is not stored twice.
    """
    outcomes: dict[str, int] = {}
    for learner, last in sent_seqs.items():
        if stored_seqs[learner] >= last:
            continue
        request = urllib.request.Request(url, data=_body(tokens[learner], last),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            outcome = json.loads(response.read())["outcome"]
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return outcomes


def _body(token: str, seq: int) -> bytes:
    changes = {"cmi.core.lesson_location": f"page-{seq}", "cmi.core.lesson_status": "incomplete",
               "cmi.core.score.raw": str(seq % 100), "cmi.core.score.min": "0",
               "cmi.core.score.max": "100", "cmi.core.session_time": f"00:00:0{seq % 10}",
               "cmi.core.exit": "suspend", "cmi.comments": f"note {seq}",
               "cmi.student_preference.audio": "1", "cmi.student_preference.language": "en",
               "cmi.student_preference.speed": "0", "cmi.student_preference.text": "0",
               "cmi.objectives.0.id": "obj-1", "cmi.objectives.0.status": "incomplete",
               "cmi.suspend_data": "s" * 4096}
    return json.dumps({"token": token, "seq": seq, "changes": changes, "finish": False}).encode()


def paced_latency(url: str, tokens: list[str], first_seq: dict[int, int], rate: int,
                  seconds: int) -> tuple[list[float], int, int]:
    """Offer ``rate`` commits/s for ``seconds``; return latencies (s), sent, failures.

    As in the browser adapter, a learner's commits go one after the other (a lock per learner,
    the sequence number taken under it), so none overtakes an earlier one; the latency still
    runs from each commit's scheduled start.
    """
    total = rate * seconds
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()
    learner_locks = [threading.Lock() for _ in tokens]
    next_seq = dict(first_seq)
    start = time.perf_counter() + 0.2

    def one(i: int) -> None:
        learner = i % len(tokens)
        scheduled = start + i / rate
        time.sleep(max(0.0, scheduled - time.perf_counter()))
        with learner_locks[learner]:
            seq, next_seq[learner] = next_seq[learner], next_seq[learner] + 1
            request = urllib.request.Request(url, data=_body(tokens[learner], seq),
                                             headers={"Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    response.read()
            except OSError:
                with lock:
                    failures[0] += 1
                return
        with lock:
            latencies.append(time.perf_counter() - scheduled)

    with ThreadPoolExecutor(max_workers=64) as pool:
        list(pool.map(one, range(total)))
    return latencies, total, failures[0]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rate", type=int, default=200)
    parser.add_argument("--connections", type=int, default=50)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-commit-") as tmp:
        return _run(Path(tmp), args)


def _run(tmp: Path, args) -> int:
    require_wrk()
    instance = tmp / "instance"
    tokens = prepare(instance, args.learners)
    tokens_file = tmp / "tokens.txt"
    tokens_file.write_text("\n".join(tokens) + "\n")
    env = dict(os.environ, LMS_BRIDGE_INSTANCE_PATH=str(instance), LMS_BRIDGE_LOG_LEVEL="WARNING",
               PYTHONPATH=str(ROOT))
    app_port, base_port = _free_port(), _free_port()
    # Server output goes to a file: an undrained pipe would block the server once full.
    server_log = (tmp / "servers.log").open("w")
    servers = [
        subprocess.Popen([sys.executable, "-c", "from lms_bridge.cli import main; main()", "serve",
                          "--port", str(app_port)], env=env, stdout=server_log,
                         stderr=subprocess.STDOUT),
        subprocess.Popen([sys.executable, str(HERE / "baseline.py"), str(tmp / "baseline.sqlite3"),
                          str(base_port)], env=env, stdout=server_log, stderr=subprocess.STDOUT),
    ]
    commit_url = f"http://127.0.0.1:{app_port}/player/runtime/commit"
    try:
        _wait_listening(app_port, servers[0])
        _wait_listening(base_port, servers[1])
        connections = min(args.connections, max(1, args.learners // 2))
        ours = run_wrk(commit_url, tokens_file, args.seconds, connections)
        bare = run_wrk(f"http://127.0.0.1:{base_port}/commit", tokens_file, args.seconds,
                       connections)
        resent = resend_unanswered(commit_url, tokens, ours["seqs"],
                                   _stored_seqs(instance, len(tokens)))
        first_seq = {i: seq + 1 for i, seq in _stored_seqs(instance, len(tokens)).items()}
        latencies, paced_sent, failures = paced_latency(
            commit_url, tokens, first_seq, args.rate, args.seconds)
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
        server_log.close()
    stored = _applied_commits(instance)
    sent = ours.get("sent", 0) + paced_sent
    ratio = ours["rps"] / bare["rps"] if bare.get("rps") else float("nan")
    print("load generator: wrk (Debian) for throughput, open-loop Python for the paced latency run")
    print(f"lms-bridge serve commit endpoint: {ours['rps']:.0f} commits/s")
    print(f"bare Flask + SQLite insert:       {bare['rps']:.0f} commits/s")
    print(f"ratio: {ratio:.2f} (target >= 0.5)")
    print(f"at an offered {args.rate} commits/s: p50 {_percentile(latencies, .5) * 1000:.1f} ms, "
          f"p99 {_percentile(latencies, .99) * 1000:.1f} ms (target p99 <= 250 ms), "
          f"{failures} failed")
    print(f"wrk: {ours.get('sent', 0)} commits sent, {ours.get('answered', 0)} answered 200; "
          f"of the {ours.get('sent', 0) - ours.get('answered', 0)} left in flight, those not "
          f"stored were re-sent with their sequence numbers: {resent or 'none'}")
    print(f"commits sent: {sent}, stored: {stored} ({'equal' if sent == stored else 'NOT EQUAL'}); "
          f"commit log by outcome: {_outcomes(instance)}")
    return 0 if sent == stored else 1


def _db(instance: Path) -> sqlite3.Connection:
    return sqlite3.connect(instance / "lms_bridge.sqlite3")


def _stored_seqs(instance: Path, count: int) -> dict[int, int]:
    """Each learner's last stored sequence number (learners were created in token order)."""
    with _db(instance) as db:
        rows = db.execute("SELECT id, last_seq FROM player_sco_state ORDER BY id").fetchall()
    return {i: last for i, (_, last) in enumerate(rows[:count])}


def _outcomes(instance: Path) -> dict[str, int]:
    with _db(instance) as db:
        return dict(db.execute("SELECT outcome, count(*) FROM player_commit_log GROUP BY outcome"))


def _applied_commits(instance: Path) -> int:
    with _db(instance) as db:
        return db.execute("SELECT count(*) FROM player_commit_log WHERE outcome = 'applied'").fetchone()[0]


if __name__ == "__main__":
    raise SystemExit(main())
