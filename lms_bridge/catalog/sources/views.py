"""Pages of module sources: download, upload (checked, every problem located), what changed."""
from __future__ import annotations

import io

from flask import (Blueprint, Response, flash, redirect, render_template, request, send_file,
                   url_for)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required

from scorm.builder import BuildError
from scorm.source import SourceError
from scorm.source.compare import ChangeKind

from ...accounts.permissions import Action, can, require
from ...db import db
from ...errors import InvalidInput, LmsBridgeError
from ...security import signed_in_user
from .. import queries as catalog_queries
from ..forms import ConfirmForm
from ..uploads import UPLOAD_ENDPOINTS
from . import operations, queries
from .forms import SourceUploadForm
from .storage import shipped_root

blueprint = Blueprint("catalog_sources", __name__, template_folder="templates")
UPLOAD_ENDPOINTS.add("catalog_sources.sources_page")
CHANGE_LABELS = {ChangeKind.ADDED: _l("added"), ChangeKind.REMOVED: _l("removed"),
                 ChangeKind.CHANGED: _l("changed")}


@blueprint.app_template_global()
def can_customise_modules() -> bool:
    """Whether the signed-in person may download and upload module sources (the module page
    offers the link only then)."""
    return can(signed_in_user(), Action.CUSTOMISE_MODULE)


def zip_download(data: bytes, filename: str) -> Response:
    """A zip built in memory, as a download (the page's and the API's)."""
    return send_file(io.BytesIO(data), mimetype="application/zip", as_attachment=True,
                     download_name=filename)


def countries() -> list[tuple[str, str]]:
    """(country code, administration name) of the administrations whose national variants the
    signed-in person may upload, by code."""
    user = signed_in_user()
    return [(code, name) for administration_id, code, name in queries.administrations()
            if can(user, Action.UPLOAD_MODULE_EDITION, operations.EditionTarget(administration_id))]


def _form(module, uploads, **options) -> SourceUploadForm:
    shipped = module.slug if shipped_root(module.slug) is not None else None
    language_editions = can(signed_in_user(), Action.UPLOAD_MODULE_EDITION,
                            operations.EditionTarget(None))
    return SourceUploadForm(**options).with_choices(shipped, uploads, countries(),
                                                    language_editions)


def _page(module, form, status: int = 200, rejection: LmsBridgeError | None = None):
    return render_template("catalog_sources/sources.html", module=module, form=form,
                           uploads=queries.uploads_of(module), rejection=rejection,
                           has_shipped=shipped_root(module.slug) is not None), status


@blueprint.get("/catalog/sources")
@login_required
def index():
    require(signed_in_user(), Action.CUSTOMISE_MODULE)
    return render_template("catalog_sources/index.html", modules=queries.customisable_modules())


@blueprint.route("/catalog/modules/<slug>/sources", methods=["GET", "POST"])
@login_required
def sources_page(slug: str):
    require(signed_in_user(), Action.CUSTOMISE_MODULE)
    module = catalog_queries.module_by_slug(slug)
    uploads = queries.uploads_of(module)
    form = _form(module, uploads)
    if request.method == "GET":
        return _page(module, form)
    if not form.validate_on_submit():
        return _page(module, form, 400)
    try:
        upload, created = operations.upload_source(
            signed_in_user(), module, request.files.get(form.source.name), form.edition,
            form.based_on_id)
    except LmsBridgeError as exc:
        db.session.rollback()
        return _page(module, form, exc.status, exc)
    flash(_("Kept the %(edition)s source of %(slug)s.", edition=upload.edition, slug=slug)
          if created else _("These exact files were already uploaded for this edition; "
                            "nothing new was kept."))
    return redirect(url_for("catalog_sources.source", upload_id=upload.id))


@blueprint.get("/catalog/modules/<slug>/source.zip")
@login_required
def download_shipped(slug: str):
    require(signed_in_user(), Action.CUSTOMISE_MODULE)
    return zip_download(*queries.shipped_source_zip(catalog_queries.module_by_slug(slug)))


@blueprint.get("/catalog/sources/<int:upload_id>")
@login_required
def source(upload_id: int):
    require(signed_in_user(), Action.CUSTOMISE_MODULE)
    upload = queries.upload_by_id(upload_id)
    return render_template("catalog_sources/source.html", upload=upload,
                           changes=queries.changes_of(upload), change_labels=CHANGE_LABELS,
                           cleaning_notes=queries.cleaning_notes(upload),
                           publish_form=ConfirmForm()
                           if can(signed_in_user(), Action.PUBLISH_PACKAGE) else None)


@blueprint.post("/catalog/sources/<int:upload_id>/publish")
@login_required
def publish(upload_id: int):
    require(signed_in_user(), Action.CUSTOMISE_MODULE)
    require(signed_in_user(), Action.PUBLISH_PACKAGE)
    if not ConfirmForm().validate_on_submit():
        raise InvalidInput(_("The form expired; open the page again."))
    upload = queries.upload_by_id(upload_id)
    try:
        result = operations.publish_upload(signed_in_user(), upload)
    except (SourceError, BuildError) as exc:
        db.session.rollback()
        raise InvalidInput(_("The source cannot be built: %(problem)s", problem=str(exc))) from None
    version = result.version
    flash(_("Published the %(edition)s edition of %(slug)s as version %(number)d.",
            edition=upload.edition, slug=version.module.slug, number=version.number))
    return redirect(url_for("catalog.version", version_id=version.id))


@blueprint.get("/catalog/sources/<int:upload_id>/source.zip")
@login_required
def download_upload(upload_id: int):
    require(signed_in_user(), Action.CUSTOMISE_MODULE)
    return zip_download(*queries.uploaded_source_zip(queries.upload_by_id(upload_id)))
