"""The PostgreSQL baseline: a bare Flask endpoint inserting the commit's JSON into one table,
served by gunicorn with the same configuration file and worker count as the app
(``gunicorn -c deploy/gunicorn.conf.py bench.commit.baseline_pg:app``). Each worker opens its
own connection on its first request (after the fork). The table is made by scale.py."""
from __future__ import annotations

import json
import os

import psycopg
from flask import Flask, request

TABLE_DDL = "CREATE TABLE IF NOT EXISTS bare_commit_log (id bigserial PRIMARY KEY, body jsonb)"
_connection: list[psycopg.Connection] = []


def _database() -> psycopg.Connection:
    if not _connection:
        url = os.environ["BENCH_BARE_DATABASE_URL"]
        _connection.append(psycopg.connect(url, autocommit=True))
    return _connection[0]


app = Flask(__name__)


@app.post("/commit")
def commit():
    body = request.get_json()
    _database().execute("INSERT INTO bare_commit_log (body) VALUES (%s)", (json.dumps(body),))
    return {"ok": True}
