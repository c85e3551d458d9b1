"""Prometheus metrics through ``prometheus_client``.

Counted in each process: requests and their latency by route (the URL rule such as
``/modules/<int:module_id>``, never the raw path, so that the number of series stays bounded),
and runtime commits by outcome (counted at the commit entrance, which answers in front of
Flask). Read from the database at each scrape, so that every process reports the same truth:
sync runs by outcome and the scheduler's lag.

Several processes (gunicorn workers): set ``PROMETHEUS_MULTIPROC_DIR`` to an empty folder
writable by all of them before they start (gunicorn.conf.py empties it at start); the client
library then keeps each process's values in files there and ``/metrics`` adds them up.
"""
from __future__ import annotations

import os

from prometheus_client import (
    CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

UNMATCHED_ROUTE = "<unmatched>"

REQUESTS = Counter("lms_bridge_http_requests", "HTTP requests answered",
                   ["method", "route", "status"])
LATENCY = Histogram("lms_bridge_http_request_duration_seconds",
                    "time to answer an HTTP request", ["method", "route"],
                    buckets=(.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 6, 15, 60))
COMMITS = Counter("lms_bridge_runtime_commits",
                  "runtime commits by outcome: applied, replay, stale, not_stored (review), "
                  "refused (4xx: rejected by SCORM rules, closed attempt, bad token), failed (5xx)",
                  ["outcome"])


def observe_request(method: str, route: str | None, status: str, seconds: float) -> None:
    route = route or UNMATCHED_ROUTE
    REQUESTS.labels(method, route, status).inc()
    LATENCY.labels(method, route).observe(seconds)


def count_commit(status: int, reply: dict) -> None:
    """Count one answered commit from its status and JSON reply."""
    if status == 200:
        outcome = str(reply.get("outcome", "not_stored"))
    else:
        outcome = "refused" if status < 500 else "failed"
    COMMITS.labels(outcome).inc()


class DatabaseCollector:
    """Metrics read at scrape time: ``read()`` returns (sync runs by outcome, scheduler lag)."""

    def __init__(self, read) -> None:
        self._read = read

    def collect(self):
        runs, lag = self._read()
        family = CounterMetricFamily("lms_bridge_sync_runs", "sync runs by outcome",
                                     labels=["outcome"])
        for outcome, count in sorted(runs.items()):
            family.add_metric([outcome], count)
        yield family
        if lag is not None:
            yield GaugeMetricFamily(
                "lms_bridge_scheduler_lag_seconds",
                "how far the most overdue scheduler job is behind its run time (0 when a "
                "scheduler is running)", value=lag)


def exposition(read_database) -> tuple[bytes, str]:
    """The text exposition of every metric: this process's (or, in multiprocess mode, all
    processes') counters, then the database's."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        processes = CollectorRegistry()
        MultiProcessCollector(processes)
    else:
        processes = REGISTRY
    database = CollectorRegistry()
    database.register(DatabaseCollector(read_database))
    return generate_latest(processes) + generate_latest(database), CONTENT_TYPE_LATEST
