"""Programme report benchmark: the report against one plain SQL query per figure.

    python -m bench.reports [--scale 1.0] [--repeats 5]

Builds a throw-away SQLite database (or LMS_BRIDGE_BENCH_DATABASE_URL) holding ten years of a
network (``seed.py``: 200 workshops, 5,000 experts, 20,000 missions, 200,000 monitoring rows at
scale 1), then, for one half-year and for the ten years, in the same run:

1. the baseline: every figure the report shows, one plain SQL aggregate each (what a person
   would write by hand for one number): the period's totals, each half-year of the trend
   (a single half-year is shown with the three before it), the pledges and today's experts;
2. ``programme_report``, which shows those figures.

Prints, for each period, both medians, the ratio 2/1 (target <= 2) and the report's time
(target <= 1 s), and checks that both agree on every figure. It also prints the ratio against
the totals alone (without the trend), the cheapest thing the report could be compared with.
The two are run alternately (``repeats`` times each), so load from elsewhere on the machine
weighs on both alike.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from datetime import date, datetime, time as clock, timedelta, timezone
from pathlib import Path

from sqlalchemy import func, select

from lms_bridge import create_app
from lms_bridge.db import db
from lms_bridge.experts.models import (Accreditation, AccreditationEvent, Assignment, Expert,
                                       Mission, TrainingRecord)
from lms_bridge.experts.report import half_year_of, previous_half_year, programme_report
from lms_bridge.experts.states import (AccreditationStatus, AssignmentStatus, MissionStatus,
                                       TrainingStatus)
from lms_bridge.migrate import upgrade

from .seed import seed

PERIODS = {"one half-year": (date(2023, 1, 1), date(2023, 6, 30)),
           "ten years": (date(2016, 1, 1), date(2025, 12, 31))}


def _baseline(start: date, end: date, static: bool = True) -> dict[str, int]:
    """Each figure by one aggregate query over the period (whole network); ``static``: also
    the pledges and today's experts."""
    first = datetime.combine(start, clock(0), tzinfo=timezone.utc)
    after = datetime.combine(end + timedelta(days=1), clock(0), tzinfo=timezone.utc)
    held = (Mission.status == MissionStatus.HELD, Mission.ends_on >= start, Mission.ends_on <= end)
    validated = (TrainingRecord.status == TrainingStatus.VALIDATED,
                 TrainingRecord.held_on >= start, TrainingRecord.held_on <= end)

    def events(status):
        return select(func.count()).select_from(AccreditationEvent).where(
            AccreditationEvent.to_status == status, AccreditationEvent.at >= first,
            AccreditationEvent.at < after)

    days = (select(func.sum(Assignment.days_given)).join(Mission)
            .where(Assignment.status == AssignmentStatus.COMPLETED, *held))
    queries = {
        "pre_accredited": events(AccreditationStatus.PRE_ACCREDITED),
        "accredited": events(AccreditationStatus.ACCREDITED),
        "missions_held": select(func.count()).select_from(Mission).where(*held),
        "days_given": days,
        "trained_on_missions": select(func.sum(Mission.people_trained)).where(*held),
        "sessions": select(func.count()).select_from(TrainingRecord).where(*validated),
        "trained_at_home": select(func.sum(TrainingRecord.participants)).where(*validated),
        "women_trained": select(func.sum(TrainingRecord.women)).where(*validated),
        "pledged_days": select(func.sum(Expert.pledge_weeks * 5)).where(
            Expert.pledge_starts_on <= end, Expert.pledge_ends_on >= start),
        "pledge_used_days": days,
        "experts_current": select(func.count(func.distinct(Accreditation.user_id))).where(
            Accreditation.status.in_((AccreditationStatus.PRE_ACCREDITED,
                                      AccreditationStatus.ACCREDITED))),
    }
    if not static:
        queries = {k: q for k, q in queries.items()
                   if k not in {"pledged_days", "pledge_used_days", "experts_current"}}
    return {key: int(db.session.scalar(query) or 0) for key, query in queries.items()}


def _trend_halves(start: date, end: date) -> list[tuple[date, date]]:
    """The half-years the report shows, as a person would list them."""
    halves, day = [], start
    while day <= end:
        last = min(half_year_of(day)[1], end)
        halves.append((day, last))
        day = last + timedelta(days=1)
    if len(halves) == 1:
        for _ in range(3):
            halves.insert(0, previous_half_year(halves[0][0]))
    return halves


def _baseline_shown(start: date, end: date) -> dict:
    """Every figure the report shows: totals, static figures, then each half-year's."""
    figures = dict(_baseline(start, end))
    figures["periods"] = [_baseline(first, last, static=False)
                          for first, last in _trend_halves(start, end)]
    return figures


def _report(start: date, end: date) -> dict:
    report = programme_report(start, end)
    return {**report.totals, "pledged_days": report.pledged_days,
            "pledge_used_days": report.pledge_used_days,
            "experts_current": report.experts_current,
            "periods": [p.figures for p in report.periods]}


def _timed_pair(first, second, repeats: int):
    times: tuple[list[float], list[float]] = ([], [])
    results = [None, None]
    for _ in range(repeats):
        for index, work in enumerate((first, second)):
            began = time.perf_counter()
            results[index] = work()
            times[index].append(time.perf_counter() - began)
    return statistics.median(times[0]), statistics.median(times[1]), results


def run(scale: float = 1.0, repeats: int = 5, database_url: str | None = None) -> dict:
    """Build the network and measure both periods; returns sizes, times, ratios, disagreements."""
    with tempfile.TemporaryDirectory() as tmp:
        url = database_url or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        app = create_app({"INSTANCE_PATH": Path(tmp) / "instance", "DATABASE_URL": url,
                          "SECRET_KEY": "bench"})
        with app.app_context():
            upgrade(db.engine)
            began = time.perf_counter()
            sizes = seed(random.Random(15), scale)
            result: dict = {"sizes": sizes, "seed_seconds": time.perf_counter() - began}
            for name, (start, end) in PERIODS.items():
                sql, report, (expected, got) = _timed_pair(
                    lambda: _baseline_shown(start, end), lambda: _report(start, end), repeats)
                totals_only, _, _ = _timed_pair(lambda: _baseline(start, end), lambda: None, 1)
                result[name] = {"sql": sql, "report": report, "ratio": report / sql,
                                "totals_ratio": report / totals_only, "figures": got,
                                "disagreements": sorted(k for k in expected
                                                        if expected[k] != got[k])}
        app.extensions["lms_bridge.db"][0].dispose()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    result = run(args.scale, args.repeats, os.environ.get("LMS_BRIDGE_BENCH_DATABASE_URL"))
    sizes = result["sizes"]
    print(f"{sizes['workshops']} workshops, {sizes['experts']} experts, {sizes['missions']} "
          f"missions, {sizes['rows']} monitoring rows (built in {result['seed_seconds']:.1f} s)")
    for name in PERIODS:
        r = result[name]
        print(f"{name}: report {r['report'] * 1000:7.1f} ms (target <= 1000 ms), one query per "
              f"figure {r['sql'] * 1000:7.1f} ms, ratio {r['ratio']:5.2f} (target <= 2; "
              f"{r['totals_ratio']:.2f} against the totals alone), "
              f"{len(r['disagreements'])} disagreement(s) {r['disagreements'] or ''}")
