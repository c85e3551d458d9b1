"""``/healthz`` (the process answers), ``/readyz`` (it can serve) and ``/metrics``.

``/healthz`` touches nothing: a load balancer or systemd watchdog uses it to tell a hung
process. ``/readyz`` runs :mod:`.checks` and answers 200 or 503 with each check's result, so
the failing one is named. Neither shows anything secret; both are open.

``/metrics`` tells how the service is used, so it is guarded: the client's address must be in
``METRICS_NETWORKS`` or it must send ``Authorization: Bearer <METRICS_TOKEN>``. Behind a
reverse proxy the client's address is the proxy's unless ``PROXY_COUNT`` says to trust its
``X-Forwarded-For``; a request that carries that header while no proxy is trusted may have
been relayed by one, so its address counts for nothing (only the token lets it in).
"""
from __future__ import annotations

import hmac
import ipaddress

from flask import Blueprint, Response, current_app, jsonify, request

from .checks import readiness, scheduler_lag_seconds, sync_runs_by_outcome
from .metrics import exposition

blueprint = Blueprint("ops", __name__)


@blueprint.get("/healthz")
def healthz():
    return jsonify(status="ok")


@blueprint.get("/readyz")
def readyz():
    results = readiness()
    ready = all(ok for ok, _ in results.values())
    body = {"status": "ready" if ready else "not ready",
            "checks": {name: {"ok": ok, "detail": detail}
                       for name, (ok, detail) in results.items()}}
    if not ready:
        body["failed"] = [name for name, (ok, _) in results.items() if not ok]
    return jsonify(body), 200 if ready else 503


@blueprint.get("/metrics")
def metrics():
    if not _may_read_metrics():
        return jsonify(error="forbidden", message="/metrics is open to the networks in "
                       "METRICS_NETWORKS or to the bearer token METRICS_TOKEN only."), 403
    body, content_type = exposition(lambda: (sync_runs_by_outcome(), scheduler_lag_seconds()))
    return Response(body, content_type=content_type)


def _may_read_metrics() -> bool:
    token = current_app.config.get("METRICS_TOKEN")
    given = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        return True
    if "X-Forwarded-For" in request.headers and not current_app.config["PROXY_COUNT"]:
        return False
    try:
        client = ipaddress.ip_address(request.remote_addr or "")
    except ValueError:
        return False
    return any(client in ipaddress.ip_network(network)
               for network in current_app.config["METRICS_NETWORKS"])
