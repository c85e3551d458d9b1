"""A learner's attempt in plain words, and who may read it (/attempts/<id>/results)."""
import re

import pytest
from sqlalchemy import select

from tests.conftest import login


def _attempt_ids(app, user_id):
    from lms_bridge.db import db
    from lms_bridge.player.models import Attempt

    with app.app_context():
        return list(db.session.scalars(select(Attempt.id).where(Attempt.user_id == user_id)
                                       .order_by(Attempt.number)))


@pytest.mark.parametrize("email, whose, status", [
    ("coord@example.org", "bo", 200),
    ("nc-kr@example.org", "kim", 200),
    ("nc-kr@example.org", "bo", 403),   # another administration's learner
    ("nc-fr@example.org", "kim", 403),
    ("lee@example.org", "kim", 403),    # another learner
    ("kim@example.org", "kim", 200),    # their own
])
def test_who_may_read_an_attempt(app, client, world, email, whose, status):
    attempt_id = _attempt_ids(app, getattr(world, whose))[0]
    login(client, email)
    response = client.get(f"/attempts/{attempt_id}/results")
    assert response.status_code == status
    if status == 403:  # nothing of the attempt leaks (the page's random CSRF token set aside)
        page = re.sub(r'name="csrf_token" value="[^"]*"', "", response.get_data(as_text=True))
        assert "q1" not in page


def test_a_coordinator_reads_the_attempt_in_plain_words(app, client, world):
    first, second = _attempt_ids(app, world.kim)
    login(client, "coord@example.org")
    page = client.get(f"/attempts/{first}/results").get_data(as_text=True)
    assert "Attempt 1 of 2" in page and "did not pass" in page and "Score: 30%" in page
    assert "Questions: 0 of 3 right" in page and "not answered" in page
    assert "&lt;script&gt;" in page and "<script>alert" not in page
    assert "<details" in page and "cmi.interactions.0.learner_response" in page
    # the other attempt keeps its own answers: each attempt shows its own data
    page = client.get(f"/attempts/{second}/results").get_data(as_text=True)
    assert "Attempt 2 of 2" in page and "passed." in page and "Questions: 2 of 3 right" in page
    assert "Back to the results of" in page


def test_the_learner_reads_their_own_results(app, client, world):
    login(client, "lee@example.org")
    attempt_id = _attempt_ids(app, world.lee)[0]
    page = client.get(f"/attempts/{attempt_id}/results").get_data(as_text=True)
    assert "You passed." in page and "Score: 70%" in page and "2 of 3 right" in page
    assert "✓ right" in page and "✗ wrong" in page and "Time spent: 30 s" in page
    assert "Back to my pre-learning" in page
