"""Declare API operations once; validate requests and generate the OpenAPI document from them.

Pydantic models are the single description of every JSON body, query and response: they
validate input (with field-level details in the one error shape) and give the JSON Schemas the
OpenAPI document is built from. Upload routes declare their ``multipart/form-data`` body with
``form=(file_field(...), form_field(...))`` instead of ``body=``. The document is built by walking
the app's URL map, so a route cannot exist without appearing in it.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Callable

from flask import Flask, request
from pydantic import BaseModel, ValidationError

from ..converters import LARGEST_ID
from ..errors import InvalidInput, UnsupportedMedia

OPENAPI_ATTR = "__openapi__"


@dataclass(frozen=True)
class FormField:
    """One part of a ``multipart/form-data`` body: a file, or a text field."""

    name: str
    description: str
    schema: dict[str, Any]
    required: bool = False
    media_type: str | None = None
    """Files only: the content type(s) the part is expected in."""

    @property
    def is_file(self) -> bool:
        return self.media_type is not None


def file_field(name: str, description: str, *, media_type: str,
               required: bool = True) -> FormField:
    """A file part (``format: binary``) of a multipart body."""
    schema = {"type": "string", "format": "binary", "contentMediaType": media_type}
    return FormField(name, description, schema, required, media_type)


def form_field(name: str, description: str, *, schema: dict[str, Any] | None = None,
               required: bool = False, repeated: bool = False) -> FormField:
    """A text part of a multipart body (``repeated``: the field may be sent several times)."""
    value = schema or {"type": "string"}
    return FormField(name, description,
                     {"type": "array", "items": value} if repeated else value, required)


@dataclass(frozen=True)
class Operation:
    summary: str
    body: type[BaseModel] | None = None
    query: type[BaseModel] | None = None
    response: Any = None
    status: int = 200
    other_statuses: tuple[int, ...] = ()
    """Other success statuses answered with the same body (200 when an import was already there)."""
    public: bool = False
    roles: str = "any signed-in user"
    form: tuple[FormField, ...] = ()
    """The parts of a multipart/form-data body (an upload); exclusive with ``body``."""

    def __post_init__(self) -> None:
        if self.body is not None and self.form:
            raise TypeError(f"{self.summary!r}: declare a JSON body or a form, not both")


def endpoint(summary: str, **options: Any) -> Callable:
    """Attach an Operation to a view function."""
    operation = Operation(summary, **options)

    def decorate(view: Callable) -> Callable:
        setattr(view, OPENAPI_ATTR, operation)
        return view
    return decorate


def operation_of(view: Callable) -> Operation | None:
    return getattr(view, OPENAPI_ATTR, None)


def _details(exc: ValidationError) -> list[dict[str, str]]:
    return [{"field": ".".join(str(p) for p in err["loc"]) or "(body)", "problem": err["msg"]}
            for err in exc.errors(include_url=False)]


def parse_body(model: type[BaseModel]) -> BaseModel:
    """The JSON body as ``model``; 415 for another content type, 400 for bad JSON or fields."""
    if request.mimetype != "application/json":
        raise UnsupportedMedia(f"Send the body as application/json, not {request.mimetype or 'nothing'}.")
    raw = request.get_data(cache=False)
    try:
        data = json.loads(raw, parse_constant=_refuse_constant)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        problem = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise InvalidInput(f"The request body is not valid JSON: {problem}.",
                           [{"field": "(body)", "problem": "malformed JSON"}]) from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InvalidInput("Some fields are missing or invalid.", _details(exc)) from None


def _refuse_constant(name: str) -> None:
    """Python's json reads NaN and Infinity, which JSON does not have (and no field accepts)."""
    raise json.JSONDecodeError(f"{name} is not JSON", name, 0)


def parse_query(model: type[BaseModel]) -> BaseModel:
    try:
        return model.model_validate(request.args.to_dict())
    except ValidationError as exc:
        raise InvalidInput("Some query parameters are invalid.", _details(exc)) from None


def _schema_ref(model: type[BaseModel], components: dict[str, Any]) -> dict[str, str]:
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    for name, definition in schema.pop("$defs", {}).items():
        _add_component(components, name, definition)
    _add_component(components, model.__name__, schema)
    return {"$ref": f"#/components/schemas/{model.__name__}"}


def _add_component(components: dict[str, Any], name: str, definition: dict[str, Any]) -> None:
    """Components are keyed by class name: two different classes of one name (two domains'
    ``Outcome`` enums) would silently describe one with the other's schema."""
    if components.setdefault(name, definition) != definition:
        raise RuntimeError(f"two API schemas are both named {name!r}: rename one of the classes")


def _response_schema(response: Any, components: dict[str, Any]) -> dict[str, Any]:
    if isinstance(response, list):
        return {"type": "array", "items": _schema_ref(response[0], components)}
    return _schema_ref(response, components)


_CONVERTER = re.compile(r"<(?:(?P<conv>[a-z]+):)?(?P<name>\w+)>")


# An id in a path is what the app's ``int`` converter accepts (``converters``): beyond, no route.
_ID_SCHEMA = {"type": "integer", "format": "int32", "minimum": 0, "maximum": LARGEST_ID}


def _path_and_params(rule: str) -> tuple[str, list[dict[str, Any]]]:
    params = [{"name": m["name"], "in": "path", "required": True,
               "schema": dict(_ID_SCHEMA) if m["conv"] == "int" else {"type": "string"}}
              for m in _CONVERTER.finditer(rule)]
    return _CONVERTER.sub(lambda m: "{" + m["name"] + "}", rule), params


# Every failure has the one error shape (``errors``); each status is documented by name.
ERROR_RESPONSES = {
    400: ("InvalidInput", "The request is malformed or a field is invalid (details name each)"),
    401: ("Unauthorized", "No valid API token (missing, unknown, revoked or expired)"),
    403: ("Forbidden", "The token's account may not do this"),
    404: ("NotFound", "What the path names does not exist (or is not visible to this account)"),
    409: ("Conflict", "The change conflicts with what is stored (a duplicate, a state that "
                      "does not allow it)"),
    413: ("PayloadTooLarge", "The body is larger than the server accepts"),
    415: ("UnsupportedMedia", "The body is not in the documented content type"),
    422: ("Refused", "Well-formed, but refused as a whole: a package, report or address that "
                    "cannot be used (details name each problem)"),
}


def _error_statuses(op: Operation, method: str, params: list) -> list[int]:
    """The failures an operation can answer, from its shape."""
    statuses = {404, 422}
    if not op.public:
        statuses |= {401, 403}
    if params or op.query is not None or op.body is not None or op.form:
        statuses.add(400)
    if method != "GET":
        statuses.add(409)
    if op.body is not None or op.form:
        statuses |= {413, 415}
    return sorted(statuses)


def _operation_doc(op: Operation, endpoint_name: str, method: str, params: list,
                   components: dict) -> dict:
    responses = {str(status): {"$ref": f"#/components/responses/{ERROR_RESPONSES[status][0]}"}
                 for status in _error_statuses(op, method, params)}
    doc: dict[str, Any] = {"operationId": endpoint_name.replace("api.", ""), "summary": op.summary,
                           "description": f"Allowed for: {op.roles}.",
                           "parameters": list(params), "responses": responses}
    if op.query is not None:
        schema = op.query.model_json_schema(ref_template="#/components/schemas/{model}")
        components.update(schema.pop("$defs", {}))
        for name, field in op.query.model_fields.items():
            doc["parameters"].append({"name": name, "in": "query", "required": field.is_required(),
                                      "schema": schema["properties"][name]})
    if op.body is not None:
        doc["requestBody"] = {"required": True, "content": {
            "application/json": {"schema": _schema_ref(op.body, components)}}}
    if op.form:
        doc["requestBody"] = _multipart_body(op.form)
    ok: dict[str, Any] = {"description": "Success"}
    if op.response is not None:
        ok["content"] = {"application/json": {"schema": _response_schema(op.response, components)}}
    for status in (op.status, *op.other_statuses):
        doc["responses"][str(status)] = ok
    if op.public:
        doc["security"] = []
    return doc


def _multipart_body(fields: tuple[FormField, ...]) -> dict[str, Any]:
    properties = {field.name: dict(field.schema, description=field.description)
                  for field in fields}
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    required = [field.name for field in fields if field.required]
    if required:
        schema["required"] = required
    encoding = {field.name: {"contentType": field.media_type} for field in fields if field.is_file}
    return {"required": True, "content": {
        "multipart/form-data": {"schema": schema, "encoding": encoding}}}


def build_document(app: Flask, prefix: str = "/api/v1") -> dict[str, Any]:
    """The OpenAPI 3.1 document of every route under ``prefix``."""
    components: dict[str, Any] = {"ErrorBody": _ERROR_SCHEMA}
    paths: dict[str, dict[str, Any]] = {}
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if not rule.rule.startswith(prefix):
            continue
        op = operation_of(app.view_functions[rule.endpoint])
        if op is None:
            raise RuntimeError(f"API route {rule.rule} ({rule.endpoint}) has no @endpoint description")
        path, params = _path_and_params(rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            paths.setdefault(path, {})[method.lower()] = _operation_doc(
                op, rule.endpoint, method, params, components)
    return {
        "openapi": "3.1.0",
        "info": {"title": "LMS Bridge API", "version": app.config["LMS_BRIDGE_VERSION"],
                 "description": "Every failure answers {\"error\": {\"code\", \"message\", \"details\"}}."},
        "servers": [{"url": "/"}],
        "security": [{"bearer": []}],
        "paths": paths,
        "components": {
            "schemas": components,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
                                           "description": "A personal API token (Account → API tokens)."}},
            "responses": _error_components(),
        },
    }


_ERROR_HEADERS = {401: {"WWW-Authenticate": {
    "required": True, "schema": {"type": "string"},
    "description": 'The Bearer challenge of RFC 6750, e.g. Bearer realm="LMS Bridge API", '
                   'error="invalid_token", error_description="This API token has expired."'}}}


def _error_components() -> dict[str, Any]:
    body = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
    components = {name: {"description": f"{status}: {description}.", "content": body}
                  for status, (name, description) in ERROR_RESPONSES.items()}
    for status, headers in _ERROR_HEADERS.items():
        components[ERROR_RESPONSES[status][0]]["headers"] = headers
    return components


_ERROR_SCHEMA = {
    "type": "object", "required": ["error"],
    "properties": {"error": {"type": "object", "required": ["code", "message", "details"],
                             "properties": {"code": {"type": "string"}, "message": {"type": "string"},
                                            "details": {}}}},
}
