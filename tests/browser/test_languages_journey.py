"""Every role's pages in French and in Arabic on a 390 px phone, on the demo's data: no English
left outside user data and proper names, Arabic right to left, nothing scrolling sideways.

English is found two ways: a text equal to a marked English string that the catalog translates
differently (marked but not shown translated), and English function words ("the", "your",
"with"...) left after the page's data (every text stored in the database) is taken out (never
marked at all).
"""
import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import String, Text, select

from lms_bridge.accounts.models import User
from lms_bridge.accounts.operations import set_password
from lms_bridge.db import Base, db
from lms_bridge.demo import DOMAIN, load_demo
from lms_bridge.i18n_catalogs import extract
from tests.browser.test_access_journey import _sign_in
from tests.conftest import PASSWORD

# sqlite_only: what it checks is the page's words and layout, not the database; its pages' queries run on PostgreSQL in the domain tests
pytestmark = [pytest.mark.browser, pytest.mark.sqlite_only]

ROLES = {"learner": f"learner@{DOMAIN}", "national_coordinator": f"nc.kr@{DOMAIN}",
         "coordinator": f"coordinator@{DOMAIN}", "admin": f"admin@{DOMAIN}",
         "resource_person": f"resource.person@{DOMAIN}"}
PUBLIC_PAGES = ["/login", "/register", "/password/forgot", "/privacy"]
# Words that only English uses (not French, Spanish or a Latin-script proper name).
ENGLISH_WORDS = frozenset("""the and of your you with this that is are was were for from by not
be will can has have there which what when who it to at if in been our we they their them
see here please none any than then its into only must should would could""".split())
PROPER_NAMES = ("LMS Bridge", "SCORM", "Moodle", "CLiKC!", "xAPI", "CSV", "API", "OpenAPI",
                "PDF", "WCO", "HS", "Excel", "UTC")
# Moodle's own setting names and values, quoted in the export advice: a page may keep them as
# Moodle shows them, since the coordinator looks for them in Moodle's (often English) screens.
MOODLE_LABELS = ("Require all SCOs to return completion status", "Display package", "Current window",
                 "Grading method", "Highest grade", "Maximum grade", "Auto-continue", "Grade type",
                 "None", "Passed", "Completed", "Yes")
TEXT_NODES = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, parent = node.parentElement;
    if (!parent || parent.closest('script, style, code, pre, [translate=no], .visually-hidden[hidden]')) continue;
    // text marked as written in another language (a message kept in its recipient's language,
    // an edition's lesson titles) is that language's, not a leftover
    const marked = parent.closest('[lang]');
    if (marked && marked !== document.documentElement && marked.lang !== document.documentElement.lang) continue;
    const text = node.textContent.replace(/\\s+/g, ' ').trim();
    if (text) out.push(text);
  }
  for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], img[alt], input[type=submit][value]'))
    for (const name of ['aria-label', 'title', 'placeholder', 'alt', 'value'])
      if (el.hasAttribute(name) && (name !== 'value' || el.type === 'submit')) out.push(el.getAttribute(name).trim());
  out.push(document.title);
  return out.filter(Boolean);
}"""


# The deepest elements that reach past the window's right edge (left edge in Arabic).
WIDEST = """() => [...document.querySelectorAll('main *')].filter(e => !e.closest('.table-scroll')).filter(e => {
  const r = e.getBoundingClientRect();
  return (r.right > innerWidth + 1 || r.left < -1) && ![...e.children].some(c => {
    const s = c.getBoundingClientRect(); return s.right > innerWidth + 1 || s.left < -1; });
}).slice(0, 3).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
  (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : '') +
  ' ' + JSON.stringify((e.textContent || '').trim().slice(0, 40))).join('; ')"""


@pytest.fixture
def demo(app):
    with app.app_context():
        load_demo()
        for email in ROLES.values():
            set_password(db.session.scalar(select(User).where(User.email == email)), PASSWORD)
        db.session.commit()
        yield _stored_texts()


def _stored_texts() -> list[str]:
    """Every text the database holds (names, titles, reasons...): user data, never translated."""
    texts = set()
    for table in Base.metadata.sorted_tables:
        columns = [c for c in table.columns if isinstance(c.type, (String, Text))]
        if columns:
            for row in db.session.execute(select(*columns)):
                texts.update(v.strip() for v in row if isinstance(v, str) and len(v.strip()) >= 3)
    return sorted(texts, key=len, reverse=True)


def _english_msgids(app, language: str) -> set[str]:
    """The marked English strings that ``language``'s catalog words differently."""
    from flask_babel import force_locale, gettext

    with app.test_request_context(), force_locale(language):
        return {m.id for m in extract() if isinstance(m.id, str) and "%" not in m.id
                and gettext(m.id) != m.id}


def _leftovers(texts: list[str], stored: list[str], marked: set[str]) -> list[str]:
    found, data = [], set(stored)
    for text in texts:
        if text in data:
            continue
        if text in marked:
            found.append(text)
            continue
        rest = text
        for value in stored:
            if value in rest:
                rest = rest.replace(value, " ")
        for name in PROPER_NAMES:
            rest = rest.replace(name, " ")
        for label in MOODLE_LABELS:
            rest = rest.replace(label, " ")
        words = set(re.findall(r"[^\W\d_]+", rest.lower()))
        if words & ENGLISH_WORDS:
            found.append(text)
    return found


def _check(page, url, language, stored, marked, problems):
    page.goto(url)
    html = page.locator("html")
    if html.get_attribute("lang") != language:
        problems.append(f"{url}: lang={html.get_attribute('lang')}")
    if language == "ar" and html.get_attribute("dir") != "rtl":
        problems.append(f"{url}: dir={html.get_attribute('dir')}, not rtl")
    sideways = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    if sideways > 0:
        problems.append(f"{url}: scrolls sideways by {sideways} px ({page.evaluate(WIDEST)})")
    for text in _leftovers(page.evaluate(TEXT_NODES), stored, marked):
        problems.append(f"{url}: English left: {text[:300]!r}")


def _pages_of(page) -> list[str]:
    """The role's menu pages, and on each the first link of its main table (a detail page)."""
    menu = page.eval_on_selector_all("nav[aria-label] > ul a[href]",
                                     "links => links.map(a => a.getAttribute('href'))")
    return [href for href in menu if href.startswith("/") and href != "/logout"]


@pytest.mark.parametrize("language", ["fr", "ar"])
@pytest.mark.parametrize("role", list(ROLES))
def test_every_page_of_a_role_speaks_the_language(app, live_server, page, demo, role, language):
    with app.app_context():
        db.session.scalar(select(User).where(User.email == ROLES[role])).preferred_language = language
        db.session.commit()
    marked = _english_msgids(app, language)
    page.set_viewport_size({"width": 390, "height": 844})
    _sign_in(page, live_server, ROLES[role], PASSWORD)
    problems: list[str] = []
    seen = set()
    for path in ["/", *_pages_of(page)]:
        if path in seen:
            continue
        seen.add(path)
        _check(page, f"{live_server}{path}", language, demo, marked, problems)
        detail = page.locator("main table a[href^='/']").first
        if detail.count():
            href = detail.get_attribute("href")
            if href not in seen:
                seen.add(href)
                _check(page, f"{live_server}{href}", language, demo, marked, problems)
    assert len(seen) >= 3
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_pages_before_sign_in_speak_the_browser_language(app, live_server, browser, demo,
                                                               language):
    context = browser.new_context(locale=language, viewport={"width": 390, "height": 844})
    page = context.new_page()
    marked = _english_msgids(app, language)
    problems: list[str] = []
    for path in PUBLIC_PAGES:
        _check(page, f"{live_server}{path}", language, demo, marked, problems)
    context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_refused_form_answers_in_the_language_and_keeps_what_was_typed(app, live_server, browser,
                                                                          demo, language):
    """Request access with a bad e-mail and passwords that differ: every message is in the
    person's language, beside its field, and the name typed is still there."""
    context = browser.new_context(locale=language, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{live_server}/register")
    page.locator("#display_name").fill("Nadia Benali")
    page.locator("#email").fill("not-an-address")
    page.locator("#password").fill("a long enough password")
    page.locator("#confirm").fill("another long password")
    page.locator("main button[type=submit]").click()
    expect(page.locator(".field-error").first).to_be_visible()
    assert page.locator("#display_name").input_value() == "Nadia Benali"
    problems: list[str] = []
    marked = _english_msgids(app, language)
    for text in _leftovers(page.evaluate(TEXT_NODES), demo, marked):
        problems.append(f"English left: {text[:200]!r}")
    errors = page.locator(".field-error").all_inner_texts()
    assert len(errors) >= 3 and not set(errors) & {"Choose your administration.",
                                                   "The two passwords differ."}, errors
    context.close()
    assert not problems, "\n".join(problems)
