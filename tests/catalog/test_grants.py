"""Content grants: issuing, reading, which origin a request is on."""
import pytest

from lms_bridge.catalog.grants import (ContentGrant, is_content_origin_request,
                                       issue_content_grant, lms_origin, read_content_grant)
from lms_bridge.errors import Forbidden


def test_a_grant_reads_back_for_its_version_only(app):
    with app.app_context():
        text = issue_content_grant(ContentGrant(7, 3, "https://lms.example.org"))
        assert read_content_grant(text, 7) == ContentGrant(7, 3, "https://lms.example.org")
        assert "/" not in text  # it is one path segment
        with pytest.raises(Forbidden, match="another package version"):
            read_content_grant(text, 8)
        app.config["SECRET_KEY"] = "another-key"
        with pytest.raises(Forbidden, match="not valid"):
            read_content_grant(text, 7)


@pytest.mark.parametrize("configured, url, on_content", [
    ("https://content.example.org", "https://content.example.org/x", True),
    ("https://content.example.org", "http://content.example.org:443/x", True),
    ("https://Content.Example.org", "https://content.example.org/x", True),
    ("https://content.example.org", "https://lms.example.org/x", False),
    ("http://localhost:5001", "http://localhost:5000/x", False),
    ("http://localhost:5001", "http://localhost:5001/x", True),
    (None, "https://content.example.org/x", False),
])
def test_which_origin_a_request_arrived_on(app, configured, url, on_content):
    app.config["CONTENT_ORIGIN"] = configured
    with app.test_request_context(url):
        assert is_content_origin_request() is on_content


@pytest.mark.parametrize("configured, url, origin", [
    ("https://content.example.org", "http://lms.example.org/x", "https://lms.example.org"),
    ("http://localhost:5001", "http://127.0.0.1:5001/x", "http://127.0.0.1:5001"),
    (None, "https://lms.example.org/x", "https://lms.example.org"),
])
def test_the_lms_origin_is_https_when_the_content_origin_is(app, configured, url, origin):
    app.config["CONTENT_ORIGIN"] = configured
    with app.test_request_context(url):
        assert lms_origin() == origin
