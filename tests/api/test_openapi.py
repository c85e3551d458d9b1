import pytest
from openapi_spec_validator import validate

def test_document_lists_every_api_route(app, client):
    document = client.get("/api/v1/openapi.json").get_json()
    validate(document)
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1"):
            continue
        path = rule.rule.replace("<int:", "{").replace("<", "{").replace(">", "}")
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert method.lower() in document["paths"][path], f"{method} {path} missing"


def test_bodies_and_responses_are_described(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    decision = paths["/api/v1/access-requests/{request_id}/decision"]["post"]
    schema_ref = decision["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert schema_ref.endswith("/DecisionIn")
    assert decision["parameters"][0] == {"name": "request_id", "in": "path", "required": True,
                                         "schema": {"type": "integer", "format": "int32",
                                                    "minimum": 0, "maximum": 2**31 - 1}}
    assert paths["/api/v1/openapi.json"]["get"]["security"] == []
    assert "201" in paths["/api/v1/tokens"]["post"]["responses"]


def test_a_route_without_description_breaks_the_document(app):
    from lms_bridge.api.spec import build_document

    app.add_url_rule("/api/v1/undocumented", "undocumented", lambda: "x")
    try:
        build_document(app)
    except RuntimeError as exc:
        assert "/api/v1/undocumented" in str(exc)
    else:
        raise AssertionError("an undocumented route went unnoticed")


@pytest.mark.parametrize("path, files, required, text_fields", [
    ("/api/v1/modules/{slug}/versions", {"package": "application/zip"}, ["package"],
     {"language": {"type": "string", "pattern": "^[a-zA-Z]{2}([-_][a-zA-Z]{2})?$"}}),
    ("/api/v1/validate", {"package": "application/zip"}, ["package"], {}),
    ("/api/v1/sync/sources/{source_id}/reports", {"report": "text/csv"}, ["report"],
     {"course_key": {"type": "string"}, "pass_threshold": {"type": "string"},
      "mapping": {"type": "array", "items": {"type": "string"}}}),
])
def test_uploads_are_described_as_multipart_bodies(client, path, files, required, text_fields):
    body = client.get("/api/v1/openapi.json").get_json()["paths"][path]["post"]["requestBody"]
    assert body["required"] is True and list(body["content"]) == ["multipart/form-data"]
    form = body["content"]["multipart/form-data"]
    schema = form["schema"]
    assert schema["type"] == "object" and schema["required"] == required
    for name, media_type in files.items():
        assert schema["properties"][name]["format"] == "binary"
        assert schema["properties"][name]["contentMediaType"] == media_type
        assert form["encoding"][name] == {"contentType": media_type}
    for name, expected in text_fields.items():
        described = dict(schema["properties"][name])
        assert described.pop("description")
        assert described == expected
    assert set(schema["properties"]) == set(files) | set(text_fields)


def test_a_json_body_and_a_form_cannot_both_be_declared():
    from lms_bridge.api.schemas import DecisionIn
    from lms_bridge.api.spec import endpoint, file_field

    with pytest.raises(TypeError, match="not both"):
        endpoint("Both", body=DecisionIn, form=(file_field("f", "a file", media_type="text/csv"),))


def test_form_fields_are_optional_text_unless_declared_otherwise():
    from lms_bridge.api.spec import file_field, form_field

    assert form_field("note", "a note").schema == {"type": "string"}
    assert not form_field("note", "a note").required and not form_field("note", "n").is_file
    assert file_field("f", "a file", media_type="text/csv").required
    assert not file_field("f", "a file", media_type="text/csv", required=False).required


def _document(client):
    return client.get("/api/v1/openapi.json").get_json()


def test_every_operation_documents_its_failures_by_status(client):
    document = _document(client)
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert "default" not in responses, f"{method} {path}: name each status"
            assert {"404", "422"} <= set(responses), f"{method} {path}: {sorted(responses)}"
            if operation.get("security") != []:
                assert {"401", "403"} <= set(responses), f"{method} {path}"
            if "requestBody" in operation:
                assert {"400", "413", "415"} <= set(responses), f"{method} {path}"
    refused = document["components"]["responses"]["Refused"]
    assert refused["description"].startswith("422: ")
    assert refused["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorBody")


def test_an_import_documents_both_of_its_successes(client):
    responses = _document(client)["paths"]["/api/v1/modules/{slug}/versions"]["post"]["responses"]
    assert responses["200"] == responses["201"]


@pytest.mark.parametrize("model, field, constraint", [
    ("SourceIn", "name", {"pattern": "^[\\w.!' -]{1,100}$"}),
    ("ModuleSettingsIn", "max_attempts", {"minimum": 1}),
    ("ModuleSettingsIn", "min_score", {"minimum": 0, "maximum": 100}),
    ("PrerequisiteIn", "module_slugs", {"minItems": 1}),
])
def test_the_document_states_what_the_server_checks(client, model, field, constraint):
    schema = _document(client)["components"]["schemas"][model]["properties"][field]
    flat = dict(schema)
    for option in schema.get("anyOf", []):  # "or null" fields
        flat.update(option)
    assert constraint.items() <= flat.items(), flat


def test_module_slugs_items_are_slugs(client):
    slugs = _document(client)["components"]["schemas"]["PrerequisiteIn"]["properties"]["module_slugs"]
    assert slugs["items"]["pattern"] == "^[a-z0-9][a-z0-9-]{0,98}[a-z0-9]$"
