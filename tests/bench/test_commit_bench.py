"""Smoke test: the commit benchmark still runs end to end at a tiny size (no speed asserted)."""
import shutil

import pytest

from bench.commit.run import main


def test_the_commit_benchmark_runs(capsys):
    if shutil.which("wrk") is None:
        pytest.skip("Debian's wrk is not installed (apt-get install wrk)")
    main(["--learners", "4", "--seconds", "1", "--rounds", "1", "--rate", "4", "--connections", "2",
          "--generators", "1"])
    out = capsys.readouterr().out
    assert "ratio:" in out and "commits sent:" in out
