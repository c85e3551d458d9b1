"""The served OpenAPI document against the server itself (schemathesis): for generated requests,
valid and invalid, every answer is a documented status with a body of the documented shape, and
none is a server error. Bounded and derandomized, so it is quick and the same on every run.

Schemathesis' Python API is used (its lazy pytest fixture loader does not run under this pytest);
each operation gets a fresh admin token, since one operation revokes tokens.
"""
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (response_schema_conformance,
                                               status_code_conformance)

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
EXAMPLES_PER_OPERATION = 12
BOUNDED = settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True,
                   database=None, suppress_health_check=list(HealthCheck))


def _failures_of(operation, mode: GenerationMode, headers: dict[str, str]) -> str | None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @BOUNDED
    def run(case):
        case.call_and_validate(headers=headers, checks=CHECKS)

    try:
        run()
    except Exception as exc:  # noqa: BLE001 - every failure is reported, with its operation
        return f"{operation.label} ({mode.value}): {exc}"
    return None


def test_the_api_answers_as_its_document_says(app, make_user, token_for):
    admin = make_user("admin", country="KR", email="admin@example.org")
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    failures, operations = [], 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        headers = {"Authorization": f"Bearer {token_for(admin)}"}
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            failure = _failures_of(operation, mode, headers)
            if failure:
                failures.append(failure)
    assert operations > 40, "the document lists fewer operations than the API has"
    assert not failures, "\n\n".join(failures)
