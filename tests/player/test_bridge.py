"""The API bridge for a content origin: player page, wrapper page, CORS on the runtime calls."""
import re

import pytest

from lms_bridge.catalog.grants import ContentGrant, issue_content_grant
from tests.player.runtime_client import Learner

CONTENT = "http://content.test"
LMS = "http://localhost"


@pytest.fixture
def ana(app, client, make_user, publish):
    app.config["CONTENT_ORIGIN"] = CONTENT
    publish("tiny", "1.2", scos=("a", "b"))
    make_user("learner", email="ana@example.org")
    return Learner(client, "ana@example.org")


def attribute(html: str, name: str) -> str:
    return re.search(rf'{name}="([^"]+)"', html).group(1).replace("&amp;", "&")


def test_the_player_page_frames_the_bridge_on_the_content_origin(client, ana):
    url, _ = ana.launch("tiny")
    page = client.get(url)
    html = page.get_data(as_text=True)
    policy = page.headers["Content-Security-Policy"]
    assert f"frame-src 'self' {CONTENT};" in policy and "script-src 'self';" in policy
    assert '<script type="module" src="/player/static/player-bridge.js"></script>' in html
    assert "scorm-api.js" not in html  # the adapter runs in the bridge, not next to the LMS
    assert attribute(html, "data-content-origin") == CONTENT
    assert attribute(html, "data-bridge-url").startswith(f"{CONTENT}/content/bridge/")
    assert re.fullmatch(r"/content/g/\d+/[^/]+/a\.html", attribute(html, "data-content-url"))


def test_the_wrapper_and_the_lesson_load_under_the_page_grant(client, ana):
    url, _ = ana.launch("tiny")
    html = client.get(url).get_data(as_text=True)
    wrapper = client.get(attribute(html, "data-bridge-url"))
    assert wrapper.status_code == 200
    policy = wrapper.headers["Content-Security-Policy"]
    assert f"frame-ancestors {LMS};" in policy and f"connect-src {LMS};" in policy
    assert "script-src 'self';" in policy  # the adapter's modules, from the content origin itself
    assert f'data-lms-origin="{LMS}"' in wrapper.get_data(as_text=True)
    lesson = client.get(attribute(html, "data-content-url"), base_url=CONTENT)
    assert lesson.status_code == 200 and b"<p>a</p>" in lesson.data
    for module in ("content-bridge.js", "scorm/adapter.js", "scorm/datatypes.js"):
        adapter = client.get(f"/player/static/{module}", base_url=CONTENT, buffered=True)
        adapter.close()
        assert adapter.status_code == 200


def test_the_wrapper_needs_a_grant_and_the_content_origin(app, client, ana):
    with app.app_context():
        good = issue_content_grant(ContentGrant(1, 1, LMS))
    assert client.get("/content/bridge/1/forged", base_url=CONTENT).status_code == 403
    assert client.get(f"/content/bridge/2/{good}", base_url=CONTENT).status_code == 403
    assert client.get(f"/content/bridge/1/{good}").status_code == 404  # on the LMS origin


def preflight(client, origin):
    return client.options("/player/runtime/commit", headers={
        "Origin": origin, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})


@pytest.mark.parametrize("origin, allowed", [(CONTENT, True), ("http://evil.test", False),
                                             (LMS, False), ("null", False)])
def test_runtime_calls_allow_exactly_the_content_origin(client, ana, origin, allowed):
    _, token = ana.launch("tiny")
    response = client.post("/player/runtime/start", data='{"token": "%s"}' % token,
                           headers={"Origin": origin, "Content-Type": "text/plain"})
    assert response.status_code == 200
    assert response.headers.get("Access-Control-Allow-Origin") == (CONTENT if allowed else None)
    assert "Access-Control-Allow-Credentials" not in response.headers
    assert "Origin" in response.headers["Vary"]
    refused = client.post("/player/runtime/commit", json={"token": "forged", "seq": 1},
                          headers={"Origin": origin})
    assert refused.status_code == 403  # errors are readable by the bridge too
    assert refused.headers.get("Access-Control-Allow-Origin") == (CONTENT if allowed else None)
    options = preflight(client, origin)
    assert options.headers.get("Access-Control-Allow-Origin") == (CONTENT if allowed else None)
    assert ("Access-Control-Allow-Methods" in options.headers) == allowed


@pytest.mark.parametrize("method, path", [("GET", "/login"), ("GET", "/my/pre-learning"),
                                          ("GET", "/api/v1/openapi.json"),
                                          ("GET", "/player/static/scorm-api.js")])
def test_no_other_route_answers_cross_origin(client, ana, method, path):
    response = client.open(path, method=method, headers={"Origin": CONTENT}, buffered=True)
    response.close()
    assert "Access-Control-Allow-Origin" not in response.headers


def test_without_a_content_origin_nothing_is_cross_origin(app, client, ana):
    app.config["CONTENT_ORIGIN"] = None
    url, token = ana.launch("tiny")
    html = client.get(url).get_data(as_text=True)
    assert "player-bridge.js" not in html and "data-content-origin" not in html
    response = client.post("/player/runtime/start", json={"token": token},
                           headers={"Origin": CONTENT})
    assert "Access-Control-Allow-Origin" not in response.headers


@pytest.fixture
def sequenced(app, client, make_user, tmp_path):
    from tests.player.conftest import publish_zip
    from tests.player.test_navigation import sequenced_package

    app.config["CONTENT_ORIGIN"] = CONTENT
    publish_zip(app, sequenced_package(tmp_path / "p.zip"), "flow")
    make_user("learner", email="seq@example.org")
    return Learner(client, "seq@example.org")


def test_a_sequenced_attempt_frames_the_bridge_on_the_content_origin(client, sequenced):
    url, token = sequenced.launch("flow")
    page = client.get(url)
    html = page.get_data(as_text=True)
    assert f"frame-src 'self' {CONTENT};" in page.headers["Content-Security-Policy"]
    assert "form-action 'self'" in page.headers["Content-Security-Policy"]
    assert '<script type="module" src="/player/static/player-bridge.js"></script>' in html
    assert "scorm-api.js" not in html and 'data-sequencing="1"' in html
    assert attribute(html, "data-bridge-url").startswith(f"{CONTENT}/content/bridge/")
    assert re.fullmatch(r"/content/g/\d+/[^/]+/one\.html", attribute(html, "data-content-url"))
    assert 'id="player-nav"' in html  # the page posts its own navigation form
    assert client.get(attribute(html, "data-bridge-url")).status_code == 200
    lesson = client.get(attribute(html, "data-content-url"), base_url=CONTENT)
    assert lesson.status_code == 200 and b"<p>one</p>" in lesson.data
    assert sequenced.start(token)["navigation"]["controls"]["continue"] == "enabled"


def test_a_sequenced_attempt_without_a_content_origin_loads_the_adapter(app, client, sequenced):
    app.config["CONTENT_ORIGIN"] = None
    url, _ = sequenced.launch("flow")
    html = client.get(url).get_data(as_text=True)
    assert '<script type="module" src="/player/static/scorm-api.js"></script>' in html
    assert "player-bridge.js" not in html and "data-content-origin" not in html
    assert client.get(attribute(html, "data-content-url")).status_code == 200  # this origin
