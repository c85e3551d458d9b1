"""The browser adapter is ES modules served as they are (no build step): every module a page
loads is served as JavaScript, and every import names a module that exists."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from scorm.runtime.lexical import PORTABLE_PATTERNS
from tests.player.runtime_client import Learner

STATIC = Path(__file__).parents[2] / "lms_bridge" / "player" / "static"
MODULES = sorted(path.relative_to(STATIC).as_posix() for path in STATIC.rglob("*.js"))
IMPORT = re.compile(r'^import\s[^;]*?\sfrom\s+"([^"]+)";', re.MULTILINE)
DATA_TYPE_LITERAL = re.compile(r"/\^[^/]*(?:\\d|\[0-9\])")  # a regex literal of digits


@pytest.mark.parametrize("module", MODULES)
def test_every_module_is_served_as_javascript(client, module):
    response = client.get(f"/player/static/{module}", buffered=True)
    response.close()
    assert response.status_code == 200
    # a module script with another type is refused by the browser (X-Content-Type-Options)
    assert response.mimetype in ("text/javascript", "application/javascript")


@pytest.mark.parametrize("module", MODULES)
def test_every_import_names_a_module_beside_it(module):
    source = (STATIC / module).read_text(encoding="utf-8")
    for target in IMPORT.findall(source):
        assert target.startswith("./") or target.startswith("../"), target
        assert (STATIC / module).parent.joinpath(target).resolve().is_file(), f"{module}: {target}"


@pytest.mark.parametrize("module", [m for m in MODULES if m.startswith("scorm/")])
def test_the_adapter_writes_no_value_pattern_of_its_own(module):
    source = (STATIC / module).read_text(encoding="utf-8")
    assert DATA_TYPE_LITERAL.findall(source) == []  # the patterns come with the rules


def test_the_session_start_sends_the_value_patterns(client, make_user, publish):
    publish("tiny", "2004")
    make_user("learner", email="ana@example.org")
    ana = Learner(client, "ana@example.org")
    _, token = ana.launch("tiny")
    assert ana.start(token)["rules"]["patterns"] == PORTABLE_PATTERNS
