"""Smoke test: the PostgreSQL mode of the commit benchmark runs end to end at a tiny size, on a
throw-away cluster of its own (it wipes its database, so never the suite's); no speed asserted.
It asks for ``migrated_engine`` only to be chosen for the suite's PostgreSQL pass."""
import shutil

import pytest

from bench.commit.scale import main
from bench.commit.sweep import held


@pytest.mark.postgres_only
def test_the_postgresql_commit_benchmark_runs(capsys, migrated_engine):
    if shutil.which("wrk") is None:
        pytest.skip("Debian's wrk is not installed (apt-get install wrk)")
    assert main(["--database", "postgresql", "--processes", "1,2", "--learners", "4",
                 "--seconds", "1", "--rounds", "1", "--rate", "4", "--connections", "2",
                 "--generators", "1", "--sweep", "30,60", "--sweep-seconds", "2"]) == 0
    out = capsys.readouterr().out
    assert "  1 | " in out and "  2 | " in out and "concurrency sweep, 2 worker(s)" in out
    assert "learners held with p99 <= 1 s: 60" in out


def test_learners_held_is_the_largest_count_within_the_band():
    rows = [{"learners": 100, "p99": 0.2, "failures": 0}, {"learners": 200, "p99": 0.9, "failures": 0},
            {"learners": 300, "p99": 2.0, "failures": 0}, {"learners": 400, "p99": 7.0, "failures": 3}]
    assert held(rows, 1.0) == 200 and held(rows, 6.0) == 300
    assert held(rows[3:], 1.0) == 0
