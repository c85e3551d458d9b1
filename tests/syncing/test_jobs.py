"""A sync run end to end: loopback Moodle -> connector -> matching -> Completion rows."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from sync_world import add_moodle_source, completions, configure_for_tests, counts

from lms_bridge.db import db
from lms_bridge.syncing.models import (Health, PersonLink, RunStatus, SyncRun, SyncSource,
                                       UnmatchedPerson, UnmatchedReason)
from lms_bridge.syncing.runs import acquire_lease, release_lease
from lms_bridge.tracking.models import Completion
from lms_bridge.syncing.jobs import run_sync

C, I, P = "completed", "incomplete", "passed"
# shared/moodle-ws/README.md: course completion and the HS SCORM activity
EXPECTED = {
    ("learner1@example.com", "hs-classification"): C,
    ("learner1@example.com", "customs-valuation"): C,
    ("learner1@example.com", "hs-classification-scorm"): P,
    ("learner2@example.com", "hs-classification"): I,
    ("learner2@example.com", "customs-valuation"): I,
    ("learner2@example.com", "hs-classification-scorm"): P,
    ("learner3@example.com", "hs-classification"): C,
    ("learner3@example.com", "customs-valuation"): I,
    ("learner3@example.com", "hs-classification-scorm"): P,
    ("learner4@example.com", "hs-classification"): I,
    ("learner4@example.com", "customs-valuation"): C,
    ("learner4@example.com", "hs-classification-scorm"): I,
    ("learner5@example.com", "hs-classification"): I,
    ("learner5@example.com", "customs-valuation"): I,
    ("learner5@example.com", "hs-classification-scorm"): I,
}
SCORM_SCORES = {"learner1@example.com": 0.92, "learner2@example.com": 0.78,
                "learner3@example.com": 0.81}


@pytest.fixture
def world(app, make_user, moodle):
    configure_for_tests(app)
    for n in range(1, 6):
        make_user("learner", email=f"learner{n}@example.com")
    with app.app_context():
        return {"source_id": add_moodle_source(moodle), "moodle": moodle}


def test_the_moodle_samples_become_the_right_completions(app, world):
    with app.app_context():
        run = run_sync(world["source_id"], full=True)
        assert run.status is RunStatus.SUCCEEDED, run.errors
        stored = completions()
        assert {key: status for key, (status, _) in stored.items()} == EXPECTED
        for email, score in SCORM_SCORES.items():
            assert stored[(email, "hs-classification-scorm")][1] == pytest.approx(score)
        assert run.created == len(EXPECTED) and run.people_unmatched == 0
        assert run.unmapped > 0  # the pages and the valuation SCORM are mapped to nothing
        completion = db.session.scalars(select(Completion)).first()
        assert completion.source_key == f"sync:{world['source_id']}"
        assert completion.source_label == "CLiKC!"
        assert {"record_id", "remote_ids", "fetched_at", "raw", "source"} <= set(completion.provenance)


@pytest.mark.parametrize("full", [False, True])
def test_two_runs_in_a_row_the_second_changes_nothing(app, world, full):
    with app.app_context():
        run_sync(world["source_id"], full=full)
        before = counts()
        second = run_sync(world["source_id"], full=full)
        assert (second.created, second.updated, second.kept_better) == (0, 0, 0)
        assert counts()[:2] == before[:2]
        assert second.status is RunStatus.SUCCEEDED


def test_a_revoked_token_marks_the_source_needing_attention(app, world):
    with app.app_context():
        run_sync(world["source_id"])
        world["moodle"].token = "another-token"  # the old one was revoked on Moodle
        run = run_sync(world["source_id"])
        source = db.session.get(SyncSource, world["source_id"])
        assert run.status is RunStatus.NEEDS_ATTENTION
        assert source.needs_attention and source.health is Health.NEEDS_ATTENTION
        assert len(completions()) == len(EXPECTED)  # nothing erased


def test_unmatched_and_ambiguous_people_are_listed_and_linking_applies_their_records(
        app, make_user, moodle):
    configure_for_tests(app)
    make_user("learner", email="learner1@example.com")
    with app.app_context():
        source_id = add_moodle_source(moodle)
        run = run_sync(source_id)
        assert run.people_unmatched == 4
        waiting = db.session.scalars(select(UnmatchedPerson)).all()
        assert {u.email for u in waiting} == {f"learner{n}@example.com" for n in range(2, 6)}
        assert all(u.reason is UnmatchedReason.UNMATCHED and u.pending for u in waiting)
    make_user("learner", email="someone.else@example.org")
    with app.app_context():
        from lms_bridge.syncing.operations import link_person
        learner2 = db.session.scalar(select(UnmatchedPerson).where(
            UnmatchedPerson.email == "learner2@example.com"))
        link_person(None, learner2.id, "someone.else@example.org")
        stored = completions()
        assert stored[("someone.else@example.org", "hs-classification-scorm")][0] == P
        assert db.session.scalar(select(PersonLink.identity)) == "email:learner2@example.com"


def test_people_who_register_later_get_their_waiting_records(app, make_user, moodle):
    configure_for_tests(app)
    with app.app_context():
        source_id = add_moodle_source(moodle)
        assert run_sync(source_id).people_unmatched == 5
    make_user("learner", email="learner3@example.com")
    with app.app_context():
        run = run_sync(source_id)  # nothing changed on Moodle: no records pulled
        assert run.records_seen == 0 and run.created == 3
        assert completions()[("learner3@example.com", "hs-classification")][0] == C


def test_same_email_on_two_remote_accounts_is_ambiguous(app, make_user, moodle):
    configure_for_tests(app)
    make_user("learner", email="learner1@example.com")
    moodle.site.learners[5].username = "learner1"  # learner2's account now shows learner1's e-mail
    with app.app_context():
        run_sync(add_moodle_source(moodle))
        person = db.session.scalar(select(UnmatchedPerson).where(
            UnmatchedPerson.email == "learner1@example.com"))
        assert person.reason is UnmatchedReason.AMBIGUOUS
        assert person.candidates == ["remote account 4", "remote account 5"]
        assert not completions()


def test_a_source_held_by_another_process_is_not_synced(app, world):
    with app.app_context():
        assert acquire_lease(world["source_id"], "other-host:1:1")
        assert run_sync(world["source_id"]) is None
        release_lease(world["source_id"], "other-host:1:1")
        assert run_sync(world["source_id"]) is not None
        assert len(db.session.scalars(select(SyncRun)).all()) == 1


def test_two_concurrent_runs_make_one_run(app, world):
    barrier, results = threading.Barrier(2), []

    def run():
        with app.app_context():
            barrier.wait()
            results.append(run_sync(world["source_id"], full=True))
    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(r is None for r in results) == [False, True]
    with app.app_context():
        assert len(db.session.scalars(select(SyncRun)).all()) == 1


def test_a_recording_that_fails_half_way_records_nothing_as_its_message_says(app, world):
    """Progress is written in its own transaction; the records commit only with the run."""
    def fail_on_the_fourth(counts):
        if counts.records_done == 4:
            raise RuntimeError("disk full")

    with app.app_context():
        run = run_sync(world["source_id"], full=True, on_progress=fail_on_the_fourth)
        assert run.status is RunStatus.FAILED and "recording failed" in run.message
        assert completions() == {}
        assert (run.records_done, run.created) == (0, 0)
        assert run_sync(world["source_id"], full=True).created == len(EXPECTED)


def test_the_recording_phase_is_visible_to_another_connection_before_it_ends(app, world):
    seen = []

    def look_from_elsewhere(counts):
        if counts.records_done == 0:
            with db.engine.connect() as other:
                seen.append(other.execute(select(SyncRun.phase, SyncRun.records_seen)).one())

    with app.app_context():
        run_sync(world["source_id"], full=True, on_progress=look_from_elsewhere)
    assert len(seen) == 1 and seen[0].phase == "recording" and seen[0].records_seen > 0
