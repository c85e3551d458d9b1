"""The import benchmark runs at a tiny size, so that it cannot rot (no timing asserted)."""
import importlib


def test_import_benchmark_smoke(capsys):
    bench = importlib.import_module("bench.import.__main__")
    bench.main(["--files", "30", "--megabytes", "0.2", "--items", "10", "--repeat", "2"])
    output = capsys.readouterr().out
    assert '"ratio":' in output and '"cpu_ratio":' in output and "import / baseline" in output
    assert "median of 2 runs" in output
