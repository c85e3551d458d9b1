"""Language editions in the player: the learner's edition, kept attempts, picking another one,
and a completion of any edition counting for the module (and its prerequisites)."""
import html

import pytest
from sqlalchemy import select

from tests.conftest import csrf_token
from tests.eligibility import world
from tests.player.conftest import tiny_package
from tests.player.runtime_client import Learner

PASSING = {"cmi.core.score.raw": "90", "cmi.core.lesson_status": "completed"}


def _publish_edition(app, path, slug, language):
    from lms_bridge.catalog.operations import import_package, publish_version

    with app.app_context():
        version = import_package(path, slug, None, original_filename=path.name,
                                 language=language).version
        publish_version(None, version.id)
        return version.id


@pytest.fixture
def editions(app, tmp_path):
    """hs-classification with an English and a French edition (SCORM 1.2, mastery 80)."""
    return {language: _publish_edition(
        app, tiny_package(tmp_path / f"{language}.zip", "1.2", (f"lesson-{language}",), 80),
        "hs-classification", language) for language in ("en", "fr")}


def _learner(app, client, make_user, language, country="KR", email="ana@example.org"):
    from lms_bridge.accounts.models import User
    from lms_bridge.db import db

    user_id = make_user("learner", country=country, email=email)
    with app.app_context():
        db.session.get(User, user_id).preferred_language = language
        db.session.commit()
    learner = Learner(client, email)
    # the pages in English whatever her preference (the switcher's choice comes first), so that
    # these sentences stay checkable once the catalogs translate them
    with client.session_transaction() as session:
        session["language"] = "en"
    return user_id, learner


def _attempts(app):
    from lms_bridge.db import db
    from lms_bridge.player.models import Attempt

    with app.app_context():
        return [(a.number, a.package_version.language, a.state.value) for a in db.session.scalars(
            select(Attempt).order_by(Attempt.number))]


def _page(client, url):
    return html.unescape(client.get(url).get_data(as_text=True))


def test_a_learner_gets_the_edition_in_her_language(app, client, make_user, editions):
    _, ana = _learner(app, client, make_user, "fr")
    url, _ = ana.launch("hs-classification")
    assert _attempts(app) == [(1, "fr", "open")]
    page = _page(client, url)
    assert "no edition in" not in page
    assert "Also available in:" in page and 'hreflang="en">English</a>' in page


def test_without_her_language_she_is_told_she_gets_english(app, client, make_user, editions):
    _, vera = _learner(app, client, make_user, "ru")
    url, _ = vera.launch("hs-classification")
    assert _attempts(app) == [(1, "en", "open")]
    assert ("This module has no edition in Русский: you are taking the English edition."
            in _page(client, url))
    listing = _page(client, "/my/pre-learning")
    assert "English edition" in listing and 'hreflang="fr">Français' in listing


def test_an_open_attempt_keeps_its_edition_and_a_new_one_follows_the_preference(
        app, client, make_user, editions):
    from lms_bridge.accounts.models import User
    from lms_bridge.db import db

    user_id, ana = _learner(app, client, make_user, "en")
    ana.launch("hs-classification")
    with app.app_context():
        db.session.get(User, user_id).preferred_language = "fr"
        db.session.commit()
    url, _ = ana.launch("hs-classification")
    assert _attempts(app) == [(1, "en", "open")]
    page = _page(client, url)
    assert "You are continuing your attempt in the English edition" in page
    assert "A new attempt will take the Français edition." in page
    # an edition that is not published is refused at once, the open attempt untouched
    assert client.get("/modules/hs-classification/launch?edition=ru").status_code == 409
    # picking French asks first: the open English attempt would be closed
    confirm = client.get("/modules/hs-classification/launch?edition=fr")
    assert confirm.status_code == 200
    assert "Your open attempt is in the English edition." in html.unescape(
        confirm.get_data(as_text=True))
    assert _attempts(app) == [(1, "en", "open")]
    token = csrf_token(client, "/modules/hs-classification/launch?edition=fr")
    started = client.post("/modules/hs-classification/attempts",
                          data={"csrf_token": token, "edition": "fr"})
    assert started.status_code == 302
    assert _attempts(app) == [(1, "en", "closed"), (2, "fr", "open")]


def test_picking_an_edition_without_an_open_attempt_launches_it(app, client, make_user, editions):
    _, ana = _learner(app, client, make_user, "fr")
    ana.launch("hs-classification", edition="en")
    assert _attempts(app) == [(1, "en", "open")]
    ana.launch("hs-classification", edition="en")  # the same edition: the attempt continues
    assert _attempts(app) == [(1, "en", "open")]


@pytest.mark.parametrize("edition, status", [("<script>", 400), ("ru", 409), ("en-KEN", 400)])
def test_an_unknown_or_hostile_edition_is_refused(app, client, make_user, editions, edition,
                                                  status):
    _learner(app, client, make_user, "fr")
    response = client.get("/modules/hs-classification/launch", query_string={"edition": edition})
    assert response.status_code == status
    assert "<script>" not in response.get_data(as_text=True)
    assert _attempts(app) == []


def test_a_french_completion_meets_a_prerequisite_on_the_module(app, client, make_user,
                                                                 tmp_path):
    from lms_bridge.db import db
    from lms_bridge.eligibility.models import Application
    from lms_bridge.eligibility.states import ApplicationStatus
    from lms_bridge.tracking.models import Completion
    from lms_bridge.tracking.vocabulary import CompletionStatus

    coordinator = make_user("coordinator")
    national = make_user("national_coordinator", country="KR")
    with app.app_context():
        modules = world.modules()
        workshop = world.workshop(coordinator)
    for language in ("en", "fr"):
        _publish_edition(app, tiny_package(tmp_path / f"{language}.zip", "1.2",
                                           (f"lesson-{language}",), 80),
                         "hs-classification", language)
    user_id, ana = _learner(app, client, make_user, "fr")
    with app.app_context():
        application = world.apply(user_id, workshop)
        world.nominate(national, application)
        world.complete(user_id, modules["customs-valuation"], CompletionStatus.COMPLETED)
        db.session.commit()
        assert world.status_of(application) is ApplicationStatus.NOT_YET_ELIGIBLE
    _, token = ana.launch("hs-classification")
    ana.start(token)
    assert ana.commit(token, 1, PASSING, finish=True).status_code == 200
    assert [language for _, language, _ in _attempts(app)] == ["fr"]
    with app.app_context():
        completion = db.session.scalar(select(Completion).where(
            Completion.module_id == modules["hs-classification"]))
        assert completion.status is CompletionStatus.PASSED
        assert completion.provenance["edition"] == "fr"
        assert world.status_of(application) is ApplicationStatus.ELIGIBLE
        assert db.session.get(Application, application).results[0]["met"] is True
    listing = _page(client, "/my/pre-learning")
    assert "passed" in listing
