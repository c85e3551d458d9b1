"""The production deployment on PostgreSQL: gunicorn with two workers (deploy/gunicorn.conf.py)
and one `lms-bridge scheduler`. Each commit is sent twice at once (as a browser retrying
would), so the two workers answer the same attempts at the same time; one worker is killed
(SIGKILL) half-way and the senders re-send what it left unanswered. Every acknowledged commit
must be stored exactly once, and the scheduled sync must run once."""
import json
import os
import signal
import threading
import time
from datetime import datetime, timezone
from pathlib import Path
import subprocess

import pytest
from apscheduler.job import Job
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from sqlalchemy import text

from bench.commit.run import prepare
from lms_bridge.scheduler import build_scheduler, job_id, reconcile
from tests.deploy.servers import environment, free_port, gunicorn, lms_bridge, send_commit, \
    wait_listening

pytestmark = pytest.mark.postgres_only
LEARNERS, COMMITS = 6, 24
CSV_REPORT = "email,module,status,score,completed_at\nlearner0@bench.example,bench,passed,0.9,2026-11-20\n"


def _scheduled_csv_source(app, report: Path) -> None:
    """A CSV source synced every five minutes, its first run due now (stored in the job store as a
    scheduler that ran before would have left it), so the scheduler process runs it at start."""
    from lms_bridge.db import db
    from lms_bridge.syncing import operations
    from lms_bridge.syncing.models import SyncSource

    with app.app_context():
        source = operations.create_source(None, "HQ report", SyncSource.kind.type.enum_class("csv"),
                                          str(report), schedule_minutes=5,
                                          mappings=[("bench", "bench")])
        db.session.commit()
        source_id = source.id
    scheduler = build_scheduler(app)  # never started: no thread here may run the job
    reconcile(scheduler, app)
    planned = scheduler.get_job(job_id(source_id))
    store = SQLAlchemyJobStore(engine=app.extensions["lms_bridge.db"][0])
    store.start(scheduler, "default")
    store.add_job(Job(scheduler, id=planned.id, func=planned.func_ref, trigger=planned.trigger,
                      executor="default", args=planned.args, kwargs={}, name=planned.name,
                      misfire_grace_time=600, coalesce=True, max_instances=1,
                      next_run_time=datetime.now(timezone.utc)))


class Senders:
    """One thread per learner; each commit sent on two connections at once, re-sent until
    acknowledged (a 200) when a worker dies under it."""

    def __init__(self, port: int, tokens: list[str]) -> None:
        self.port, self.tokens = port, tokens
        self.acknowledged = {learner: [] for learner in range(len(tokens))}
        self.outcomes: list[str] = []
        self.resent = 0
        self.progress = [0] * len(tokens)
        self.refusals: list[tuple[int, dict]] = []
        self.failed: list[tuple] = []

    def _send_until_acknowledged(self, learner: int, seq: int, replies: list) -> None:
        for _ in range(50):
            try:
                status, reply = send_commit(self.port, self.tokens[learner], seq)
            except OSError:  # the worker was killed mid-request, or none listens for a moment
                status, reply = 0, {}
            if status == 200:
                replies.append(reply["outcome"])
                return
            self.resent += 1
            self.refusals.append((status, reply))
            time.sleep(0.1)
        self.failed.append((learner, seq, status, reply))

    def _learner(self, learner: int) -> None:
        for seq in range(1, COMMITS + 1):
            replies: list[str] = []
            pair = [threading.Thread(target=self._send_until_acknowledged,
                                     args=(learner, seq, replies)) for _ in range(2)]
            for thread in pair:
                thread.start()
            for thread in pair:
                thread.join()
            self.acknowledged[learner].append(seq)
            self.outcomes.extend(replies)
            self.progress[learner] = seq

    def run(self, halfway) -> None:
        threads = [threading.Thread(target=self._learner, args=(n,)) for n in range(len(self.tokens))]
        for thread in threads:
            thread.start()
        while min(self.progress) < COMMITS // 2:
            time.sleep(0.05)
        halfway()
        for thread in threads:
            thread.join()


def _workers(master: int) -> list[int]:
    return [int(pid) for pid in Path(f"/proc/{master}/task/{master}/children").read_text().split()]


def test_two_workers_and_one_scheduler_on_postgresql(database_url, migrated_engine, tmp_path):
    from tests.conftest import _empty_all_tables, build_app

    instance = tmp_path / "instance"
    tokens = prepare(instance, LEARNERS, database_url)
    report = tmp_path / "report.csv"
    report.write_text(CSV_REPORT)
    app = build_app(database_url, instance)
    app.config["SYNC_CSV_IMPORT_DIR"] = tmp_path.resolve()  # where CSV sources may read
    try:
        _scheduled_csv_source(app, report)
    finally:
        app.extensions["lms_bridge.db"][0].dispose()
    env = dict(environment(instance, DATABASE_URL=database_url, LOG_FORMAT="json",
                           SYNC_CSV_IMPORT_DIR=str(tmp_path.resolve())),
               PROMETHEUS_MULTIPROC_DIR=str(tmp_path / "prometheus"))
    port = free_port()
    log = (tmp_path / "servers.log").open("w")
    web = subprocess.Popen(gunicorn(port, 2), env=env, stdout=log, stderr=subprocess.STDOUT)
    scheduler = subprocess.Popen(lms_bridge("scheduler"), env=env, stdout=log,
                                 stderr=subprocess.STDOUT)
    killed = []
    try:
        wait_listening(port, web)
        senders = Senders(port, tokens)

        def kill_one_worker():
            killed.append(_workers(web.pid)[0])
            os.kill(killed[0], signal.SIGKILL)
        senders.run(kill_one_worker)
        sync_runs = _wait_for_sync_runs(migrated_engine)
        replaced = _workers(web.pid)
    finally:
        for process in (web, scheduler):
            process.send_signal(signal.SIGTERM)
        for process in (web, scheduler):
            process.wait(timeout=60)
        log.close()
    try:
        assert not senders.failed, (senders.failed, senders.refusals[-5:])
        _assert_each_acknowledged_commit_stored_once(migrated_engine, senders)
        assert [trigger for trigger, _ in sync_runs] == ["schedule"], sync_runs
        lines = [json.loads(line) for line in (tmp_path / "servers.log").read_text().splitlines()
                 if line.startswith("{")]
        commit_workers = {line["process"] for line in lines
                          if line.get("route") == "/player/runtime/commit"}
        assert killed[0] in commit_workers and len(commit_workers) >= 2, commit_workers
        assert len(replaced) == 2 and killed[0] not in replaced, "the killed worker was replaced"
    finally:
        _empty_all_tables(migrated_engine)
        with migrated_engine.begin() as connection:
            connection.execute(text("DELETE FROM apscheduler_jobs"))


def _wait_for_sync_runs(engine, seconds: float = 60) -> list[tuple[str, str]]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with engine.connect() as connection:
            runs = connection.execute(text(
                "SELECT trigger, status FROM sync_run ORDER BY id")).all()
        if runs and all(status != "running" for _, status in runs):
            return [tuple(run) for run in runs]
        time.sleep(0.5)
    raise AssertionError(f"the scheduled sync did not finish within {seconds} s")


def _assert_each_acknowledged_commit_stored_once(engine, senders: Senders) -> None:
    with engine.connect() as connection:
        applied = connection.execute(text(
            "SELECT attempt_id, seq, count(*) FROM player_commit_log WHERE outcome = 'applied' "
            "GROUP BY attempt_id, seq")).all()
        last = connection.execute(text(
            "SELECT attempt_id, last_seq FROM player_sco_state ORDER BY attempt_id")).all()
    assert all(count == 1 for _, _, count in applied), "a commit was stored twice"
    per_attempt: dict[int, set[int]] = {}
    for attempt_id, seq, _ in applied:
        per_attempt.setdefault(attempt_id, set()).add(seq)
    assert sorted(len(seqs) for seqs in per_attempt.values()) == [COMMITS] * LEARNERS
    assert all(seqs == set(range(1, COMMITS + 1)) for seqs in per_attempt.values())
    assert [last_seq for _, last_seq in last] == [COMMITS] * LEARNERS
    assert all(len(seqs) == COMMITS for seqs in senders.acknowledged.values())
    assert senders.outcomes.count("applied") <= LEARNERS * COMMITS
