"""Language editions in Chromium: a learner whose language is French launches HS classification,
gets its French edition, completes it (every lesson and a passing assessment) and the module
counts as completed for her; a learner whose language is Russian is told she gets English."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser import course_learner as learner
from tests.browser.course_learner import LEARNER
from tests.conftest import PASSWORD, PROJECT_ROOT

pytestmark = pytest.mark.browser

SOURCE = PROJECT_ROOT / "packages" / "hs-classification"


@pytest.fixture
def hs_in_english_and_french(app):
    """HS classification published in its English and French editions only (whatever other
    languages its source gains), and a learner of the Korean administration."""
    from lms_bridge.catalog.builds import publish_edition

    with app.app_context():
        for language in ("en", "fr"):
            publish_edition(SOURCE, language, language, None)


def _learner_speaking(app, make_user, language: str) -> int:
    from lms_bridge.accounts.models import User
    from lms_bridge.db import db

    user_id = make_user("learner", email=LEARNER, country="KR")
    with app.app_context():
        db.session.get(User, user_id).preferred_language = language
        db.session.commit()
    return user_id


def _sign_in(page, base: str) -> None:
    # the login form's own button: the language switcher's buttons are submit buttons too
    page.goto(f"{base}/login")
    page.fill("input[name=email]", LEARNER)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form[action$='/login'] button[type=submit]")
    page.wait_for_url(lambda url: "/login" not in url)


def _local_completion(app):
    from lms_bridge.db import db
    from lms_bridge.tracking.models import Completion

    with app.app_context():
        row = db.session.scalars(select(Completion)).one_or_none()
        return None if row is None else (row.module.slug, row.status.value,
                                         row.provenance.get("edition"))


def test_a_french_speaker_completes_the_french_edition(app, live_server, page, make_user,
                                                       hs_in_english_and_french):
    from scorm.source import load_module_source

    edition = load_module_source(SOURCE).edition("fr")
    _learner_speaking(app, make_user, "fr")
    page.on("dialog", lambda dialog: dialog.accept())
    _sign_in(page, live_server)
    learner.open(page, live_server, "hs-classification")
    # her edition is French: nothing to explain, English offered as another edition
    notice = page.locator("#edition-notice")
    expect(notice.locator("a[hreflang=en]")).to_have_text("English")
    expect(notice.locator("p")).to_have_count(1)
    assert learner.current_title(page) == edition.lessons[0].title
    expect(learner.content(page).locator("h1").first).to_contain_text(
        "Le Système harmonisé et son architecture")
    for _ in edition.lessons:
        learner.complete_lesson(page, "2004")
    assert learner.current_title(page) == edition.assessment.title
    for question in edition.assessment.questions:
        learner.answer(page, question, correctly=True)
    learner.content(page).locator("#lmsb-submit").click()
    done = learner.eventually(lambda: _local_completion(app))
    assert done == ("hs-classification", "passed", "fr"), learner.debug(app)
    from lms_bridge.db import db
    from lms_bridge.player.models import Attempt
    from lms_bridge.player.queries import my_modules
    from lms_bridge.accounts.models import User

    with app.app_context():
        attempt = db.session.scalars(select(Attempt)).one()
        assert (attempt.package_version.language, attempt.is_passed) == ("fr", True)
        user = db.session.get(User, attempt.user_id)
        rows = {row.module.slug: row for row in my_modules(user)}
        assert rows["hs-classification"].status == "passed"


def test_a_russian_speaker_is_told_she_gets_english(app, live_server, page, make_user,
                                                    hs_in_english_and_french):
    _learner_speaking(app, make_user, "ru")
    _sign_in(page, live_server)
    learner.open(page, live_server, "hs-classification")
    sentence = page.locator("#edition-notice p").first
    # the names of the editions stay in their own language whatever the page's language
    expect(sentence).to_contain_text("Русский")
    expect(sentence).to_contain_text("English")
    expect(page.locator("#edition-notice a[hreflang=fr]")).to_have_text("Français")
    from lms_bridge.db import db
    from lms_bridge.player.models import Attempt

    with app.app_context():
        attempt = db.session.scalars(select(Attempt)).one()
        assert attempt.package_version.language == "en"
    learner.exit(page)
