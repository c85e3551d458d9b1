"""A module source as a zip (``scorm.source.archive``) and what changed between two sources
(``scorm.source.compare``); the language-folder check of ``load_module_source``."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from scorm.archive import ArchiveError, ArchiveLimits
from scorm.source import SourceError, load_module_source
from scorm.source.archive import pack_source, unpack_source
from scorm.source.compare import ChangeKind, DiffLineKind, compare_sources
from tests.scorm.module_source_fixture import LESSON_EN_2, write_fixture_module


def _zip(entries: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _unpack(tmp_path: Path, data: bytes, limits: ArchiveLimits = ArchiveLimits()) -> Path:
    (tmp_path / "upload.zip").write_bytes(data)
    (tmp_path / "work").mkdir()
    return unpack_source(tmp_path / "upload.zip", tmp_path / "work", "tiny-module", limits)


def test_pack_is_reproducible_and_round_trips(tmp_path):
    source = write_fixture_module(tmp_path / "a")
    first = pack_source(source, "tiny-module")
    (source / "module.yaml").touch()  # a new modification time changes nothing
    assert pack_source(source, "tiny-module") == first
    names = zipfile.ZipFile(io.BytesIO(first)).namelist()
    assert names == sorted(names) and names[0].startswith("tiny-module/")
    unpacked = _unpack(tmp_path, first)
    assert load_module_source(unpacked).slug == "tiny-module"
    assert pack_source(unpacked, "tiny-module") == first


def test_a_zip_of_the_folder_contents_is_accepted_too(tmp_path):
    source = write_fixture_module(tmp_path / "a")
    flat = {path.relative_to(source).as_posix(): path.read_bytes()
            for path in source.rglob("*") if path.is_file()}
    assert load_module_source(_unpack(tmp_path, _zip(flat))).languages == ("en", "fr")


def test_a_zip_without_module_yaml_says_so(tmp_path):
    with pytest.raises(SourceError) as caught:
        _unpack(tmp_path, _zip({"readme.txt": "hello", "other/x.md": "# x"}))
    assert "no module.yaml" in str(caught.value)


@pytest.mark.parametrize("entries, code", [
    ({"tiny-module/module.yaml": "x", "../evil.txt": "x"}, "archive.traversal"),
    ({"tiny-module/module.yaml": "x", "/etc/evil.txt": "x"}, "archive.absolute_path"),
    ({"module.yaml": "x", "big.txt": b"\0" * (4 * 1024 * 1024)}, "archive.ratio_bomb"),
])
def test_unsafe_zips_are_refused_as_for_packages(tmp_path, entries, code):
    with pytest.raises(ArchiveError) as caught:
        _unpack(tmp_path, _zip(entries))
    assert caught.value.code == code
    assert list((tmp_path / "work").iterdir()) == []  # nothing left behind


def test_not_a_zip_is_refused(tmp_path):
    with pytest.raises(ArchiveError) as caught:
        _unpack(tmp_path, b"just text")
    assert caught.value.code == "archive.not_zip"


def test_a_language_folder_missing_from_module_yaml_is_an_error(tmp_path):
    source = write_fixture_module(tmp_path, {"es/lessons/01-leer-el-arancel.md": "# Leer\n"})
    with pytest.raises(SourceError) as caught:
        load_module_source(source)
    [finding] = caught.value.errors
    assert finding.file == "es/" and "not in module.yaml's 'languages' (en, fr)" in finding.message


def test_compare_lists_added_removed_and_changed_files_with_a_line_diff(tmp_path):
    old = write_fixture_module(tmp_path / "old")
    new = write_fixture_module(tmp_path / "new", {
        "en/lessons/02-interpretative-rules.md": LESSON_EN_2.replace("GIR 1", "GIR 1 (Kenya)"),
        "fr/assessment.yaml": None, "images/kenya.png": "\x89PNG"})
    changes = {change.name: change for change in compare_sources(old, new)}
    assert {name: c.kind for name, c in changes.items()} == {
        "en/lessons/02-interpretative-rules.md": ChangeKind.CHANGED,
        "fr/assessment.yaml": ChangeKind.REMOVED, "images/kenya.png": ChangeKind.ADDED}
    lines = changes["en/lessons/02-interpretative-rules.md"].lines
    assert [(line.kind, line.text) for line in lines if line.kind in
            (DiffLineKind.ADDED, DiffLineKind.REMOVED)] == [
        (DiffLineKind.REMOVED, "Apply GIR 1 first."),
        (DiffLineKind.ADDED, "Apply GIR 1 (Kenya) first.")]
    assert not changes["images/kenya.png"].is_text and changes["images/kenya.png"].lines == ()
    assert compare_sources(old, old) == []


SVG_HEAD = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n'


@pytest.mark.parametrize("body, problem", [
    ('<script>alert(1)</script>', "may not contain <script>"),
    ('<rect width="1" height="1" onload="alert(1)"/>', "remove the onload attribute"),
    ('<a xlink:href="java\tscript:alert(1)"><text>x</text></a>', "is a script address"),
    ('<animate attributeName="href" values="#a;javascript:alert(1)"/>', "is a script address"),
    ('<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject>',
     "may not contain <foreignObject>"),
])
def test_a_picture_that_carries_script_is_refused_with_its_line(tmp_path, body, problem):
    source = write_fixture_module(tmp_path, {"images/heading.svg": SVG_HEAD + body + "\n</svg>\n"})
    with pytest.raises(SourceError) as caught:
        load_module_source(source)
    [finding] = caught.value.errors
    assert (finding.file, finding.line) == ("images/heading.svg", 2) and problem in finding.message


def test_a_picture_with_a_doctype_is_refused(tmp_path):
    svg = '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY x "y">]>\n' + SVG_HEAD + "</svg>\n"
    with pytest.raises(SourceError) as caught:
        load_module_source(write_fixture_module(tmp_path, {"images/heading.svg": svg}))
    assert "cannot be read safely" in caught.value.errors[0].message


def test_the_shipped_pictures_pass():
    for slug in ("hs-classification", "customs-valuation", "blended-prerequisites"):
        load_module_source(Path(__file__).resolve().parents[2] / "packages" / slug)


@pytest.mark.parametrize("name", ["en/lessons/02-interpretative-rules.md", "en/assessment.yaml"])
def test_a_file_that_is_not_utf8_is_refused_at_the_line_of_the_bad_byte(tmp_path, name):
    source = write_fixture_module(tmp_path)
    text = (source / name).read_bytes().split(b"\n")
    text[2] = text[2] + " caf\xe9".encode("latin-1")  # Latin-1, not UTF-8, on line 3
    (source / name).write_bytes(b"\n".join(text))
    with pytest.raises(SourceError) as caught:
        load_module_source(source)
    [finding] = [f for f in caught.value.errors if f.file == name]
    assert finding.line == 3 and "not UTF-8 text" in finding.message
