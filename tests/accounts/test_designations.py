"""Official designations of national coordinators: designating gives the role for that
administration, ending the last one takes it away; an administration may have several."""
from datetime import date, timedelta

import pytest

from lms_bridge.accounts.designations import operations as designations
from lms_bridge.accounts.designations.queries import coordinators_of
from lms_bridge.errors import Conflict, Forbidden, InvalidInput
from tests.accounts.people_helpers import call, events, person

LETTER = date(2026, 3, 2)


@pytest.fixture
def admin(make_user):
    return make_user("admin", email="admin@example.org")


def test_designating_gives_the_role_and_the_administration(app, admin, make_user, administrations):
    official = make_user("learner", email="o@example.org")
    designation = call(app, designations.designate, admin, official, administrations["KR"],
                       "WCO/KR/2026-14", LETTER)
    assert person(app, official) | {"session_version": 0} == {
        "active": True, "roles": ["learner", "national_coordinator"], "administration": "KR",
        "session_version": 0}
    assert designation.reference == "WCO/KR/2026-14"
    [event] = events(app, "designation.recorded")
    assert event.details["reference"] == "WCO/KR/2026-14" and event.actor_id == admin


def test_an_administration_may_have_two_coordinators(app, admin, make_user, administrations):
    first, second = make_user("learner", country="KR"), make_user("learner", country="KR")
    for official in (first, second):
        call(app, designations.designate, admin, official, administrations["KR"], "ref", LETTER)
    with app.app_context():
        assert {d.user_id for d in coordinators_of(administrations["KR"])} == {first, second}


def test_ending_the_last_designation_removes_the_role(app, admin, make_user, administrations):
    official = make_user("learner", country="KR")
    kr = call(app, designations.designate, admin, official, administrations["KR"], "a", LETTER).id
    assert call(app, designations.end_designation, admin, kr, "retired") is True
    assert person(app, official)["roles"] == ["learner"]
    assert person(app, official)["session_version"] == 1
    assert events(app, "designation.ended")[0].reason == "retired"


def test_replacing_ends_one_and_designates_the_other(app, admin, make_user, administrations):
    old, new = make_user("learner", country="KR"), make_user("learner", country="KR")
    first = call(app, designations.designate, admin, old, administrations["KR"], "a", LETTER).id
    replacement = call(app, designations.replace_designation, admin, first, new, "b",
                       LETTER + timedelta(days=30), "new head of training")
    assert replacement.user_id == new
    assert person(app, old)["roles"] == ["learner"]
    assert "national_coordinator" in person(app, new)["roles"]
    with pytest.raises(Conflict, match="already ended"):
        call(app, designations.end_designation, admin, first, "again")


@pytest.mark.parametrize("reference, letter, problem", [
    ("", LETTER, "reference"), ("ref", date.today() + timedelta(days=2), "future")])
def test_a_designation_needs_a_reference_and_a_past_date(app, admin, make_user, administrations,
                                                          reference, letter, problem):
    official = make_user("learner", country="KR")
    with pytest.raises(InvalidInput, match=problem):
        call(app, designations.designate, admin, official, administrations["KR"], reference, letter)
    assert person(app, official)["roles"] == ["learner"]


def test_a_person_of_another_administration_is_refused(app, admin, make_user, administrations):
    official = make_user("learner", country="FR")
    with pytest.raises(Conflict, match="change their administration first"):
        call(app, designations.designate, admin, official, administrations["KR"], "ref", LETTER)


def test_a_designated_coordinator_keeps_the_role_until_the_designation_ends(
        app, admin, make_user, administrations):
    from lms_bridge.accounts.models import Role
    from lms_bridge.accounts.people import operations as people

    official = make_user("learner", country="KR")
    call(app, designations.designate, admin, official, administrations["KR"], "ref", LETTER)
    with pytest.raises(Conflict, match="end the designation"):
        call(app, people.set_roles, admin, official, [Role.LEARNER], "demoted")
    with pytest.raises(Conflict, match="end that designation first"):
        call(app, people.set_administration, admin, official, administrations["FR"], "moved")


def test_only_admins_designate(app, make_user, administrations):
    coordinator = make_user("national_coordinator", country="KR")
    official = make_user("learner", country="KR")
    with pytest.raises(Forbidden):
        call(app, designations.designate, coordinator, official, administrations["KR"], "r", LETTER)


def test_the_role_is_not_given_without_a_designation(app, admin, make_user):
    from lms_bridge.accounts.models import Role
    from lms_bridge.accounts.people import operations as people

    learner = make_user("learner", country="KR")
    with pytest.raises(InvalidInput, match="designated officially"):
        call(app, people.set_roles, admin, learner, [Role.LEARNER, Role.NATIONAL_COORDINATOR], "x")
    assert person(app, learner)["roles"] == ["learner"]
