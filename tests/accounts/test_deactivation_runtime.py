"""Deactivating through the people operation refuses the learner's launch token at the runtime
endpoints at once (the module was open in another tab), and reactivating does not lose the
stored progress."""
import pytest
from sqlalchemy import select

from lms_bridge.accounts.models import User
from lms_bridge.accounts.people import operations as people
from lms_bridge.db import db
from tests.player.conftest import publish  # noqa: F401  (the fixture)
from tests.player.runtime_client import Learner


@pytest.fixture
def learner(app, client, make_user, publish):
    publish("tiny", "1.2", mastery=80)
    make_user("admin", email="admin@example.org")
    make_user("learner", email="ana@example.org")
    return Learner(client, "ana@example.org")


def _as_admin(app, change, *args):
    with app.app_context():
        admin = db.session.scalar(select(User).where(User.email == "admin@example.org"))
        ana = db.session.scalar(select(User.id).where(User.email == "ana@example.org"))
        change(admin, ana, *args)


def test_the_open_modules_launch_token_is_refused_after_deactivation(app, learner):
    _, token = learner.launch("tiny")
    learner.start(token)
    assert learner.commit(token, 1, {"cmi.core.lesson_location": "p1"}).status_code == 200
    _as_admin(app, people.deactivate, "left the administration")
    refused = learner.commit(token, 2, {"cmi.core.lesson_location": "p2"})
    assert refused.status_code == 403
    assert learner.client.post("/player/runtime/start", json={"token": token}).status_code == 403
    _as_admin(app, people.reactivate, "came back")
    with app.app_context():
        from lms_bridge.player.models import ScoState
        assert db.session.scalars(select(ScoState)).one().state["cmi.core.lesson_location"] == "p1"
