"""The baseline: a bare Flask endpoint that inserts the commit's JSON into SQLite (WAL), served
by the same WSGI server as ``lms-bridge serve`` in the same configuration (waitress, same
thread count, its queue-depth warnings silenced likewise)."""
from __future__ import annotations

import json
import sqlite3
import sys
import threading

from flask import Flask, request

_local = threading.local()


def _connection(path: str) -> sqlite3.Connection:
    if not hasattr(_local, "db"):
        _local.db = sqlite3.connect(path, timeout=10)
        _local.db.execute("PRAGMA journal_mode=WAL")
        _local.db.execute("PRAGMA synchronous=NORMAL")
    return _local.db


def make_app(path: str) -> Flask:
    app = Flask(__name__)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE IF NOT EXISTS commit_log (id INTEGER PRIMARY KEY, body TEXT)")

    @app.post("/commit")
    def commit():
        body = request.get_json()
        db = _connection(path)
        with db:
            db.execute("INSERT INTO commit_log (body) VALUES (?)", (json.dumps(body),))
        return {"ok": True}
    return app


if __name__ == "__main__":
    import logging

    from waitress import serve

    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # as `lms-bridge serve` does

    threads = int(sys.argv[3]) if len(sys.argv) > 3 else 8
    serve(make_app(sys.argv[1]), host="127.0.0.1", port=int(sys.argv[2]), threads=threads,
          _quiet=True)
