"""The engine's sentences in the reader's language: every sentence through gettext, dates
through the locale, reasons worded when shown, messages in the recipient's language."""
from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest

from babel.dates import format_date
from flask_babel import get_locale
from sqlalchemy import select

from lms_bridge.accounts.models import User
from lms_bridge.db import db
from lms_bridge.eligibility import history_words, labels, operations
from lms_bridge.eligibility.models import Application, Notification
from lms_bridge.eligibility.states import ApplicationStatus
from lms_bridge.eligibility.notifications import in_english, notify_person
from lms_bridge.eligibility.rules import (CompletionEvidence, CompletionRule, CompletionStatus,
                                          NominationState, Prerequisite, SourceKind,
                                          evaluate_candidate)
from lms_bridge.eligibility.wording import Words
from lms_bridge.errors import InvalidInput
from tests.conftest import login
from tests.eligibility import world

UTC = timezone.utc
DEADLINE = datetime(2026, 12, 1, tzinfo=UTC)
PREREQUISITE = Prerequisite(id=1, label="Customs valuation", module_keys={"cv"},
                            rule=CompletionRule.PASSED, min_score=70, recency_days=30,
                            allowed_sources=frozenset({SourceKind.MOODLE, "CLiKC!"}))
OLD_FAIL = CompletionEvidence(7, "cv", SourceKind.CSV, "Regional CSV", CompletionStatus.FAILED,
                              0.55, datetime(2026, 10, 1, tzinfo=UTC))


def _marked(message: str, **values: object) -> str:
    # A "translation" that shows which words went through gettext: «msgid» with values.
    return "«" + message % values + "»" if values else "«" + message + "»"


def _marked_plural(singular: str, plural: str, num: int, **values: object) -> str:
    return _marked(singular if num == 1 else plural, num=num, **values)


MARKED = Words(gettext=_marked, ngettext=_marked_plural,
               date=lambda moment, zone: f"<{moment.date().isoformat()}>",
               score=lambda score: "<score>" if score is None else f"<{score}>")


def _decision(nomination=NominationState.PENDING):
    return evaluate_candidate([OLD_FAIL], [PREREQUISITE], nomination,
                              availability_committed=False,
                              workshop_start=datetime(2026, 12, 7, tzinfo=UTC),
                              deadline=DEADLINE, now=datetime(2026, 12, 3, tzinfo=UTC))


def test_every_word_of_a_reason_goes_through_the_words_given():
    decision = _decision()
    message = decision.results[0].worded(MARKED)
    left = message
    for data in ("Customs valuation", "Regional CSV", "CLiKC!"):  # names, not words
        left = left.replace(data, "")
    while (shorter := re.sub(r"«[^«»]*»", "", left)) != left:  # marked words, innermost first
        left = shorter
    assert not re.search(r"[A-Za-z]", left), left
    assert "<2026-12-01>" in message and "<0.55>" in message and "December" not in message
    assert "«failed»" in message and "«any Moodle site»" in message
    assert message.startswith("«needs «") and "which does not count" in message


def test_blockers_are_codes_worded_on_demand():
    decision = _decision()
    assert decision.blockers == ("awaiting nomination by the national coordinator",
                                 "availability for the whole workshop not yet confirmed",
                                 "the deadline of 1 December 2026 has passed")
    assert decision.worded_blockers(MARKED)[-1] == "«the deadline of <2026-12-01> has passed»"
    assert decision.explain(MARKED).splitlines()[0] == "«ineligible»"


def test_the_candidate_page_words_the_reasons_in_the_readers_language(app, client, make_user):
    coordinator = make_user("coordinator", email="coordinator@example.org")
    learner = make_user("learner", country="KR", email="kr@example.org")
    with app.app_context():
        world.modules()
        application_id = world.apply(learner, world.workshop(coordinator))
        db.session.get(User, coordinator).preferred_language = "fr"
        db.session.commit()
        application = db.session.get(Application, application_id)
        deadline = application.workshop.applications_close_at
        stored = [cell["message"] for cell in application.results]
    english_month = deadline.strftime("%B")
    assert all(english_month in message for message in stored)  # the records stay English
    login(client, "coordinator@example.org")
    page = client.get(f"/applications/{application_id}").get_data(as_text=True)
    french_day = format_date(deadline.date(), "long", locale="fr")
    assert french_day in page and f"by {deadline.day} {english_month}" not in page


def test_a_message_is_written_in_the_recipients_language(app, make_user):
    reader = make_user("learner", country="KR", email="reader@example.org")

    class Seen:
        """Says which language it was worded in."""

        def __str__(self) -> str:
            return str(get_locale())

    with app.test_request_context(headers={"Accept-Language": "ar"}):
        user = db.session.get(User, reader)
        user.preferred_language = "ru"
        notify_person(user, Seen(), Seen())
        assert str(get_locale()) == "ar"  # the sender's language is left as it was
        assert in_english(Seen()) == "en"
        message = db.session.scalars(select(Notification)).one()
        assert (message.subject, message.body) == ("ru", "ru")


def test_a_window_that_opens_too_late_is_refused_in_words(app, make_user):
    coordinator = make_user("coordinator", email="coordinator@example.org")
    with app.test_request_context():
        world.modules()
        workshop_id = world.workshop(coordinator, prerequisites=False)  # start 10 days after close
        with pytest.raises(InvalidInput) as refused:
            operations.add_prerequisite(
                db.session.get(User, coordinator), workshop_id, operations.PrerequisiteSpec(
                    "Recent HS", ("hs-classification",), CompletionRule.PASSED, recency_days=5))
    assert refused.value.message == (
        "This prerequisite cannot be used: its window of 5 days before the start opens after "
        "the applications close, so no record could ever count")


@pytest.mark.parametrize("stored, sentence, values", [
    ("sent to the national coordinator of Korea Customs: HQ",
     "sent to the national coordinator of %(administration)s",
     {"administration": "Korea Customs: HQ"}),
    ("withdrawn by the applicant: moved to another post",
     "withdrawn by the applicant: %(reason)s", {"reason": "moved to another post"}),
    ("withdrawn by Ana Lee: duplicate", "withdrawn by %(name)s: %(reason)s",
     {"name": "Ana Lee", "reason": "duplicate"}),
    ("not nominated by Bo Kim: budget", "%(decision)s by %(name)s: %(reason)s",
     {"decision": "«not nominated»", "name": "Bo Kim", "reason": "budget"}),
    ("new record 17 from CLiKC!: Customs valuation passed, 82.5",
     "new record %(record)s from %(source)s: %(module)s %(status)s, %(score)s",
     {"record": "17", "source": "CLiKC!", "module": "Customs valuation", "status": "«passed»",
      "score": "82.5"}),
    ("improved record 3 from LMS Bridge: HS failed test passed, no score",
     "improved record %(record)s from %(source)s: %(module)s %(status)s, %(score)s",
     {"record": "3", "source": "LMS Bridge", "module": "HS failed test", "status": "«passed»",
      "score": "«no score»"}),
])
def test_the_systems_recorded_sentences_are_worded_again(app, monkeypatch, stored, sentence,
                                                          values):
    monkeypatch.setattr(history_words, "gettext", _marked)
    monkeypatch.setattr(labels, "label", lambda member: f"«{member.value}»")
    monkeypatch.setattr(history_words, "label", labels.label)
    monkeypatch.setattr(history_words, "status_label", lambda value: f"«{value}»")
    with app.test_request_context():
        assert history_words.recorded(stored) == _marked(sentence, **values)


def test_a_persons_words_and_english_records_read_back_unchanged(app):
    with app.test_request_context():
        assert history_words.recorded("They asked for it by phone.") == "They asked for it by phone."
        for text in ("application started", "withdrawn by the applicant",
                     "prerequisite 'HS' added by Ana", "nominated by Bo: fits the profile"):
            assert history_words.recorded(text) == text


def test_what_the_system_writes_it_reads_back(app, monkeypatch):
    written = [history_words.STARTED, history_words.SUBMITTED,
               history_words.EVALUATED_ON_SUBMISSION, history_words.DEADLINE_PASSED,
               history_words.sent_to_coordinator("Korea Customs"),
               history_words.workshop_changed("Ana"),
               *(history_words.prerequisite_change(verb, "HS", "Ana")
                 for verb in ("added", "changed", "removed")),
               history_words.decided(ApplicationStatus.NOT_NOMINATED, "Bo", "budget"),
               *(history_words.withdrawal(mine, "Ana", reason)
                 for mine in (True, False) for reason in ("", "moved"))]
    with app.test_request_context():
        stored = [in_english(sentence) for sentence in written]
        assert [history_words.recorded(text) for text in stored] == stored
        monkeypatch.setattr(history_words, "gettext", _marked)
        assert all(history_words.recorded(text).startswith("«") for text in stored)


@pytest.mark.parametrize("language", ["fr", "es", "ru", "ar"])
def test_every_page_renders_in_every_language(app, make_user, language):
    admin = make_user("admin", email="admin@example.org")
    coordinator = make_user("coordinator", email="coordinator@example.org")
    learner = make_user("learner", country="KR", email="kr@example.org")
    with app.app_context():
        world.modules()
        workshop_id = world.workshop(coordinator)
        application_id = world.apply(learner, workshop_id)
        for user_id in (admin, learner):
            db.session.get(User, user_id).preferred_language = language
        db.session.commit()
        prerequisite_id = db.session.get(Application, application_id).workshop.prerequisites[0].id
    pages = {"admin@example.org": [
        "/workshops", f"/workshops/{workshop_id}", f"/workshops/{workshop_id}/matrix",
        f"/applications/{application_id}", "/nominations", "/admin/outbox", "/workshops/new",
        f"/workshops/{workshop_id}/edit",
        f"/workshops/{workshop_id}/prerequisites/{prerequisite_id}/edit"],
        "kr@example.org": ["/my/applications", f"/workshops/{workshop_id}/apply"]}
    for email, urls in pages.items():
        browser = app.test_client()
        login(browser, email)
        for url in urls:
            response = browser.get(url)
            assert response.status_code == 200, (url, response.get_data(as_text=True)[:500])
            assert f'<html lang="{language}"' in response.get_data(as_text=True)
