"""Marked strings outside a request (the CLI, scheduler jobs) are English, not a crash."""
from flask_babel import force_locale, gettext, get_locale


def test_gettext_in_an_app_context_without_a_request_is_english(app):
    with app.app_context():
        assert str(get_locale()) == "en"
        assert gettext("No sync source named '%(name)s'.", name="M") == "No sync source named 'M'."
        with force_locale("fr"):  # a message for a French reader, written by a job
            assert str(get_locale()) == "fr"
