"""No page scrolls sideways on a 390 px phone, and the menu bar is one line on a 1280 px desktop,
for every role and every page of its menu, on the demo's data (tables full of real rows)."""
import pytest
from sqlalchemy import select

from lms_bridge.accounts.models import User
from lms_bridge.accounts.operations import set_password
from lms_bridge.db import db
from lms_bridge.demo import DOMAIN, load_demo
from tests.browser.test_access_journey import _sign_in
from tests.conftest import PASSWORD

# sqlite_only: what it checks is layout, not the database; its pages' queries run on PostgreSQL in the domain tests
pytestmark = [pytest.mark.browser, pytest.mark.sqlite_only]

ROLES = {"learner": f"learner@{DOMAIN}", "national_coordinator": f"nc.kr@{DOMAIN}",
         "coordinator": f"coordinator@{DOMAIN}", "admin": f"admin@{DOMAIN}",
         "resource_person": f"resource.person@{DOMAIN}"}
SIDEWAYS = "document.scrollingElement.scrollWidth - window.innerWidth"
# Every item of the menu bar starts on the same line, and the bar is no taller than one line.
MENU_TOPS = """() => [...document.querySelectorAll('.site-header > .brand, nav[aria-label=Main] > ul > li')]
                 .map(e => Math.round(e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2))"""
HEADER_HEIGHT = "document.querySelector('.site-header').getBoundingClientRect().height"


@pytest.fixture
def demo(app):
    with app.app_context():
        load_demo()
        for email in ROLES.values():
            set_password(db.session.scalar(select(User).where(User.email == email)), PASSWORD)
        db.session.commit()


def _menu_pages(page) -> list[str]:
    return page.eval_on_selector_all("nav[aria-label=Main] a[href]",
                                     "links => links.map(a => a.getAttribute('href'))")


@pytest.mark.parametrize("role", list(ROLES))
def test_no_page_of_the_menu_scrolls_sideways_and_the_menu_is_one_line(
        live_server, page, demo, role):
    page.set_viewport_size({"width": 1280, "height": 900})
    _sign_in(page, live_server, ROLES[role], PASSWORD)
    pages = _menu_pages(page)
    assert len(pages) >= 3, pages
    problems = []
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        for path in pages:
            page.goto(f"{live_server}{path}")
            if page.evaluate(SIDEWAYS) > 0:
                problems.append(f"{path} scrolls sideways by {page.evaluate(SIDEWAYS)} px at {width}")
            if width == 1280:
                middles = set(page.evaluate(MENU_TOPS))
                if len(middles) != 1 or page.evaluate(HEADER_HEIGHT) > 64:
                    problems.append(f"{path}: the menu takes more than one line at 1280 px")
    assert not problems, "\n".join(problems)
