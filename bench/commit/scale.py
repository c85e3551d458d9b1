"""The commit path at scale: PostgreSQL, gunicorn with N worker processes
(``python -m bench.commit --database postgresql --processes 1,2,4``).

For each N, in the same run and on the same PostgreSQL:

1. A fresh schema (Alembic), ``--learners`` learners each in an open attempt (run.prepare).
2. gunicorn with deploy/gunicorn.conf.py and N workers serving the app, and the same gunicorn
   configuration with N workers serving a bare Flask insert into one PostgreSQL table
   (baseline_pg.py).
3. Throughput: wrk with commit.lua against both in turns (run._throughput: a warm-up each, then
   ``--rounds`` runs each), commits/s and the servers' CPU per commit.
4. Latency at an offered ``--rate`` commits/s from the open-loop generator (run.paced_latency).
5. Sent vs stored: every commit sent is in the commit log, applied, once.

Then, on the largest N, the concurrency sweep (sweep.py). PostgreSQL is ``--database-url`` or
a throw-away cluster started by tests/tools/postgres.sh in the run's temporary folder, on a
port of its own (never the suite's).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from sqlalchemy import create_engine, text

from .run import (
    HERE, ROOT, _free_port, _percentile, _throughput, _wait_listening, paced_latency, prepare,
    require_wrk,
)
from .sweep import print_sweep, sweep

GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"


def throwaway_postgresql(folder: Path) -> tuple[str, dict[str, str]]:
    """Start a PostgreSQL cluster in ``folder``; its URL and the environment that stops it."""
    env = dict(os.environ, LMS_BRIDGE_PG_DIR=str(folder), LMS_BRIDGE_PG_PORT=str(_free_port()))
    started = subprocess.run(["bash", str(ROOT / "tests/tools/postgres.sh"), "start"], env=env,
                             capture_output=True, text=True)
    if started.returncode:
        raise SystemExit(f"could not start PostgreSQL in {folder}: {started.stderr.strip()}")
    return started.stdout.strip(), env


def fresh_schema(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
        connection.execute(text(
            "CREATE TABLE bare_commit_log (id bigserial PRIMARY KEY, body jsonb)"))
    engine.dispose()


class Database:
    """Reads of the run's PostgreSQL: each learner's last stored number, the commit log."""

    def __init__(self, url: str, learners: int) -> None:
        self.engine, self.learners = create_engine(url), learners

    def stored_seqs(self) -> dict[int, int]:
        with self.engine.connect() as connection:
            rows = connection.execute(text(
                "SELECT last_seq FROM player_sco_state ORDER BY id")).scalars().all()
        return dict(enumerate(rows[:self.learners]))

    def applied(self) -> int:
        with self.engine.connect() as connection:
            return connection.execute(text(
                "SELECT count(*) FROM player_commit_log WHERE outcome = 'applied'")).scalar()

    def outcomes(self) -> dict[str, int]:
        with self.engine.connect() as connection:
            return dict(connection.execute(text(
                "SELECT outcome, count(*) FROM player_commit_log GROUP BY outcome")).all())


def _gunicorn(port: int, processes: int, app: str, env: dict, log, args) -> subprocess.Popen:
    threads = (["--worker-class", "sync"] if args.worker_class == "sync" else
               ["--worker-class", "gthread", "--threads", str(args.threads)])
    return subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONF), "--workers", str(processes),
         "--bind", f"127.0.0.1:{port}", *threads, app], env=env, stdout=log,
        stderr=subprocess.STDOUT)


def measure(url: str, processes: int, tmp: Path, args) -> dict:
    """Steps 1-5 for one worker count; the numbers and the app's URL (for the sweep)."""
    fresh_schema(url)
    instance = tmp / f"instance-{processes}"
    tokens = prepare(instance, args.learners, url)
    tokens_file = tmp / f"tokens-{processes}.txt"
    tokens_file.write_text("\n".join(tokens) + "\n")
    database = Database(url, len(tokens))
    env = dict(os.environ, LMS_BRIDGE_INSTANCE_PATH=str(instance), LMS_BRIDGE_DATABASE_URL=url,
               LMS_BRIDGE_LOG_LEVEL="WARNING", PYTHONPATH=str(ROOT),
               PROMETHEUS_MULTIPROC_DIR=str(tmp / f"prometheus-{processes}"),
               BENCH_BARE_DATABASE_URL=url.replace("postgresql+psycopg:", "postgresql:"))
    ports = (_free_port(), _free_port())
    log = (tmp / f"servers-{processes}.log").open("w")
    servers = [_gunicorn(ports[0], processes, "lms_bridge.wsgi:app", env, log, args),
               _gunicorn(ports[1], processes, "bench.commit.baseline_pg:app", env, log, args)]
    commit_url = f"http://127.0.0.1:{ports[0]}/player/runtime/commit"
    try:
        for port, server in zip(ports, servers):
            _wait_listening(port, server)
        runs = _throughput((commit_url, f"http://127.0.0.1:{ports[1]}/commit"), servers, tokens,
                           tokens_file, database.stored_seqs, args)
        first_seq = {i: seq + 1 for i, seq in database.stored_seqs().items()}
        paced = paced_latency(commit_url, tokens, first_seq, args.rate, args.seconds,
                              args.generators)
        sweep_rows = (sweep(commit_url, tokens, database.stored_seqs, args)
                      if processes == max(args.processes) and args.sweep else [])
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=60)
        log.close()
    wrk_runs = runs["warm-up"][:1] + runs["ours"]
    sent = (sum(run.get("sent", 0) for run in wrk_runs) + paced["sent"]
            + sum(row["sent"] for row in sweep_rows))
    result = {"processes": processes, "runs": runs, "paced": paced, "sent": sent,
              "stored": database.applied(), "outcomes": database.outcomes(), "sweep": sweep_rows}
    database.engine.dispose()
    return result


def report(result: dict, rate: int) -> None:
    runs, paced = result["runs"], result["paced"]
    ours = [run["rps"] for run in runs["ours"]]
    bare = [run["rps"] for run in runs["bare"]]
    cpu = {name: statistics.median(run["cpu_ms"] for run in runs[name]) for name in ("ours", "bare")}
    print(f"{result['processes']:>3} | {statistics.median(ours):7.0f} | {statistics.median(bare):7.0f}"
          f" | {statistics.median(ours) / statistics.median(bare):5.2f} | {cpu['ours']:6.2f} |"
          f" {cpu['bare']:6.2f} | {_percentile(paced['latencies'], .5) * 1000:7.1f} |"
          f" {_percentile(paced['latencies'], .99) * 1000:7.1f} | {paced['failures']:5} |"
          f" {result['sent']:>7} = {result['stored']:<7}"
          f"{'' if result['sent'] == result['stored'] else ' NOT EQUAL'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The commit path on PostgreSQL under gunicorn.")
    parser.add_argument("--database", choices=["postgresql"], required=True)
    parser.add_argument("--database-url", help="a PostgreSQL database the benchmark may WIPE "
                        "(default: a throw-away cluster in the temporary folder)")
    parser.add_argument("--processes", type=lambda v: [int(n) for n in v.split(",")],
                        default=[1, 2, 4], help="worker counts, comma-separated")
    parser.add_argument("--worker-class", choices=["gthread", "sync"], default="gthread",
                        help="gunicorn worker class (the shipped configuration: gthread)")
    parser.add_argument("--threads", type=int, default=4, help="threads per gthread worker")
    parser.add_argument("--learners", type=int, default=400)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--rate", type=int, default=200)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--generators", type=int, default=2)
    parser.add_argument("--sweep", type=lambda v: [int(n) for n in v.split(",") if n.strip()],
                        default=[1000, 2500, 5000, 7500, 10000, 12500, 15000, 20000],
                        help="simulated learner counts of the sweep, rising ('' to skip)")
    parser.add_argument("--sweep-seconds", type=int, default=20)
    args = parser.parse_args(argv)
    require_wrk()
    with tempfile.TemporaryDirectory(prefix="bench-commit-pg-") as tmp:
        return _run(Path(tmp), args)


def _run(tmp: Path, args) -> int:
    pg_env = None
    url = args.database_url
    if not url:  # its own folder: the run's is private to us, the cluster's owner must enter
        cluster = Path(tempfile.mkdtemp(prefix="bench-commit-pg-"))
        url, pg_env = throwaway_postgresql(cluster)
    try:
        results = [measure(url, n, tmp, args) for n in args.processes]
    finally:
        if pg_env:
            subprocess.run(["bash", str(ROOT / "tests/tools/postgres.sh"), "stop"], env=pg_env)
            shutil.rmtree(cluster, ignore_errors=True)
    workers = (f"gthread workers x {args.threads} threads" if args.worker_class == "gthread"
               else "sync workers")
    print(f"PostgreSQL, gunicorn {workers} (deploy/gunicorn.conf.py); {os.cpu_count()} CPUs, "
          f"1-min load average {os.getloadavg()[0]:.1f}; wrk {args.connections} connections, "
          f"{args.rounds} x {args.seconds} s per server; latency at an offered {args.rate}/s")
    print("  N | ours/s  | bare/s  | ratio | CPU ms | bare ms |  p50 ms |  p99 ms | fails"
          " | sent = stored")
    for result in results:
        report(result, args.rate)
    for result in results:
        if result["sweep"]:
            print_sweep(result["sweep"], result["processes"])
    return 0 if all(r["sent"] == r["stored"] for r in results) else 1
