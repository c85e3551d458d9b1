"""The matrix names its score the pre-selection score; the chart follows the filters and
leaves withdrawn candidates out."""
import re

import pytest

from lms_bridge.accounts.models import User
from lms_bridge.db import db
from lms_bridge.eligibility import operations
from tests.conftest import login
from tests.eligibility import world


@pytest.fixture
def matrix_url(app, make_user, administrations):
    coordinator = make_user("coordinator", email="coordinator@example.org")
    people = {code: [make_user("learner", country=code) for _ in range(n)]
              for code, n in (("KR", 2), ("KE", 3))}
    with app.app_context():
        world.modules()
        workshop = world.workshop(coordinator)
        applications = {code: [world.apply(p, workshop) for p in ids] for code, ids in people.items()}
        leaving = people["KE"][0]
        operations.withdraw_application(db.session.get(User, leaving), applications["KE"][0])
        db.session.commit()
    return f"/workshops/{workshop}/matrix"


def _chart_says(page: str) -> str:
    return re.search(r'<desc id="chart-desc">(.*?)</desc>', page, re.S).group(1)


def test_the_score_column_says_it_is_the_pre_selection_score(client, matrix_url):
    login(client, "coordinator@example.org")
    page = client.get(matrix_url).get_data(as_text=True)
    assert '<th scope="col">Pre-selection score' in page
    assert '<th scope="col">Score</th>' not in page


def test_the_chart_leaves_withdrawn_candidates_out(client, matrix_url):
    login(client, "coordinator@example.org")
    chart = _chart_says(client.get(matrix_url).get_data(as_text=True))
    assert re.search(r"Kenya[^:]*: 2 candidate", chart), chart
    assert re.search(r"Korea[^:]*: 2 candidate", chart), chart


def test_the_chart_follows_the_filters(client, matrix_url, administrations):
    login(client, "coordinator@example.org")
    page = client.get(f"{matrix_url}?administration={administrations['KR']}")
    chart = _chart_says(page.get_data(as_text=True))
    assert "Korea" in chart and "Kenya" not in chart
