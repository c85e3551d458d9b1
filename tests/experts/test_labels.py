"""The experts domain's words: every enum value a page shows has them (English = the value, so
English pages read as before), and each message goes out in its recipient's language."""
import pytest
from flask_babel import get_locale
from sqlalchemy import select

from lms_bridge.accounts.models import Region, User
from lms_bridge.db import db
from lms_bridge.eligibility.models import Notification
from lms_bridge.eligibility.states import ApplicationStatus
from lms_bridge.experts import states, vocabulary
from lms_bridge.experts.labels import LABELS, label
from lms_bridge.experts.operations.common import tell_person_and_coordinators

SHOWN = [vocabulary.Field, vocabulary.Criterion, vocabulary.Audience, vocabulary.MissionRole,
         vocabulary.Evaluation, vocabulary.ParticipantOutcome, states.AccreditationStatus,
         states.AssignmentStatus, states.MissionStatus, states.TrainingStatus, Region,
         ApplicationStatus]


@pytest.mark.parametrize("kind", SHOWN, ids=lambda kind: kind.__name__)
def test_every_value_shown_has_words_and_they_are_the_value_in_english(kind):
    assert [member for member in kind if member not in LABELS] == []
    assert [member for member in kind if label(member) != member.value] == []


def test_each_recipient_is_written_to_in_their_own_language(app, make_user):
    person = make_user("learner", country="KR", name="Ha-eun")
    coordinator = make_user("national_coordinator", country="KR")
    with app.app_context():
        db.session.get(User, person).preferred_language = "fr"
        db.session.get(User, coordinator).preferred_language = "ar"
        tell_person_and_coordinators(db.session.get(User, person),
                                     lambda: (str(get_locale()), "body"))
        db.session.commit()
        sent = dict(db.session.execute(select(Notification.user_id, Notification.subject)).all())
    assert sent == {person: "fr", coordinator: "Ha-eun: ar"}
