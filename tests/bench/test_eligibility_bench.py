"""The eligibility benchmark runs at a tiny size, and the engine agrees with the SQL baseline."""
from bench.eligibility.run import run


def test_benchmark_runs_and_agrees_with_sql(tmp_path):
    result = run(candidates=40, completions=240, single=2,
                 database_url=f"sqlite:///{tmp_path / 'bench.sqlite3'}")
    assert result["disagreements"] == 0
    assert result["engine"] > 0 and result["sql"] > 0 and result["single"] > 0
