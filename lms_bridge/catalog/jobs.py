"""Scheduled catalog jobs (the scheduler calls these module-level functions by name)."""
from __future__ import annotations

import logging

from flask import Flask

from ..access_log import printable

log = logging.getLogger(__name__)

RECHECK_URL_IMPORTS_JOB_ID = "catalog.recheck_url_imports"


def recheck_url_imports_job(app: Flask) -> None:
    """Re-fetch every URL-imported package; changed bytes become new draft versions.

    Failures are per source (recorded on it and logged); the job itself never raises for them.
    """
    from .url_import import recheck_url_imports

    with app.app_context():
        outcomes = recheck_url_imports()
    for outcome in outcomes:
        if outcome.new_version is not None:
            log.info("%s: new draft version %s from %s", outcome.slug, outcome.new_version,
                     printable(outcome.url))
