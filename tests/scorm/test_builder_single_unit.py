"""The single-unit build (the default): the whole module as one SCO, one page, its own navigation."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from lxml import etree, html

from scorm.builder import BuildError, Units, build_package
from scorm.builder.module_page import prefix_ids
from scorm.builder.text import INTERFACE_TEXT
from tests.scorm.module_source_fixture import (ASSESSMENT_EN, ASSESSMENT_FR, MODULE_YAML,
                                               write_fixture_module)

VERSIONS = ["1.2", "2004"]


@pytest.fixture
def source(tmp_path):
    return write_fixture_module(tmp_path / "src")


def _read(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name)


def _config(page: html.HtmlElement) -> dict:
    return json.loads(page.get_element_by_id("lmsb-config").text)


def test_the_default_build_is_single_unit_and_named_without_a_suffix(tmp_path, source):
    single = build_package(source, "2004", output_dir=tmp_path)
    per_lesson = build_package(source, "2004", output_dir=tmp_path, units="per-lesson")

    assert single.name == "tiny-module-1.2.0-en-scorm2004.zip"
    assert per_lesson.name == "tiny-module-1.2.0-en-scorm2004-per-lesson.zip"
    with zipfile.ZipFile(single) as archive:
        assert "index.html" in archive.namelist()
        assert "01-reading-the-tariff.html" not in archive.namelist()


@pytest.mark.parametrize("version, scorm_type", [
    ("1.2", "{http://www.adlnet.org/xsd/adlcp_rootv1p2}scormtype"),
    ("2004", "{http://www.adlnet.org/xsd/adlcp_v1p3}scormType")])
def test_one_item_one_sco_launching_index_html(tmp_path, source, version, scorm_type):
    path = build_package(source, version, output_dir=tmp_path)
    manifest = etree.fromstring(_read(path, "imsmanifest.xml"))
    items = manifest.findall(".//{*}organization/{*}item")
    resources = manifest.findall(".//{*}resource")

    assert [i.findtext("{*}title") for i in items] == ["Tiny module"]
    assert [(r.get("href"), r.get(scorm_type)) for r in resources] == \
        [("index.html", "sco"), (None, "asset")]
    declared = {f.get("href") for f in manifest.iterfind(".//{*}file")}
    with zipfile.ZipFile(path) as archive:
        assert declared == set(archive.namelist()) - {"imsmanifest.xml"}


def test_the_one_sco_carries_the_pass_mark_of_a_graded_module(tmp_path, source):
    m12 = etree.fromstring(_read(build_package(source, "1.2", output_dir=tmp_path), "imsmanifest.xml"))
    m2004 = etree.fromstring(_read(build_package(source, "2004", output_dir=tmp_path),
                                   "imsmanifest.xml"))

    assert m12.findtext(".//{*}item[@identifier='item-module']/{*}masteryscore") == "70"
    primary = m2004.find(".//{*}item[@identifier='item-module']//{*}primaryObjective")
    assert primary.get("satisfiedByMeasure") == "true"
    assert primary.findtext("{*}minNormalizedMeasure") == "0.7"


@pytest.mark.parametrize("version", VERSIONS)
def test_an_ungraded_module_carries_no_pass_mark(tmp_path, version):
    module_yaml = MODULE_YAML.replace("mastery_score: 70\n", "").replace("CompletedAndPassed",
                                                                          "Completed")
    source = write_fixture_module(tmp_path / "src", {
        "module.yaml": module_yaml,
        "en/assessment.yaml": ASSESSMENT_EN.replace("graded: true", "graded: false"),
        "fr/assessment.yaml": ASSESSMENT_FR.replace("graded: true", "graded: false")})
    path = build_package(source, version, output_dir=tmp_path)
    manifest = etree.fromstring(_read(path, "imsmanifest.xml"))

    assert manifest.find(".//{*}masteryscore") is None
    assert manifest.find(".//{*}minNormalizedMeasure") is None
    config = _config(html.document_fromstring(_read(path, "index.html")))
    assert config["assessment"]["graded"] is False and config["assessment"]["masteryScore"] is None


@pytest.mark.parametrize("version", VERSIONS)
def test_same_sources_give_byte_identical_single_unit_zips(tmp_path, source, version):
    first = build_package(source, version, output_dir=tmp_path / "one")
    copy = write_fixture_module(tmp_path / "copy")
    assert first.read_bytes() == build_package(copy, version, output_dir=tmp_path / "two").read_bytes()


def test_the_page_holds_every_lesson_and_the_assessment_as_parts(tmp_path, source):
    page = html.document_fromstring(_read(build_package(source, "2004", language="fr",
                                                        output_dir=tmp_path), "index.html"))
    parts = page.find_class("lmsb-part")

    assert page.get("lang") == "fr"
    assert [p.get("data-kind") for p in parts] == ["lesson", "lesson", "assessment"]
    assert [p.find(".//h1").text_content() for p in parts] == \
        ["Lire le tarif", "Les règles générales interprétatives", "Vérifiez vos connaissances"]
    assert all(p.get("hidden") is not None for p in parts)  # the runtime shows one at a time
    toc = [b.text_content() for b in page.find_class("lmsb-toc-link")]
    assert toc[0].startswith("Lire le tarif") and len(toc) == 3
    assert page.get_element_by_id("lmsb-previous").text == "Précédent"
    assert len(page.find_class("lmsb-complete")) == 2
    ids = [e.get("id") for e in page.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    config = _config(page)
    assert config["kind"] == "module" and config["rule"] == "CompletedAndPassed"
    assert [lesson["id"] for lesson in config["lessons"]] == ["01-reading-the-tariff",
                                                              "02-interpretative-rules"]
    assert config["text"]["lms_refused"].startswith("La plateforme de formation a refusé")
    # No inline code: the package must run under a strict Content-Security-Policy.
    assert all(s.get("src") or s.get("type") == "application/json" for s in page.iter("script"))
    assert not [e for e in page.iter() if e.get("style") or e.tag == "style"]


def test_each_lessons_ids_and_the_references_to_them_get_the_lessons_prefix():
    fragment = ('<h2 id="scope">Scope</h2><p data-id="x"><a href="#scope">up</a> '
                '<a href="https://example.org/#scope">out</a><sup id="fnref:1">'
                '<a class="footnote-ref" href="#fn:1">1</a></sup></p>'
                "<label for='q'>Q</label><input id='q' aria-describedby='scope fnref:1'>")

    assert prefix_ids(fragment, "l2-") == (
        '<h2 id="l2-scope">Scope</h2><p data-id="x"><a href="#l2-scope">up</a> '
        '<a href="https://example.org/#scope">out</a><sup id="l2-fnref:1">'
        '<a class="footnote-ref" href="#l2-fn:1">1</a></sup></p>'
        "<label for='l2-q'>Q</label><input id='l2-q' aria-describedby='l2-scope l2-fnref:1'>")


@pytest.mark.parametrize("language", ["en", "fr", "es", "ru", "ar"])
def test_every_interface_language_has_every_word(language):
    assert set(INTERFACE_TEXT[language]) == set(INTERFACE_TEXT["en"])
    assert "{code}" in INTERFACE_TEXT[language]["lms_refused"]


def test_an_unknown_unit_choice_is_a_build_error(tmp_path, source):
    with pytest.raises(BuildError, match="unknown unit choice 'chapters': use single or per-lesson"):
        build_package(source, "2004", output_dir=tmp_path, units="chapters")
    assert Units.parse("per-lesson") is Units.PER_LESSON
