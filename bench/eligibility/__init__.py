"""Benchmark of eligibility re-evaluation (see run.py)."""
