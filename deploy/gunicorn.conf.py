"""gunicorn settings of LMS Bridge: ``gunicorn -c deploy/gunicorn.conf.py``.

Several web processes on PostgreSQL, behind nginx (docs/deployment.md), with exactly one
``lms-bridge scheduler`` process beside them. Settings of the app itself come, as always, from
the ``LMS_BRIDGE_*`` variables; this file reads four more:

``LMS_BRIDGE_BIND``      address to listen on (default ``127.0.0.1:8000``; nginx proxies to it)
``WEB_CONCURRENCY``      worker processes (gunicorn's own variable; default: one per CPU)
``LMS_BRIDGE_THREADS``   threads per worker (default 4)
``PROMETHEUS_MULTIPROC_DIR``  folder where the workers keep their metrics (default
                         ``<instance>/prometheus``; its ``*.db`` files are removed at start)

Why gthread workers, one process per CPU with 4 threads each: a commit spends about half its
time waiting for PostgreSQL (several round trips: p50 2.7 ms for 1.3 ms of CPU), and a thread in the same process uses that
wait, while a sync worker (one request at a time) leaves its core idle. Measured on the 2-CPU
test machine (bench.commit --database postgresql, same run): 2 processes x 4 threads answered
757-882 commits/s, 2 sync workers 417-452, 5 sync workers 317, at the same CPU per commit
(1.3 ms) except the 5 sync workers (2.1 ms: more processes than cores only add switching).
Threads also keep the proxy's connections open (sync workers close each one).

On SQLite, several web processes are refused here: SQLite lets one process write at a time,
and a transaction that read before it writes fails at once (``database is locked``) when
another process wrote in between; the app serialises its writers with a lock inside one
process only. One process with threads (``lms-bridge serve``) is the SQLite deployment.
"""
import os
import sys
from pathlib import Path

from lms_bridge.config import ConfigError, instance_path_from_env, load_settings

wsgi_app = "lms_bridge.wsgi:app"
bind = os.environ.get("LMS_BRIDGE_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", os.cpu_count() or 1))
worker_class = "gthread"
threads = int(os.environ.get("LMS_BRIDGE_THREADS", 4))
# A worker answering nothing for this long is killed and replaced (a hung request).
timeout = 60
# On SIGTERM each worker finishes the request it is answering (a commit included) within this.
graceful_timeout = 30
# Longer than nginx's upstream keepalive_timeout (60 s): were gunicorn to close an idle
# connection first, nginx could send a commit into it, and it does not retry a POST.
keepalive = 75
accesslog = None  # the app writes its own access line (lms_bridge.ops.middleware)
preload_app = False  # each worker builds its own app and database pool after the fork

_instance = instance_path_from_env()
os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", str(_instance / "prometheus"))


def refusal(database_url: str, worker_count: int) -> str | None:
    """Why this many workers cannot run on that database (None: they can)."""
    if database_url.startswith("sqlite") and worker_count > 1:
        return (f"{worker_count} gunicorn workers on SQLite ({database_url}): SQLite takes one "
                "writing process at a time. Use PostgreSQL (LMS_BRIDGE_DATABASE_URL) for "
                "several workers, or one process: `lms-bridge serve` or WEB_CONCURRENCY=1.")
    return None


def on_starting(server):
    try:
        settings = load_settings(_instance)
    except ConfigError as exc:
        sys.exit(f"Configuration error: {exc}")
    reason = refusal(settings["DATABASE_URL"], server.cfg.workers)
    if reason:
        sys.exit(f"LMS Bridge refuses to start: {reason}")
    metrics_dir = Path(os.environ["PROMETHEUS_MULTIPROC_DIR"])
    metrics_dir.mkdir(parents=True, exist_ok=True)
    for stale in metrics_dir.glob("*.db"):  # an earlier run's counters must not add up
        stale.unlink()


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
