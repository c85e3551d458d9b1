"""The people list at 20,000 accounts: pages are read in index order (no sort of the whole
table), the last page renders, and filters and search still answer. No timing is asserted."""
import pytest
from sqlalchemy import insert, text

from lms_bridge.accounts.models import AccessStatus, Role, User, UserRole
from lms_bridge.accounts.people.queries import PeopleFilter, people_query
from lms_bridge.db import db
from tests.conftest import login

COUNT = 20_000


@pytest.fixture
def many_people(app, administrations):
    """20,000 learners in one bulk insert (half of them Korean), and one admin."""
    kr, fr = administrations["KR"], administrations["FR"]
    with app.app_context():
        # ids from the database's own sequence (explicit ids would leave PostgreSQL's sequence
        # behind, and the next account created would collide with person 1)
        ids = db.session.scalars(insert(User).returning(User.id, sort_by_parameter_order=True), [
            {"email": f"person{n:05d}@example.org", "display_name": f"Person {n}",
             "password_hash": "x", "active": n % 10 != 0, "preferred_language": "en",
             "access_status": AccessStatus.APPROVED, "administration_id": kr if n % 2 else fr,
             "session_version": 0} for n in range(1, COUNT + 1)]).all()
        db.session.execute(insert(UserRole), [{"user_id": user_id, "role": Role.LEARNER}
                                              for user_id in ids])
        db.session.commit()


def _plan(query) -> str:
    compiled = query.compile(db.engine, compile_kwargs={"literal_binds": True})
    rows = db.session.execute(text(f"EXPLAIN QUERY PLAN {compiled}"))
    return "\n".join(str(row[-1]) for row in rows)


def test_a_page_is_read_in_index_order(app, many_people):
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            return  # PostgreSQL's planner is covered by the rendering test below
        page = people_query(PeopleFilter()).order_by(User.email).limit(50).offset(19_950)
        plan = _plan(page)
        assert "USING INDEX" in plan and "TEMP B-TREE" not in plan, plan
        by_administration = people_query(
            PeopleFilter(administration_id=1)).order_by(User.email).limit(50)
        assert "TEMP B-TREE" not in _plan(by_administration)


def test_the_last_page_of_20000_renders(app, client, many_people, make_user):
    make_user("admin", email="zz-admin@example.org")
    login(client, "zz-admin@example.org")
    first = client.get("/admin/users")
    assert first.status_code == 200
    assert "20,001 people" in first.get_data(as_text=True)
    last = client.get("/admin/users?page=401").get_data(as_text=True)
    assert "zz-admin@example.org" in last and "Page 401 of 401" in last
    deactivated = client.get("/admin/users?state=deactivated&q=person1999").get_data(as_text=True)
    assert "person19990@example.org" in deactivated and "person19991" not in deactivated
