"""The programme report benchmark runs at a tiny size and agrees with the SQL baseline."""
from bench.reports.run import PERIODS, run


def test_benchmark_runs_and_agrees_with_sql(tmp_path):
    result = run(scale=0.002, repeats=1, database_url=f"sqlite:///{tmp_path / 'bench.sqlite3'}")
    assert result["sizes"]["rows"] == 400
    for name in PERIODS:
        assert result[name]["disagreements"] == []
        assert result[name]["report"] > 0 and result[name]["sql"] > 0
    assert result["ten years"]["figures"]["sessions"] > 0
