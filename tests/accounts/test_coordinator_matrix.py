"""A national coordinator sees the prerequisite matrix of any workshop, filtered to their own
administration (page, CSV and API), whatever administration they ask for."""
import pytest

from lms_bridge.db import db
from tests.conftest import login
from tests.eligibility import world


@pytest.fixture
def matrix_world(app, make_user):
    ids = {"coordinator": make_user("coordinator", email="coordinator@example.org"),
           "nc_kr": make_user("national_coordinator", country="KR", email="nc.kr@example.org"),
           "kr": make_user("learner", country="KR", email="kr@example.org", name="Kim Korea"),
           "ke": make_user("learner", country="KE", email="ke@example.org", name="Kamau Kenya")}
    with app.app_context():
        world.modules()
        ids["workshop"] = world.workshop(ids["coordinator"])
        world.apply(ids["kr"], ids["workshop"])
        world.apply(ids["ke"], ids["workshop"])
        db.session.commit()
    return ids


def test_the_page_and_csv_show_only_their_administration(client, matrix_world, administrations):
    login(client, "nc.kr@example.org")
    workshop = matrix_world["workshop"]
    for url in (f"/workshops/{workshop}/matrix",
                f"/workshops/{workshop}/matrix?administration={administrations['KE']}",
                f"/workshops/{workshop}/matrix.csv?administration={administrations['KE']}"):
        answer = client.get(url)
        body = answer.get_data(as_text=True)
        assert answer.status_code == 200, url
        assert "Kim Korea" in body and "Kamau" not in body and "Kenya" not in body, url


def test_the_api_shows_only_their_administration(client, matrix_world, token_for):
    answer = client.get(f"/api/v1/workshops/{matrix_world['workshop']}/matrix",
                        headers={"Authorization": f"Bearer {token_for(matrix_world['nc_kr'])}"})
    assert answer.status_code == 200
    assert {row["administration"]["country_code"] for row in answer.get_json()} == {"KR"}


def test_a_coordinator_still_sees_everyone(client, matrix_world):
    login(client, "coordinator@example.org")
    body = client.get(f"/workshops/{matrix_world['workshop']}/matrix").get_data(as_text=True)
    assert "Kim Korea" in body and "Kamau Kenya" in body
