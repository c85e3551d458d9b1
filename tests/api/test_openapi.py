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
                                         "schema": {"type": "integer"}}
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
