"""Why an uploaded zip was refused, in the reader's language.

``scorm.archive`` is a pure library: its errors carry a stable ``code``, the ``entry`` at fault
and an English message. Pages show the sentence of this table for the code instead, filled with
the entry and the limit that applied; a code not listed here (a damaged zip's technical detail,
a failed write) keeps the library's English message.
"""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from scorm.archive import ArchiveError, ArchiveLimits

_BY_CODE = {
    "archive.traversal": _l("zip entry %(entry)s climbs out of the package with '..'"),
    "archive.absolute_path": _l("zip entry %(entry)s is an absolute path"),
    "archive.drive_letter": _l("zip entry %(entry)s starts with a drive letter"),
    "archive.backslash": _l("zip entry %(entry)s uses '\\' as a folder separator; zip names "
                            "must use '/'"),
    "archive.control_character": _l("zip entry %(entry)s contains a control character (NUL, "
                                    "newline, ...)"),
    "archive.invalid_name": _l("zip entry %(entry)s has an empty or '.' path component"),
    "archive.too_deep": _l("zip entry %(entry)s is nested deeper than %(depth)d levels"),
    "archive.path_too_long": _l("zip entry %(entry)s has a path or a name that is too long"),
    "archive.symlink": _l("zip entry %(entry)s is a symbolic link"),
    "archive.special_file": _l("zip entry %(entry)s is a device, pipe or socket, not a file"),
    "archive.duplicate": _l("zip entry %(entry)s appears twice in the zip, or is both a file "
                            "and a folder"),
    "archive.case_collision": _l("zip entry %(entry)s differs from another only by letter case "
                                 "or Unicode form; one would overwrite the other on Windows and "
                                 "macOS"),
    "archive.encrypted": _l("zip entry %(entry)s is encrypted (password-protected)"),
    "archive.unsupported_compression": _l("zip entry %(entry)s uses a compression method other "
                                          "than stored or deflated (re-zip with a standard zip "
                                          "tool)"),
    "archive.too_many_entries": _l("the zip has more than %(entries)d entries"),
    "archive.too_large": _l("total unpacked size rule: the package unpacks to more bytes than "
                            "allowed; the limit is %(bytes)s bytes"),
    "archive.ratio_bomb": _l("zip entry %(entry)s expands more than %(ratio)s times: refused as "
                             "a probable zip bomb"),
    "archive.archive_ratio_bomb": _l("whole-archive ratio rule: the package unpacks to more than "
                                     "its zip's size times the limit; the limit is %(ratio)s "
                                     "times: refused as a probable zip bomb"),
    "archive.overlapping_entries": _l("zip entry %(entry)s overlaps another entry's data (a "
                                      "zip-bomb technique)"),
    "archive.not_zip": _l("the upload is not a zip archive (whatever its file name says)"),
    "archive.no_manifest": _l("there is no imsmanifest.xml at the top of the zip, so it is not "
                              "a SCORM package"),
    "archive.manifest_not_at_root": _l(
        "imsmanifest.xml is not at the top of the zip but in the folder %(folder)s. Re-zip the "
        "contents of that folder, not the folder itself: open it, select everything inside it "
        "and compress that selection (in a terminal: cd %(folder)s && zip -r ../package.zip .), "
        "then upload the new zip."),
}
_OTHER_PACKAGES = ("archive.not_scorm_aicc", "archive.not_scorm_cmi5", "archive.not_scorm_xapi")


def archive_message(exc: ArchiveError, limits: ArchiveLimits) -> str:
    """The reason ``exc`` gives, translated when its code is known (see the module docstring)."""
    if exc.code in _OTHER_PACKAGES:
        return _("this is an AICC, cmi5 or xAPI package (found %(entry)s), not a SCORM package: "
                 "export the course as SCORM 1.2 or 2004 from its authoring tool and upload "
                 "that zip", entry=repr(exc.entry))
    sentence = _BY_CODE.get(exc.code)
    if sentence is None:
        return str(exc)
    return str(sentence) % {
        "entry": repr(exc.entry), "folder": repr(getattr(exc, "folder", "")),
        "depth": limits.max_path_depth, "entries": limits.max_entries,
        "bytes": f"{limits.max_total_bytes:,}", "ratio": f"{limits.max_archive_ratio:g}"
        if exc.code == "archive.archive_ratio_bomb" else f"{limits.max_entry_ratio:g}"}
