"""The concurrency sweep, in the style of Rustici's published SCORM Engine load test: simulated
learners, each committing once every ``COMMIT_EVERY`` seconds (the rest is think time), their
number rising until the p99 latency passes 6 s; printed as learners held per latency band.

L learners each committing every 30 s offer L / 30 commits/s; the open-loop generator
(run.paced_latency) offers exactly that, spread evenly, and measures each commit's latency from
its scheduled start, so a server that falls behind shows it as latency, not as a slower
offer. The prepared sessions (``--learners``) take turns as the simulated learners: the
server's work per commit is the same; the generator's per-session order (a session never has
two commits in flight, like the adapter) adds waiting only once a session's commits come less
than a latency apart, which the table shows as the band being passed anyway.
"""
from __future__ import annotations

from typing import Callable

from .run import _percentile, paced_latency

COMMIT_EVERY = 30
BANDS = ((1.0, "p99 <= 1 s"), (6.0, "p99 <= 6 s"))


def sweep(url: str, tokens: list[str], stored_seqs: Callable[[], dict[int, int]], args
          ) -> list[dict]:
    """One row per learner count of ``args.sweep`` until p99 passes the last band."""
    rows = []
    for learners in args.sweep:
        first_seq = {i: seq + 1 for i, seq in stored_seqs().items()}
        rate = learners / COMMIT_EVERY
        result = paced_latency(url, tokens, first_seq, rate, args.sweep_seconds,
                               args.generators)
        rows.append({"learners": learners, "rate": rate, "sent": result["sent"],
                     "failures": result["failures"],
                     "p50": _percentile(result["latencies"], .5),
                     "p99": _percentile(result["latencies"], .99),
                     "lag99": _percentile(result["lags"], .99)})
        if rows[-1]["p99"] > BANDS[-1][0] or result["failures"]:
            break
    return rows


def held(rows: list[dict], limit: float) -> int:
    """The most learners whose p99 stayed within ``limit`` seconds (0: none)."""
    return max((row["learners"] for row in rows if row["p99"] <= limit and not row["failures"]),
               default=0)


def print_sweep(rows: list[dict], processes: int) -> None:
    print(f"\nconcurrency sweep, {processes} worker(s): learners each committing every "
          f"{COMMIT_EVERY} s")
    print(" learners | commits/s |  p50 ms |  p99 ms | failed | generator lag p99 ms")
    for row in rows:
        print(f" {row['learners']:>8} | {row['rate']:9.1f} | {row['p50'] * 1000:7.1f} |"
              f" {row['p99'] * 1000:7.1f} | {row['failures']:6} | {row['lag99'] * 1000:8.1f}")
    for limit, label in BANDS:
        print(f"learners held with {label}: {held(rows, limit)}"
              + (" (the last count tried)" if held(rows, limit) == rows[-1]["learners"] else ""))
