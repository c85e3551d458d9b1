"""The sync benchmark still runs (tiny size; its numbers are not checked here)."""
from __future__ import annotations


def test_the_sync_benchmark_runs(moodle_ws, capsys):
    from bench.sync.run import main

    result = main(["--learners", "3", "--latency-ms", "0", "--workers", "2"])
    assert result["records"] == 12 and result["no_change_calls_per_course"] <= 3
    assert "ratio full/naive" in capsys.readouterr().out
