"""Eligibility benchmark: full re-evaluation against one SQL aggregate, and one new completion.

    python -m bench.eligibility [--candidates 10000] [--completions 60000] [--single 50]

Builds a throw-away SQLite database (or LMS_BRIDGE_BENCH_DATABASE_URL) with one workshop of 5
prerequisites (one with two equivalent modules, two with a minimum score, one with a recency
window), the candidates and their completions from four sources: about 55% of candidates
prepared (a counting record per prerequisite), 20% nearly (one missing or incomplete), the rest
random; 85% nominated, 90% committed to the dates, so about 45% come out eligible. Then, in the
same run:

1. the baseline: one SQL aggregate query deciding every candidate's eligible yes/no;
2. ``evaluate_workshop``: every candidate read, judged by the rule engine with its per-rule
   explanation, compared with the stored verdict (nothing to write: steady state);
3. one new completion recorded and committed with ``record_and_reevaluate``, which
   re-evaluates the affected candidate (median of N).

Prints the ratio of 2 to 1 (target <= 3), checks that both agree on every candidate, and the
median of 3 (target <= 20 ms). 1 and 2 are run alternately five times each (medians), so
load from elsewhere on the machine weighs on both alike.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, insert, select, text

from lms_bridge import create_app
from lms_bridge.accounts.models import Administration, Region, User
from lms_bridge.catalog.models import Module
from lms_bridge.db import db, utcnow
from lms_bridge.eligibility.evaluation import evaluate_workshop, rules_of
from lms_bridge.eligibility.models import (Application, Workshop,
                                           WorkshopKind, WorkshopPrerequisite)
from lms_bridge.eligibility.states import ApplicationStatus
from lms_bridge.eligibility.vocabulary import NominationState, Outcome
from lms_bridge.tracking.vocabulary import CompletionRule, CompletionStatus, SourceKind
from lms_bridge.migrate import upgrade
from lms_bridge.tracking.models import Completion
from lms_bridge.eligibility.completions import record_and_reevaluate
from lms_bridge.tracking.operations import Observation

SOURCES = [(SourceKind.LOCAL, "local", "LMS Bridge"), (SourceKind.MOODLE, "sync:1", "CLiKC!"),
           (SourceKind.XAPI, "sync:2", "Regional LRS"), (SourceKind.CSV, "sync:3", "RTC report")]
STATUSES = [CompletionStatus.PASSED] * 5 + [CompletionStatus.COMPLETED] * 2 + \
           [CompletionStatus.FAILED, CompletionStatus.INCOMPLETE] * 2
# label, module indexes, rule, min score, recency days
PREREQUISITES = [("Blended", (0,), CompletionRule.COMPLETED, None, None),
                 ("HS classification", (1, 5), CompletionRule.PASSED, 70, None),
                 ("Valuation", (2,), CompletionRule.COMPLETED_AND_PASSED, 60, None),
                 ("Origin", (3,), CompletionRule.COMPLETED_OR_PASSED, None, 540),
                 ("Ethics", (4,), CompletionRule.COMPLETED, None, None)]


def _seed(candidates: int, completions: int, rng: random.Random) -> int:
    now = utcnow()
    session = db.session
    admins = [Administration(name=f"Administration {i}", country_code=f"{i:02d}",
                             region=list(Region)[i % 6]) for i in range(12)]
    modules = [Module(slug=f"module-{i}", title=f"Module {i}") for i in range(6)]
    session.add_all(admins + modules)
    session.flush()
    session.execute(insert(User), [
        {"email": f"c{i}@bench.example", "display_name": f"Candidate {i}", "password_hash": "x",
         "administration_id": admins[i % 12].id} for i in range(candidates)])
    user_ids = list(session.scalars(select(User.id).order_by(User.id)))
    workshop = _seed_workshop(modules, now)
    session.add(workshop)
    session.flush()
    session.execute(insert(Application), [
        {"workshop_id": workshop.id, "user_id": uid, "administration_id": admins[i % 12].id,
         **_nomination(rng), "availability_committed": rng.random() < 0.9,
         "criteria": {}, "cited": [], "results": [], "blockers": []}
        for i, uid in enumerate(user_ids)])
    module_ids = [m.id for m in modules]
    per_user = max(1, completions // candidates)
    rows = [row for uid in user_ids
            for row in _records_of(uid, module_ids, per_user, rng, now)]
    session.execute(insert(Completion), rows)
    session.commit()
    return workshop.id


def _seed_workshop(modules: list[Module], now) -> Workshop:
    workshop = Workshop(title="Bench workshop", kind=WorkshopKind.ACCREDITATION_WORKSHOP,
                        region=Region.ASIA_PACIFIC, capacity=30,
                        starts_at=now + timedelta(days=60), ends_at=now + timedelta(days=64),
                        applications_open_at=now - timedelta(days=60),
                        applications_close_at=now + timedelta(days=30), criteria_weights={})
    for position, (label, indexes, rule, minimum, recency) in enumerate(PREREQUISITES):
        workshop.prerequisites.append(WorkshopPrerequisite(
            position=position, label=label, rule=rule, min_score=minimum, recency_days=recency,
            modules=[modules[i] for i in indexes]))
    return workshop


def _nomination(rng: random.Random) -> dict:
    draw = rng.random()
    if draw < 0.85:
        return {"nomination": NominationState.NOMINATED, "status": ApplicationStatus.NOMINATED}
    if draw < 0.92:
        return {"nomination": NominationState.PENDING,
                "status": ApplicationStatus.AWAITING_NOMINATION}
    return {"nomination": NominationState.NOT_NOMINATED,
            "status": ApplicationStatus.NOT_NOMINATED}


def _records_of(user_id: int, module_ids: list[int], count: int, rng: random.Random,
                now) -> list[dict]:
    """A candidate's records: prepared (one counting record per prerequisite), nearly
    prepared (one of them missing or short), or random; the rest random noise."""
    profile = rng.random()
    pairs: list[tuple[int, int, CompletionStatus, float | None, int]] = []
    if profile < 0.75:
        spoiled = rng.randrange(len(PREREQUISITES)) if profile >= 0.55 else None
        for position, (_, indexes, _, minimum, recency) in enumerate(PREREQUISITES):
            if position == spoiled and rng.random() < 0.5:
                continue
            status = CompletionStatus.PASSED if minimum or rng.random() < 0.6 \
                else CompletionStatus.COMPLETED
            low = (minimum or 0) / 100
            score = round(rng.uniform(max(low, 0.5), 1.0), 2)
            days = rng.randint(1, (recency or 800) - 70)
            if position == spoiled:
                status, score = CompletionStatus.INCOMPLETE, round(rng.uniform(0.1, 0.5), 2)
            pairs.append((module_ids[rng.choice(indexes)], rng.randrange(len(SOURCES)),
                          status, score, days))
    taken = {(module_id, source) for module_id, source, *_ in pairs}
    free = [(m, s) for m in module_ids for s in range(len(SOURCES)) if (m, s) not in taken]
    for module_id, source in rng.sample(free, min(max(0, count - len(pairs)), len(free))):
        score = None if rng.random() < 0.1 else round(rng.uniform(0.3, 1.0), 2)
        pairs.append((module_id, source, rng.choice(STATUSES), score, rng.randint(1, 800)))
    rows = []
    for module_id, source, status, score, days in pairs:
        kind, key, label = SOURCES[source]
        rows.append({"user_id": user_id, "module_id": module_id, "source_kind": kind,
                     "source_key": key, "source_label": label, "status": status,
                     "score_scaled": score, "completed_at": now - timedelta(days=days),
                     "first_seen_at": now, "updated_at": now, "provenance": {}})
    return rows


def _sql_baseline(workshop: Workshop) -> set[int]:
    """Eligible applications, by one aggregate query: the same yes/no as the engine."""
    opens = rules_of(workshop).checks
    window = " ".join(f"WHEN {c.prerequisite.id} THEN :w{i}" for i, c in enumerate(opens)
                      if c.window_opens is not None)
    params = {f"w{i}": c.window_opens for i, c in enumerate(opens) if c.window_opens is not None}
    dt = Completion.__table__.c.completed_at.type
    dialect = db.engine.dialect
    params = {k: dt.process_bind_param(v, dialect) for k, v in params.items()}
    params.update(w=workshop.id, n=len(workshop.prerequisites),
                  deadline=dt.process_bind_param(workshop.applications_close_at, dialect))
    query = text(f"""
        SELECT a.id FROM application a
        JOIN completion c ON c.user_id = a.user_id
        JOIN prerequisite_module pm ON pm.module_id = c.module_id
        JOIN workshop_prerequisite p ON p.id = pm.prerequisite_id AND p.workshop_id = a.workshop_id
        WHERE a.workshop_id = :w AND a.nomination = 'nominated' AND a.availability_committed
          AND CASE WHEN p.rule IN ('Passed', 'CompletedAndPassed') THEN c.status = 'passed'
                   ELSE c.status IN ('passed', 'completed', 'failed') END
          AND (p.min_score IS NULL OR c.score_scaled >= p.min_score / 100.0)
          AND COALESCE(c.completed_at, c.first_seen_at) <= :deadline
          AND (p.recency_days IS NULL OR COALESCE(c.completed_at, c.first_seen_at)
               >= CASE p.id {window or 'WHEN 0 THEN NULL'} END)
        GROUP BY a.id HAVING COUNT(DISTINCT p.id) = :n""")
    return set(db.session.scalars(query, params))


def _timed_pair(first, second, rounds: int = 5) -> tuple[float, float, object]:
    """Median times of two functions run alternately (so load on the machine hits both)."""
    first_times, second_times, result = [], [], None
    for _ in range(rounds):
        for function, times in ((first, first_times), (second, second_times)):
            started = time.perf_counter()
            result = function()
            times.append(time.perf_counter() - started)
            db.session.rollback()
    return statistics.median(first_times), statistics.median(second_times), result


def _one_completion(workshop_id: int, rng: random.Random, count: int) -> float:
    users = list(db.session.scalars(select(Application.user_id).where(
        Application.workshop_id == workshop_id)))
    modules = list(db.session.scalars(select(Module.id)))
    times = []
    for i in range(count):
        observation = Observation(rng.choice(users), rng.choice(modules), SourceKind.MOODLE,
                                  f"bench:{i}", "Bench LMS", CompletionStatus.PASSED, 0.9,
                                  utcnow() - timedelta(days=1))
        started = time.perf_counter()
        record_and_reevaluate(observation)
        db.session.commit()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run(candidates: int = 10_000, completions: int = 60_000, single: int = 50,
        database_url: str | None = None) -> dict[str, float]:
    """Run the benchmark; returns the measures (seconds) and the disagreement count."""
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        url = database_url or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        app = create_app({"INSTANCE_PATH": Path(tmp) / "instance", "DATABASE_URL": url,
                          "SECRET_KEY": "bench"})
        with app.app_context():
            upgrade(db.engine)
            workshop_id = _seed(candidates, completions, rng)
            workshop = db.session.get(Workshop, workshop_id)
            evaluate_workshop(workshop, "benchmark: first evaluation")
            db.session.commit()
            engine_time, sql_time, eligible_sql = _timed_pair(
                lambda: evaluate_workshop(workshop, "benchmark"), lambda: _sql_baseline(workshop))
            eligible_engine = set(db.session.scalars(select(Application.id).where(
                Application.workshop_id == workshop_id, Application.outcome == Outcome.ELIGIBLE)))
            outcomes = dict(db.session.execute(select(Application.outcome, func.count()).where(
                Application.workshop_id == workshop_id).group_by(Application.outcome)).all())
            single_time = _one_completion(workshop_id, rng, single)
        app.extensions["lms_bridge.db"][0].dispose()
    return {"engine": engine_time, "sql": sql_time, "ratio": engine_time / sql_time,
            "single": single_time, "eligible": len(eligible_engine),
            "not_yet": outcomes.get(Outcome.NOT_YET, 0),
            "ineligible": outcomes.get(Outcome.INELIGIBLE, 0),
            "disagreements": len(eligible_sql ^ eligible_engine)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--candidates", type=int, default=10_000)
    parser.add_argument("--completions", type=int, default=60_000)
    parser.add_argument("--single", type=int, default=50)
    args = parser.parse_args()
    result = run(args.candidates, args.completions, args.single,
                 os.environ.get("LMS_BRIDGE_BENCH_DATABASE_URL"))
    print(f"{args.candidates} candidates, 5 prerequisites, {args.completions} completions; "
          f"{result['eligible']} eligible, {result['not_yet']} not yet, "
          f"{result['ineligible']} ineligible; {result['disagreements']} disagreements with SQL")
    print(f"full re-evaluation (rule engine):  {result['engine'] * 1000:8.1f} ms")
    print(f"SQL aggregate yes/no (baseline):   {result['sql'] * 1000:8.1f} ms")
    print(f"ratio engine / SQL:                {result['ratio']:8.2f}  (target <= 3)")
    print(f"one new completion, re-evaluated:  {result['single'] * 1000:8.1f} ms median "
          "(target <= 20 ms)")
