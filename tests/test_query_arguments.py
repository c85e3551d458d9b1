"""Integer query arguments (pages, ids in filters) out of range or not numbers are a page,
never a 500: a huge ``?page=`` made the database's OFFSET overflow, a huge id could not be bound
(SQLite ``OverflowError``), and a non-ASCII digit passed ``str.isdigit`` but not ``int``."""
import pytest

from lms_bridge.converters import LARGEST_ID, page_number, query_id
from tests.conftest import login

HOSTILE = ["99999999999999999999", str(LARGEST_ID + 1), "1" * 5000, "-1", "abc", "\u00b2", ""]
"""\u00b2 (superscript two) is a digit to ``str.isdigit`` that ``int`` refuses."""


@pytest.fixture
def objects(app, make_user):
    from lms_bridge.syncing.models import SourceKind
    from lms_bridge.syncing.operations import create_source
    from tests.eligibility import world

    make_user("admin", email="admin@example.org")
    coordinator = make_user("coordinator", email="coordinator@example.org")
    with app.app_context():
        workshop = world.workshop(coordinator, prerequisites=False)
        source = create_source(None, "Local", SourceKind.MOODLE, "http://127.0.0.1:9/",
                               secret="t", allow_private=True).id
    return {"workshop": workshop, "source": source}


ROUTES = ["/admin/outbox?page={}", "/workshops/{workshop}/matrix?administration={}",
          "/admin/sync/{source}?page={}", "/admin/sync/{source}?after={}",
          "/admin/sync/upload?source={}", "/admin/users?page={}", "/admin/audit?page={}"]


@pytest.mark.parametrize("route", ROUTES)
def test_a_hostile_integer_argument_is_a_page_not_a_500(app, client, objects, route):
    assert login(client, "admin@example.org").status_code == 302
    wrong = {}
    for value in HOSTILE:
        response = client.get(route.format(value, **objects))
        if response.status_code != 200:
            wrong[value[:30]] = response.status_code
    assert not wrong


@pytest.mark.parametrize("value, page", [
    ("3", 3), ("0003", 3), ("", 1), ("0", 1), ("-1", 1), ("abc", 1), ("\u00b2", 1), ("\u0663", 1),
    ("1" * 5000, 100_000),
    ("99999999999999999999", 100_000), ("100000", 100_000), ("100001", 100_000)])
def test_page_number_is_within_the_pages(app, value, page):
    with app.test_request_context("/", query_string={"page": value}):
        assert page_number() == page


@pytest.mark.parametrize("value, found", [
    ("7", 7), (str(LARGEST_ID), LARGEST_ID), (str(LARGEST_ID + 1), None), ("0", None),
    ("-7", None), ("x", None), ("\u00b2", None), ("", None)])
def test_query_id_is_an_id_a_column_holds_or_none(app, value, found):
    with app.test_request_context("/", query_string={"source": value}):
        assert query_id("source") == found
