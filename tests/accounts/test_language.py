"""Which language a page is served in: switcher in this browser, else the person's preference,
else Accept-Language, else English; Arabic right to left; the choice survives signing in."""
import re

from sqlalchemy import select

from lms_bridge.accounts.models import AuditEvent, User
from lms_bridge.db import db
from tests.conftest import csrf_token, login

HTML_TAG = re.compile(r'<html lang="([^"]+)" dir="([^"]+)">')


def _lang(client, url="/login", **headers):
    page = client.get(url, headers=headers).get_data(as_text=True)
    return HTML_TAG.search(page).groups()


def _switch(client, code, next_url="/login"):
    return client.post("/language", data={"language": code, "next": next_url,
                                          "csrf_token": csrf_token(client)})


def test_english_without_any_hint(client):
    assert _lang(client) == ("en", "ltr")


def test_the_browser_language_is_used_when_nothing_else_is_known(client):
    assert _lang(client, **{"Accept-Language": "de-DE,fr;q=0.8,en;q=0.5"}) == ("fr", "ltr")
    assert _lang(client, **{"Accept-Language": "ar-EG"}) == ("ar", "rtl")
    assert _lang(client, **{"Accept-Language": "de, ja"}) == ("en", "ltr")


def test_the_switcher_works_before_sign_in_and_survives_it(client, app, make_user):
    user_id = make_user("learner", email="ana@example.org")
    response = _switch(client, "es", "/register")
    assert response.status_code == 302 and response.headers["Location"] == "/register"
    assert _lang(client, **{"Accept-Language": "fr"}) == ("es", "ltr")
    login(client, "ana@example.org")
    assert _lang(client, "/") == ("es", "ltr")
    with app.app_context():
        assert db.session.get(User, user_id).preferred_language == "en"  # not changed behind her back


def test_a_signed_in_switch_becomes_the_preference_in_every_browser(client, app, make_user):
    user_id = make_user("learner", email="ana@example.org")
    login(client, "ana@example.org")
    _switch(client, "ru", "/")
    with app.app_context():
        assert db.session.get(User, user_id).preferred_language == "ru"
        assert db.session.scalar(select(AuditEvent.summary).where(
            AuditEvent.action == "account.language")) == "Preferred language en -> ru"
    other = app.test_client()
    login(other, "ana@example.org")
    assert _lang(other, "/", **{"Accept-Language": "fr"}) == ("ru", "ltr")


def test_the_account_page_edits_the_preference(client, app, make_user):
    user_id = make_user("learner", email="ana@example.org")
    login(client, "ana@example.org")
    page = client.get("/account").get_data(as_text=True)
    assert 'name="language"' in page
    response = client.post("/account", data={"language": "ar", "csrf_token": csrf_token(client, "/account")})
    assert response.status_code == 302
    assert _lang(client, "/account") == ("ar", "rtl")
    with app.app_context():
        assert db.session.get(User, user_id).preferred_language == "ar"


def test_an_unknown_language_is_refused_and_nothing_changes(client, app, make_user):
    user_id = make_user("learner", email="ana@example.org")
    login(client, "ana@example.org")
    response = _switch(client, "xx<script>", "/")
    assert response.status_code == 400
    assert "Choose one of the languages offered: en, fr, es, ru, ar." in response.get_data(as_text=True)
    bad = client.post("/account", data={"language": "de", "csrf_token": csrf_token(client, "/account")})
    assert bad.status_code == 400 and "de" not in HTML_TAG.search(bad.get_data(as_text=True)).group(1)
    with app.app_context():
        assert db.session.get(User, user_id).preferred_language == "en"


def test_the_switcher_never_sends_anyone_to_another_site(client):
    for target in ("https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:x"):
        response = _switch(client, "fr", target)
        assert response.headers["Location"] == "/", target


def test_every_page_offers_the_switcher_signed_in_or_not(client, make_user):
    for code, name in (("en", "English"), ("ar", "العربية"), ("ru", "Русский")):
        assert f'value="{code}" lang="{code}"' in client.get("/login").get_data(as_text=True)
        assert name in client.get("/register").get_data(as_text=True)
    make_user("learner", email="ana@example.org")
    login(client, "ana@example.org")
    assert 'action="/language"' in client.get("/").get_data(as_text=True)



def test_messages_outside_a_request_are_english(app):
    """Operations run by the command line or the scheduler mark their messages too: with no
    request to pick a language from they are English (a message for a person is written inside
    ``force_locale`` with that person's language), never a RuntimeError."""
    from flask_babel import gettext

    with app.app_context():
        assert gettext("Sign in") == "Sign in"


def test_the_registration_form_offers_the_page_language_as_preference(client):
    page = client.get("/register", headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert re.search(r'<option selected value="es">|<option value="es" selected>', page)
    english = client.get("/register").get_data(as_text=True)
    assert re.search(r'<option selected value="en">|<option value="en" selected>', english)


def test_marked_strings_work_outside_a_request(app):
    """Commands and scheduler jobs call operations that translate their messages: English,
    not an error for want of a request."""
    from flask_babel import force_locale, get_locale, gettext

    with app.app_context():
        assert gettext("Signed in as %(name)s", name="Ana") == "Signed in as Ana"
        assert str(get_locale()) == "en"
        with force_locale("fr"):  # a notification in its recipient's language
            assert str(get_locale()) == "fr"


def test_percentages_follow_the_language(app):
    """The ``percent`` filter writes a percentage as the language does (space before the sign in
    French), with at most the decimals asked for."""
    from flask_babel import force_locale

    from lms_bridge.i18n import format_percentage

    with app.app_context():
        assert (format_percentage(87.5), format_percentage(87.5, 1)) == ("88%", "87.5%")
        with force_locale("fr"):
            assert (format_percentage(8), format_percentage(87.25, 1)) == ("8\u00a0%", "87,2\u00a0%")
