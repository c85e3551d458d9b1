"""Refusals of uploaded zips are said in the reader's language: every refusal code of
``scorm.archive`` a person can fix has a sentence (lms_bridge/catalog/archive_messages.py)."""
import re

import scorm.archive.errors
from lms_bridge.catalog.archive_messages import _BY_CODE, _OTHER_PACKAGES, archive_message
from scorm.archive import ArchiveLimits, UnsafeEntryError

# Failures of the server or of damaged bytes keep the library's (technical) English detail.
TECHNICAL = {"archive.corrupt", "archive.unseekable", "archive.destination_exists",
             "archive.destination_parent_missing", "archive.write_failed"}


def test_every_refusal_code_has_a_sentence():
    codes = set(re.findall(r"archive\.[a-z_0-9]+", scorm.archive.errors.__doc__)) - {"archive.error"}
    assert codes, "the codes are listed in scorm/archive/errors.py's docstring"
    assert codes - TECHNICAL - set(_BY_CODE) - set(_OTHER_PACKAGES) == set()


def test_the_sentence_names_the_entry_and_the_limit(app):
    with app.test_request_context():
        error = UnsafeEntryError.for_entry("../x.md", "traversal", "climbs out")
        assert archive_message(error, ArchiveLimits()) == \
            "zip entry '../x.md' climbs out of the package with '..'"
        error = UnsafeEntryError("deep", code="archive.too_deep", entry="a/b")
        assert "deeper than 7 levels" in archive_message(error, ArchiveLimits(max_path_depth=7))
