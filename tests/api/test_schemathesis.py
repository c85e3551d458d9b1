"""The served OpenAPI document against the server itself (schemathesis): for generated requests,
valid and invalid, every answer is a documented status with a body of the documented shape, and
none is a server error. Bounded and derandomized, so it is quick and the same on every run.

Random ids and slugs name nothing, so half of the generated requests address the objects of the
authorization table's world instead (a module, versions, a workshop, an application, a sync
source, a run...): the handlers behind the 404s run too. Schemathesis' Python API is used (its
lazy pytest fixture loader does not run under this pytest), against the app served on loopback
(a real HTTP server closes streamed file bodies; the WSGI shortcut left them open); each
operation gets a fresh admin token, since one operation revokes tokens.
"""
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (response_schema_conformance,
                                               status_code_conformance)

from tests.browser.conftest import live_server  # noqa: F401  (the app on loopback)
from tests.test_authorization_table import _build_world as build_world

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
EXAMPLES_PER_OPERATION = 12
BOUNDED = settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True,
                   database=None, suppress_health_check=list(HealthCheck))


def _failures_of(operation, mode: GenerationMode, base_url: str, headers: dict[str, str],
                 world: dict[str, object]) -> str | None:
    @given(case=operation.as_strategy(generation_mode=mode), address_existing=st.booleans())
    @BOUNDED
    def run(case, address_existing):
        if address_existing and case.path_parameters:
            case.path_parameters.update({name: world[name] for name in case.path_parameters
                                         if name in world})
        case.call_and_validate(base_url=base_url, headers=headers, checks=CHECKS)

    try:
        run()
    # a failed check is a BaseExceptionGroup; anything else (a crash) is reported the same way
    except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001
        return f"{operation.label} ({mode.value}): {exc}"
    return None


def test_the_api_answers_as_its_document_says(app, live_server, make_user, token_for,
                                               administrations, tmp_path):
    world = build_world(app, make_user, administrations, tmp_path)
    admin = make_user("admin", country="KR", email="admin@example.org")
    schema = schemathesis.openapi.from_url(f"{live_server}/api/v1/openapi.json")
    failures, operations = [], 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        headers = {"Authorization": f"Bearer {token_for(admin)}"}
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            failure = _failures_of(operation, mode, live_server, headers, world)
            if failure:
                failures.append(failure)
    assert operations > 40, "the document lists fewer operations than the API has"
    assert not failures, "\n\n".join(failures)
