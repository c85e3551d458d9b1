"""Benchmark of the runtime commit path (run: ``python -m bench.commit [--learners 200]``).

1. Build an instance: SQLite database migrated to head, N learners, a published one-SCO
   package, an open attempt and a started session per learner; their launch tokens go to a file.
2. Start ``lms-bridge serve`` (waitress, its production configuration) on that instance, and a
   bare Flask endpoint inserting the same JSON into SQLite on the same server in the same
   configuration (baseline.py).
3. Throughput: Debian's ``wrk`` with commit.lua (15 elements, 4 KB suspend_data, increasing
   sequence numbers per learner) against both, same connections and duration: a short warm-up
   each, then ``--rounds`` runs each in turns, so that the shared machine's other load weighs on
   both alike; the ratio printed is the median of the rounds' ratios. wrk is C and is not the
   bottleneck (a Python client tops out near 1,100 requests/s). Each server's CPU time per
   answered commit is read from /proc.
4. Latency at an offered 200 commits/s: an open-loop Python generator in ``--generators``
   processes of its own (keep-alive connections, a thread per commit in flight), latency measured
   from each commit's scheduled start, so a slow server cannot hide queueing. wrk cannot pace
   (wrk2 can, but is not in Debian); the generator prints its own lag behind the schedule,
   which shows whether it kept up.
5. Sent vs stored: every commit wrk and the generator sent must be in the commit log, applied,
   exactly once. wrk stops with requests in flight; after each run those are re-sent with the
   same sequence numbers (a replay if the server had stored them) before counting.
"""
from __future__ import annotations

import argparse
import http.client
import io
import multiprocessing
import json
import os
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
import zipfile
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
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


def prepare(instance: Path, learners: int, database_url: str | None = None) -> list[str]:
    """Create the instance, learners, attempts and sessions; return the launch tokens.
    The database is the instance's SQLite file unless ``database_url`` names another."""
    from lms_bridge import create_app
    from lms_bridge.accounts.models import Role
    from lms_bridge.accounts.operations import create_user
    from lms_bridge.catalog.operations import import_package, publish_version
    from lms_bridge.db import db
    from lms_bridge.migrate import upgrade
    from lms_bridge.player.attempts import choose_attempt
    from lms_bridge.player.sessions import start_session
    from lms_bridge.player.tokens import LaunchGrant, issue_launch_token

    config = {"INSTANCE_PATH": instance, "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"}
    if database_url:
        config["DATABASE_URL"] = database_url
    app = create_app(config)
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
    app.extensions["lms_bridge.db"][0].dispose()
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


def run_wrk(url: str, tokens_file: Path, seconds: int, connections: int, offset: int = 0) -> dict:
    """Run wrk with commit.lua; its counts, requests/s and each learner's highest seq sent.

    ``offset`` must exceed the rounds of every earlier run against the same server, so that
    its sequence numbers continue theirs.
    """
    threads = 2
    out = subprocess.run(
        ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--latency",
         "-s", str(HERE / "commit.lua"), url, "--", str(tokens_file), str(threads), str(offset)],
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


def _connection_to(url: str) -> tuple[http.client.HTTPConnection, str]:
    parts = urllib.parse.urlsplit(url)
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=30), parts.path


def _paced_part(url: str, tokens: dict[int, str], first_seq: dict[int, int],
                indices: list[int], rate: int, start: float) -> dict:
    """One generator process: send commit ``i`` of ``indices`` at ``start + i / rate``.

    As in the browser adapter, a learner's commits go one after the other (a lock per learner,
    the sequence number taken under it), so none overtakes an earlier one; the latency still
    runs from each commit's scheduled start. ``lags`` is how late the generator itself was
    (woken after the scheduled time, before waiting for anything the server does): when it
    stays small, the generator is not the bottleneck.
    """
    local, lock = threading.local(), threading.Lock()
    learner_locks = {learner: threading.Lock() for learner in tokens}
    next_seq = dict(first_seq)
    latencies: list[float] = []
    lags: list[float] = []
    failures = [0]

    def one(i: int) -> None:
        learner = i % _LEARNERS[0]
        scheduled = start + i / rate
        time.sleep(max(0.0, scheduled - time.monotonic()))
        lag = time.monotonic() - scheduled
        with learner_locks[learner]:
            seq, next_seq[learner] = next_seq[learner], next_seq[learner] + 1
            if not hasattr(local, "connection"):
                local.connection, local.path = _connection_to(url)
            try:
                local.connection.request("POST", local.path, _body(tokens[learner], seq),
                                         {"Content-Type": "application/json"})
                response = local.connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                local.connection.close()
                del local.connection
                ok = False
        with lock:
            lags.append(lag)
            if ok:
                latencies.append(time.monotonic() - scheduled)
            else:
                failures[0] += 1

    with ThreadPoolExecutor(max_workers=48) as pool:
        list(pool.map(one, indices))
    return {"latencies": latencies, "lags": lags, "failures": failures[0],
            "seqs": {learner: seq - 1 for learner, seq in next_seq.items()}}


_LEARNERS = [0]  # set in each generator process (fork) before it runs


def _start_part(learners: int, *args) -> dict:
    _LEARNERS[0] = learners
    return _paced_part(*args)


def paced_latency(url: str, tokens: list[str], first_seq: dict[int, int], rate: float,
                  seconds: int, processes: int) -> dict:
    """Offer ``rate`` commits/s for ``seconds`` from ``processes`` generator processes (open
    loop, learners split between them); latencies and generator lags in seconds, sent, failed.
    """
    total = int(rate * seconds)
    start = time.monotonic() + 0.5  # CLOCK_MONOTONIC: the same clock in every process
    parts = []
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=processes, mp_context=context) as pool:
        for k in range(processes):
            mine = [i for i in range(total) if (i % len(tokens)) % processes == k]
            learners = {i % len(tokens) for i in mine}
            parts.append(pool.submit(
                _start_part, len(tokens), url, {n: tokens[n] for n in learners},
                {n: first_seq[n] for n in learners}, mine, rate, start))
        results = [part.result() for part in parts]
    return {"latencies": [x for r in results for x in r["latencies"]],
            "lags": [x for r in results for x in r["lags"]], "sent": total,
            "failures": sum(r["failures"] for r in results)}


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of a process and its children (server workers), from /proc."""
    def own(one: int) -> float:
        fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return own(pid) + sum(own(int(child)) for child in children)


def _serve_default_threads() -> int:
    """The thread count `lms-bridge serve` uses by default: both servers get the same."""
    from lms_bridge.cli import serve

    return next(p.default for p in serve.params if p.name == "threads")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=10, help="per measured wrk run")
    parser.add_argument("--rounds", type=int, default=5,
                        help="wrk runs per server, taken in turns (the ratio is their median)")
    parser.add_argument("--rate", type=int, default=200)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--threads", type=int, default=None,
                        help="waitress threads of both servers (default: serve's own default)")
    parser.add_argument("--generators", type=int, default=2,
                        help="processes of the open-loop generator of the latency run")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-commit-") as tmp:
        return _run(Path(tmp), args)


def _throughput(urls: tuple[str, str], servers, tokens: list[str], tokens_file: Path,
                stored_seqs, args) -> dict:
    """Warm both servers up, then ``rounds`` wrk runs each, in turns (the machine's other
    load then weighs on both alike); per server its runs and CPU ms per answered request.

    After each run against lms-bridge, the commits wrk left in flight are re-sent
    (``resend_unanswered``, ``stored_seqs()`` telling each learner's last stored number) before
    the next run's higher sequence numbers would make them stale.
    """
    connections = min(args.connections, max(1, args.learners // 2))
    runs: dict = {"ours": [], "bare": [], "warm-up": [], "resent": {}}
    offset = 0
    for round_number in range(args.rounds + 1):
        seconds = args.seconds if round_number else max(1, args.seconds // 3)
        for name, url, server in zip(("ours", "bare"), urls, servers):
            cpu = _cpu_seconds(server.pid)
            result = run_wrk(url, tokens_file, seconds, connections, offset)
            result["cpu_ms"] = ((_cpu_seconds(server.pid) - cpu) * 1000
                                / max(1, result.get("answered", 0)))
            if name == "ours":
                for outcome, count in resend_unanswered(
                        url, tokens, result["seqs"], stored_seqs()).items():
                    runs["resent"][outcome] = runs["resent"].get(outcome, 0) + count
            runs[name if round_number else "warm-up"].append(result)
        offset += max(run.get("sent", 0) for run in runs["ours"] + runs["warm-up"]) + 1
    return runs


def _run(tmp: Path, args) -> int:
    require_wrk()
    instance = tmp / "instance"
    tokens = prepare(instance, args.learners)
    tokens_file = tmp / "tokens.txt"
    tokens_file.write_text("\n".join(tokens) + "\n")
    env = dict(os.environ, LMS_BRIDGE_INSTANCE_PATH=str(instance), LMS_BRIDGE_LOG_LEVEL="WARNING",
               PYTHONPATH=str(ROOT))
    app_port, base_port = _free_port(), _free_port()
    threads = args.threads or _serve_default_threads()
    # Server output goes to a file: an undrained pipe would block the server once full.
    server_log = (tmp / "servers.log").open("w")
    servers = [
        subprocess.Popen([sys.executable, "-c", "from lms_bridge.cli import main; main()", "serve",
                          "--port", str(app_port), "--threads", str(threads)], env=env,
                         stdout=server_log,
                         stderr=subprocess.STDOUT),
        subprocess.Popen([sys.executable, str(HERE / "baseline.py"), str(tmp / "baseline.sqlite3"),
                          str(base_port), str(threads)], env=env, stdout=server_log, stderr=subprocess.STDOUT),
    ]
    commit_url = f"http://127.0.0.1:{app_port}/player/runtime/commit"
    try:
        _wait_listening(app_port, servers[0])
        _wait_listening(base_port, servers[1])
        runs = _throughput((commit_url, f"http://127.0.0.1:{base_port}/commit"), servers,
                           tokens, tokens_file, lambda: _stored_seqs(instance, len(tokens)), args)
        wrk_runs = runs["warm-up"][:1] + runs["ours"]  # the first warm-up run is ours
        first_seq = {i: seq + 1 for i, seq in _stored_seqs(instance, len(tokens)).items()}
        load = os.getloadavg()[0]
        paced = paced_latency(commit_url, tokens, first_seq, args.rate, args.seconds,
                              args.generators)
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
        server_log.close()
    wrk_sent = sum(run.get("sent", 0) for run in wrk_runs)
    wrk_answered = sum(run.get("answered", 0) for run in wrk_runs)
    sent = wrk_sent + paced["sent"]
    stored = _applied_commits(instance)
    ratios = [ours["rps"] / bare["rps"] for ours, bare in zip(runs["ours"], runs["bare"])]
    print("load generators: wrk (Debian, C) for throughput; for the paced latency run an "
          f"open-loop Python generator in {args.generators} processes of their own")
    _print_throughput(runs, ratios)
    lags = paced["lags"]
    print(f"at an offered {args.rate} commits/s (1-min load average {load:.1f} on "
          f"{os.cpu_count()} CPUs): p50 {_percentile(paced['latencies'], .5) * 1000:.1f} ms, "
          f"p99 {_percentile(paced['latencies'], .99) * 1000:.1f} ms (target p99 <= 250 ms), "
          f"{paced['failures']} failed; generator's own lag p50 "
          f"{_percentile(lags, .5) * 1000:.1f} ms, p99 {_percentile(lags, .99) * 1000:.1f} ms")
    print(f"wrk: {wrk_sent} commits sent, {wrk_answered} answered 200; of the "
          f"{wrk_sent - wrk_answered} left in flight, those not stored were re-sent with their "
          f"sequence numbers: {runs['resent'] or 'none'}")
    print(f"commits sent: {sent}, stored: {stored} ({'equal' if sent == stored else 'NOT EQUAL'}); "
          f"commit log by outcome: {_outcomes(instance)}")
    return 0 if sent == stored else 1


def _print_throughput(runs: dict, ratios: list[float]) -> None:
    def line(name: str, label: str) -> str:
        rps = ", ".join(f"{run['rps']:.0f}" for run in runs[name])
        cpu = statistics.median(run["cpu_ms"] for run in runs[name])
        return f"{label} {rps} commits/s (server CPU {cpu:.2f} ms per commit)"
    print(line("ours", "lms-bridge serve commit endpoint:"))
    print(line("bare", "bare Flask + SQLite insert:      "))
    print(f"ratio: {statistics.median(ratios):.2f} (median of "
          f"{', '.join(f'{r:.2f}' for r in ratios)}; target >= 0.5)")


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
