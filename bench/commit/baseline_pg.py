"""The PostgreSQL baseline: a bare Flask endpoint inserting the commit's JSON into one table,
served by gunicorn with the same configuration file and worker count as the app
(``gunicorn -c deploy/gunicorn.conf.py bench.commit.baseline_pg:app``). Each worker thread opens
its own connection on its first request (after the fork). The table is made by scale.py."""
from __future__ import annotations

import json
import os
import threading

import psycopg
from flask import Flask, request

TABLE_DDL = "CREATE TABLE IF NOT EXISTS bare_commit_log (id bigserial PRIMARY KEY, body jsonb)"
_local = threading.local()  # a connection per thread (gthread workers have several)


def _database() -> psycopg.Connection:
    if not hasattr(_local, "connection"):
        _local.connection = psycopg.connect(os.environ["BENCH_BARE_DATABASE_URL"],
                                            autocommit=True)
    return _local.connection


app = Flask(__name__)


@app.post("/commit")
def commit():
    body = request.get_json()
    _database().execute("INSERT INTO bare_commit_log (body) VALUES (%s)", (json.dumps(body),))
    return {"ok": True}
