"""Catalog pages for coordinators and admins: modules, versions, import, publish, export."""
from __future__ import annotations

from flask import (Blueprint, flash, redirect, render_template, request,
                   send_file, url_for)
from flask_babel import gettext as _
from flask_login import login_required
from wtforms import SelectChoice

from scorm.source import SourceError, load_module_source

from ..accounts.permissions import Action, can, require
from ..db import db
from ..errors import InvalidInput, LmsBridgeError, NotFound
from ..security import signed_in_user
from . import builds, operations, queries
from .editions import edition_name
from .forms import (NEW_MODULE, ConfirmForm, ExportForm, ImportForm, ModuleSettingsForm,
                    RetireForm, UrlImportForm)
from .settings import settings_of
from .settings_form import form_values, settings_form
from .store import content_store
from .uploads import import_upload, init_upload_limit
from .url_import import import_from_url

blueprint = Blueprint("catalog", __name__, template_folder="templates")
blueprint.record_once(lambda state: init_upload_limit(state.app))


def _user():
    return signed_in_user()


@blueprint.get("/catalog")
@login_required
def modules():
    require(_user(), Action.VIEW_CATALOG)
    return render_template("catalog/modules.html", modules=queries.modules_with_versions())


def _export_form(slug: str) -> ExportForm | None:
    source_dir = builds.source_dir_of(slug)
    if source_dir is None:
        return None
    form = ExportForm(request.args)
    try:
        languages = load_module_source(source_dir).languages
    except SourceError:
        return None
    form.lang.choices = [SelectChoice(code, f"{edition_name(code)} ({code})") for code in languages]
    form.lang.data = form.lang.data or languages[0]
    form.scorm.data = form.scorm.data or "2004"
    form.units.data = form.units.data or "single"
    return form


@blueprint.get("/catalog/modules/<slug>")
@login_required
def module(slug: str):
    require(_user(), Action.VIEW_CATALOG)
    return _module_page(queries.module_by_slug(slug))


def _module_page(module, form: ModuleSettingsForm | None = None, status: int = 200):
    if form is None and can(_user(), Action.CONFIGURE_MODULE, module):
        form = settings_form(settings_of(module))
    return render_template("catalog/module.html", module=module,
                           versions=queries.versions_of(module.id),
                           editions=queries.published_editions(module),
                           url_import=queries.url_import_of(module.id),
                           export_form=_export_form(module.slug),
                           export_advice=builds.export_advice(module.slug),
                           settings=settings_of(module), settings_form=form), status


@blueprint.post("/catalog/modules/<slug>/settings")
@login_required
def configure(slug: str):
    module = queries.module_by_slug(slug)
    require(_user(), Action.CONFIGURE_MODULE, module)
    form = ModuleSettingsForm()
    if not form.validate_on_submit():
        return _module_page(module, form, 400)
    try:
        operations.configure_module(_user(), module, form_values(form))
    except InvalidInput as exc:
        db.session.rollback()
        for detail in exc.details:
            getattr(form, detail["field"]).errors = [detail["problem"]]
        return _module_page(queries.module_by_slug(slug), form, 400)
    flash(_("Saved the completion and attempt settings of %(slug)s.", slug=module.slug))
    return redirect(url_for("catalog.module", slug=slug) + "#settings")


@blueprint.get("/catalog/versions/<int:version_id>")
@login_required
def version(version_id: int):
    require(_user(), Action.VIEW_CATALOG)
    version = queries.version_by_id(version_id)
    return render_template("catalog/version.html", version=version,
                           tree=queries.package_tree(version), form=ConfirmForm(),
                           retire_form=RetireForm())


def _import_page(form, url_form, status: int = 200, rejection: LmsBridgeError | None = None):
    return render_template("catalog/import.html", form=form, url_form=url_form,
                           rejection=rejection), status


def _import_forms(upload_posted: bool) -> tuple[ImportForm, UrlImportForm]:
    """The upload and URL forms with the module list; only the one posted reads the request."""
    modules = queries.modules()
    unread = {"formdata": None}
    return (ImportForm(**({} if upload_posted else unread)).with_modules(modules),
            UrlImportForm(**(unread if upload_posted else {})).with_modules(modules))


def _new_title(form) -> str:
    return form.new_title.data if form.module.data == NEW_MODULE else ""


@blueprint.route("/catalog/import", methods=["GET", "POST"])
@login_required
def import_page():
    require(_user(), Action.IMPORT_PACKAGE)
    form, url_form = _import_forms(upload_posted=True)
    if not form.validate_on_submit():
        return _import_page(form, url_form, 400 if form.errors else 200)
    try:
        result = import_upload(request.files.get(form.package.name), form.chosen_slug, _user(),
                               title=_new_title(form), language=form.language.data or None)
    except LmsBridgeError as exc:
        return _import_page(form, url_form, exc.status, exc)
    return _after_import(result)


def _after_import(result):
    version = result.version
    if result.created:
        flash(_("Imported %(file)s as %(module)s version %(number)s, %(edition)s edition "
                "(draft).", file=version.original_filename, module=version.module.slug,
                number=version.number, edition=version.language))
    else:
        flash(_("These exact bytes were already imported as version %(number)d; nothing new "
                "was created.", number=version.number))
    return redirect(url_for("catalog.version", version_id=version.id))


@blueprint.post("/catalog/import-url")
@login_required
def import_url():
    require(_user(), Action.IMPORT_PACKAGE)
    form, url_form = _import_forms(upload_posted=False)
    if not url_form.validate_on_submit():
        return _import_page(form, url_form, 400)
    try:
        result = import_from_url(
            url_form.url.data, url_form.chosen_slug, _user(), recheck=url_form.recheck.data,
            title=_new_title(url_form))
    except LmsBridgeError as exc:
        return _import_page(form, url_form, exc.status, exc)
    return _after_import(result)


@blueprint.post("/catalog/versions/<int:version_id>/publish")
@login_required
def publish(version_id: int):
    require(_user(), Action.PUBLISH_PACKAGE)
    if not ConfirmForm().validate_on_submit():
        raise InvalidInput(_("The form expired; open the page again."))
    version = operations.publish_version(_user(), version_id)
    flash(_("Published %(slug)s version %(number)d.", slug=version.module.slug,
            number=version.number))
    return redirect(url_for("catalog.version", version_id=version_id))


@blueprint.post("/catalog/versions/<int:version_id>/retire")
@login_required
def retire(version_id: int):
    require(_user(), Action.PUBLISH_PACKAGE)
    form = RetireForm()
    if not form.validate_on_submit():
        raise InvalidInput(_("The form expired; open the page again."))
    version = operations.retire_version(_user(), version_id, form.reason.data or "")
    flash(_("Retired %(slug)s version %(number)d.", slug=version.module.slug,
            number=version.number))
    return redirect(url_for("catalog.version", version_id=version_id))


@blueprint.get("/catalog/versions/<int:version_id>/original.zip")
@login_required
def download_original(version_id: int):
    require(_user(), Action.EXPORT_PACKAGE)
    version = queries.version_by_id(version_id)
    path = content_store().original_path(version.id)
    if not path.is_file():
        raise NotFound(_("The original zip of this version is missing from the content store."))
    return send_file(path, mimetype="application/zip", as_attachment=True,
                     download_name=version.original_filename or f"{version.module.slug}.zip")


@blueprint.get("/catalog/modules/<slug>/build.zip")
@login_required
def download_build(slug: str):
    require(_user(), Action.EXPORT_PACKAGE)
    form = _export_form(slug)
    if form is None:
        raise NotFound(_("Module %(slug)s has no source in packages/ to build from.", slug=slug))
    if not form.validate():
        raise InvalidInput(_("Choose SCORM 1.2 or 2004, one of the module's languages and a "
                             "single-unit or per-lesson build."),
                           [{"field": k, "problem": v[0]} for k, v in form.errors.items()])
    return builds.send_export(slug, form.scorm.data, form.lang.data, form.units.data)
