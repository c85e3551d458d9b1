"""Module-source API: download a module's source, upload an edited one as a language edition or
a national variant (multipart), list the uploads, see what one changed, download it again.

An upload answers 201 with the kept source, 200 when the same files were already kept for that
edition, 422 with every problem (file, line, message; or the archive rule's code and entry).
"""
from __future__ import annotations

from flask import g, request

from scorm.builder import BuildError
from scorm.source import SourceError

from ..accounts.permissions import Action, require
from ..catalog import queries as catalog_queries
from ..catalog.sources import operations, queries
from ..catalog.sources.views import zip_download
from ..catalog.uploads import UPLOAD_ENDPOINTS
from ..errors import InvalidInput
from .schemas_catalog import VersionOut
from .blueprint import blueprint
from .schemas_sources import SourceUploadDetailOut, SourceUploadOut
from .spec import endpoint, file_field, form_field

UPLOAD_ENDPOINTS.add("api.upload_module_source")
COORDINATORS = "coordinator, admin"
CUSTOMISERS = ("national coordinator (uploads: their own administration's country's national "
               "variants only), coordinator, admin")
SOURCE_FIELDS = (
    file_field("source", "The module's source (.zip): module.yaml, images/ and one folder per "
               "language, at the top of the zip or in its one folder",
               media_type="application/zip"),
    form_field("edition", "A language code (es) or a language and a member administration's "
               "country code (en-KE); module.yaml must list it in 'languages'", required=True),
    form_field("based_on", "The id of the upload it was made from; leave out when it was made "
               "from the module's shipped source", schema={"type": "integer"}),
)


def _out(model, upload, status: int = 200):
    return model.model_validate(upload).model_dump(mode="json"), status


@blueprint.get("/modules/<slug>/source")
@endpoint("The module's shipped source (packages/<slug>) as a reproducible zip "
          "(application/zip)", roles=CUSTOMISERS)
def module_source_zip(slug: str):
    require(g.api_user, Action.CUSTOMISE_MODULE)
    return zip_download(*queries.shipped_source_zip(catalog_queries.module_by_slug(slug)))


@blueprint.get("/modules/<slug>/sources")
@endpoint("The module's uploaded sources, newest first", response=[SourceUploadOut],
          roles=CUSTOMISERS)
def list_module_sources(slug: str):
    require(g.api_user, Action.CUSTOMISE_MODULE)
    module = catalog_queries.module_by_slug(slug)
    return [_out(SourceUploadOut, upload)[0] for upload in queries.uploads_of(module)]


def _based_on() -> int | None:
    value = request.form.get("based_on", "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise InvalidInput("'based_on' must be the id of an upload of this module.",
                           [{"field": "based_on", "problem": "not an id"}])
    return int(value)


@blueprint.post("/modules/<slug>/sources")
@endpoint("Upload an edited source (multipart/form-data: `source`, `edition`, `based_on`) as a "
          "language edition or a national variant: 201 kept, 200 the same files were already "
          "kept for the edition, 422 refused with every problem (file and line)",
          form=SOURCE_FIELDS, response=SourceUploadOut, status=201, other_statuses=(200,),
          roles=CUSTOMISERS)
def upload_module_source(slug: str):
    require(g.api_user, Action.CUSTOMISE_MODULE)
    module = catalog_queries.module_by_slug(slug)
    upload, created = operations.upload_source(
        g.api_user, module, request.files.get("source"), request.form.get("edition", ""),
        _based_on())
    return _out(SourceUploadOut, upload, 201 if created else 200)


@blueprint.get("/sources/<int:upload_id>")
@endpoint("An uploaded source with what it changed against the source it was made from",
          response=SourceUploadDetailOut, roles=CUSTOMISERS)
def module_source_detail(upload_id: int):
    require(g.api_user, Action.CUSTOMISE_MODULE)
    upload = queries.upload_by_id(upload_id)
    changes = queries.changes_of(upload)
    data = SourceUploadOut.model_validate(upload).model_dump()
    data["changes"] = None if changes is None else [
        {"name": c.name, "kind": c.kind, "is_text": c.is_text,
         "added_lines": sum(1 for line in c.lines if line.kind.value == "added"),
         "removed_lines": sum(1 for line in c.lines if line.kind.value == "removed")}
        for c in changes]
    return SourceUploadDetailOut.model_validate(data).model_dump(mode="json")


@blueprint.get("/sources/<int:upload_id>/source")
@endpoint("An uploaded source as its reproducible zip (application/zip; its sha256 is the "
          "upload's)", roles=CUSTOMISERS)
def module_source_upload_zip(upload_id: int):
    require(g.api_user, Action.CUSTOMISE_MODULE)
    return zip_download(*queries.uploaded_source_zip(queries.upload_by_id(upload_id)))


@blueprint.post("/sources/<int:upload_id>/publish")
@endpoint("Build the uploaded source reproducibly and publish it as its edition of the module "
          "(the edition's previously published version is retired): 201 the new version, 200 "
          "the same build was already imported", response=VersionOut, status=201,
          other_statuses=(200,), roles=COORDINATORS)
def publish_module_source(upload_id: int):
    require(g.api_user, Action.CUSTOMISE_MODULE)
    require(g.api_user, Action.PUBLISH_PACKAGE)
    upload = queries.upload_by_id(upload_id)
    try:
        result = operations.publish_upload(g.api_user, upload)
    except (SourceError, BuildError) as exc:
        raise InvalidInput(f"The source cannot be built: {exc}") from None
    return _out(VersionOut, result.version, 201 if result.created else 200)
