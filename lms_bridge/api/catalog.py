"""Catalog API: modules, versions, import (multipart upload or URL), publish, retire, download,
and builds of a module's source for a national LMS.

Uploads are ``multipart/form-data`` with the zip in the field ``package`` (the OpenAPI document
describes that body). An import answers 201 with the new version, 200 with the existing
one when the same bytes were already imported for the module, 422 with the findings otherwise.
"""
from __future__ import annotations

from flask import g, request, send_file

from ..accounts.permissions import Action, require
from ..catalog import builds, operations, queries
from ..catalog.settings import ModuleSettings, settings_of
from ..catalog.store import content_store
from ..catalog.uploads import UPLOAD_ENDPOINTS, import_upload, validate_upload
from ..catalog.url_import import import_from_url
from ..errors import NotFound
from .blueprint import blueprint
from .schemas_catalog import (BuildQuery, ModuleDetailOut, ModuleOut, ModuleSettingsIn,
                              ModuleSettingsOut, ReportOut, RetireIn, UrlImportIn, VersionOut)
from .spec import endpoint, file_field, form_field, parse_body, parse_query

UPLOAD_ENDPOINTS.update({"api.import_version", "api.validate_upload_report"})
COORDINATORS = "coordinator, admin"
PACKAGE_FIELD = file_field("package", "The SCORM package (.zip)", media_type="application/zip")
EDITION_FIELD = form_field(
    "language", "The edition this package is: a language (en, fr) or a national variant "
    "(en-KE); default the language its manifest declares, else the module's",
    schema={"type": "string", "pattern": "^[a-zA-Z]{2}([-_][a-zA-Z]{2})?$"})


def _dump(model, obj, status: int = 200):
    return model.model_validate(obj).model_dump(mode="json"), status


@blueprint.get("/modules")
@endpoint("Every module (local or remote-only)", response=[ModuleOut], roles=COORDINATORS)
def list_modules():
    require(g.api_user, Action.VIEW_CATALOG)
    return [ModuleOut.model_validate(m).model_dump(mode="json")
            for m, _ in queries.modules_with_versions()]


@blueprint.get("/modules/<slug>")
@endpoint("A module with its package versions, newest first, and the published version of "
          "each language edition", response=ModuleDetailOut,
          roles=COORDINATORS)
def module_detail(slug: str):
    require(g.api_user, Action.VIEW_CATALOG)
    module = queries.module_by_slug(slug)
    data = ModuleOut.model_validate(module).model_dump()
    editions = {code: v.id for code, v in queries.published_editions(module).items()}
    return _dump(ModuleDetailOut, dict(data, versions=queries.versions_of(module.id),
                                       published_editions=editions))


def _settings_out(slug: str, values: ModuleSettings):
    return _dump(ModuleSettingsOut, dict(vars(values), slug=slug))


@blueprint.get("/modules/<slug>/settings")
@endpoint("The module's completion rule and attempt/grading settings", response=ModuleSettingsOut,
          roles=COORDINATORS)
def module_settings(slug: str):
    require(g.api_user, Action.VIEW_CATALOG)
    module = queries.module_by_slug(slug)
    return _settings_out(slug, settings_of(module))


@blueprint.put("/modules/<slug>/settings")
@endpoint("Replace the module's completion rule and attempt/grading settings (applies to "
          "launches and gradings from now on; stored attempts and completions are not "
          "rewritten)", body=ModuleSettingsIn, response=ModuleSettingsOut, roles=COORDINATORS)
def configure_module(slug: str):
    module = queries.module_by_slug(slug)
    require(g.api_user, Action.CONFIGURE_MODULE, module)
    values = ModuleSettings(**parse_body(ModuleSettingsIn).model_dump())
    return _settings_out(slug, operations.configure_module(g.api_user, module, values))


def _imported(result):
    return _dump(VersionOut, result.version, 201 if result.created else 200)


@blueprint.post("/modules/<slug>/versions")
@endpoint("Import a SCORM zip (multipart/form-data, field `package`) as a new draft version: "
          "201 created, 200 identical bytes already imported, 422 refused with findings",
          form=(PACKAGE_FIELD, EDITION_FIELD), response=VersionOut, status=201,
          other_statuses=(200,), roles=COORDINATORS)
def import_version(slug: str):
    require(g.api_user, Action.IMPORT_PACKAGE)
    return _imported(import_upload(request.files.get("package"), slug, g.api_user,
                                   language=request.form.get("language") or None))


@blueprint.post("/modules/<slug>/url-imports")
@endpoint("Fetch a package from an allowlisted URL and import it (remembered for re-checks)",
          body=UrlImportIn, response=VersionOut, status=201, other_statuses=(200,),
          roles=COORDINATORS)
def import_version_from_url(slug: str):
    require(g.api_user, Action.IMPORT_PACKAGE)
    body = parse_body(UrlImportIn)
    return _imported(import_from_url(body.url, slug, g.api_user, recheck=body.recheck))


@blueprint.post("/validate")
@endpoint("Validate a SCORM zip (multipart/form-data, field `package`) without importing it; "
          "422 when it is not a usable SCORM zip", form=(PACKAGE_FIELD,), response=ReportOut,
          roles=COORDINATORS)
def validate_upload_report():
    require(g.api_user, Action.IMPORT_PACKAGE)
    return _dump(ReportOut, validate_upload(request.files.get("package")))


@blueprint.get("/versions/<int:version_id>")
@endpoint("A package version with its validation report", response=VersionOut,
          roles=COORDINATORS)
def version_detail(version_id: int):
    require(g.api_user, Action.VIEW_CATALOG)
    return _dump(VersionOut, queries.version_by_id(version_id))


@blueprint.post("/versions/<int:version_id>/publish")
@endpoint("Publish a draft version (the module's published one is retired)",
          response=VersionOut, roles=COORDINATORS)
def publish_version(version_id: int):
    return _dump(VersionOut, operations.publish_version(g.api_user, version_id))


@blueprint.post("/versions/<int:version_id>/retire")
@endpoint("Retire a version, with a reason", body=RetireIn, response=VersionOut,
          roles=COORDINATORS)
def retire_version(version_id: int):
    require(g.api_user, Action.PUBLISH_PACKAGE)
    body = parse_body(RetireIn)
    return _dump(VersionOut, operations.retire_version(g.api_user, version_id, body.reason))


@blueprint.get("/versions/<int:version_id>/original")
@endpoint("The version's zip exactly as imported (application/zip)", roles=COORDINATORS)
def download_original_zip(version_id: int):
    require(g.api_user, Action.EXPORT_PACKAGE)
    version = queries.version_by_id(version_id)
    path = content_store().original_path(version.id)
    if not path.is_file():
        raise NotFound("The original zip of this version is missing from the content store.")
    return send_file(path, mimetype="application/zip", as_attachment=True,
                     download_name=version.original_filename)


@blueprint.get("/modules/<slug>/build")
@endpoint("A SCORM zip built from the module's source in packages/ (application/zip): the "
          "single-unit build unless units=per-lesson", query=BuildQuery, roles=COORDINATORS)
def build_zip(slug: str):
    require(g.api_user, Action.EXPORT_PACKAGE)
    query = parse_query(BuildQuery)
    return builds.send_export(slug, query.scorm, query.lang, query.units)
