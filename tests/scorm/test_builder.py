"""Building SCORM zips from a module source: reproducible, complete, described, per language.

These tests build the per-lesson kind (one SCO per lesson); the single-unit kind, the default, is
in test_builder_single_unit.py."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree, html

from tests.scorm.module_source_fixture import ASSESSMENT_EN, ASSESSMENT_FR, MODULE_YAML, write_fixture_module
from scorm.builder import BuildError, ScormTarget, Units, build_package
from scorm.source import SourceError

NS = {
    "1.2": {"cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
            "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
            "md": "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"},
    "2004": {"cp": "http://www.imsglobal.org/xsd/imscp_v1p1",
             "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
             "imsss": "http://www.imsglobal.org/xsd/imsss",
             "lom": "http://ltsc.ieee.org/xsd/LOM"},
}
SCO_PAGES = ["01-reading-the-tariff.html", "02-interpretative-rules.html", "assessment.html"]
VERSIONS = ["1.2", "2004"]


def _build(*args, **kwargs) -> Path:
    return build_package(*args, units=Units.PER_LESSON, **kwargs)


def _manifest(zip_path: Path) -> etree._Element:
    with zipfile.ZipFile(zip_path) as archive:
        return etree.fromstring(archive.read("imsmanifest.xml"))


def _page(zip_path: Path, name: str) -> html.HtmlElement:
    with zipfile.ZipFile(zip_path) as archive:
        return html.document_fromstring(archive.read(name))


@pytest.fixture
def source(tmp_path):
    return write_fixture_module(tmp_path / "src")


@pytest.mark.parametrize("version", VERSIONS)
def test_same_sources_give_byte_identical_zips(tmp_path, source, version):
    first = _build(source, version, output_dir=tmp_path / "one")
    # A second copy written later: other paths and file times must not leak into the zip.
    copy = write_fixture_module(tmp_path / "copy")
    second = _build(copy, version, output_dir=tmp_path / "two")

    assert first.name == second.name
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize("version", VERSIONS)
def test_zip_entries_have_fixed_order_date_and_permissions(tmp_path, source, version):
    with zipfile.ZipFile(_build(source, version, output_dir=tmp_path)) as archive:
        infos = archive.infolist()

    names = [info.filename for info in infos]
    assert names[0] == "imsmanifest.xml" and names[1:] == sorted(names[1:])
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {info.external_attr >> 16 for info in infos} == {0o100644}


@pytest.mark.parametrize("version", VERSIONS)
def test_manifest_references_exactly_the_files_in_the_zip(tmp_path, source, version):
    path = _build(source, version, output_dir=tmp_path)
    manifest = _manifest(path)
    ns = NS[version]
    with zipfile.ZipFile(path) as archive:
        present = set(archive.namelist()) - {"imsmanifest.xml"}

    declared = {f.get("href") for f in manifest.iterfind(".//cp:file", ns)}
    launched = [r.get("href") for r in manifest.iterfind(".//cp:resource[@href]", ns)]
    assert declared == present
    assert launched == SCO_PAGES
    resource_ids = {r.get("identifier") for r in manifest.iterfind(".//cp:resource", ns)}
    referenced = {i.get("identifierref") for i in manifest.iterfind(".//cp:item", ns)} | \
        {d.get("identifierref") for d in manifest.iterfind(".//cp:dependency", ns)}
    assert referenced <= resource_ids


@pytest.mark.parametrize("version, scorm_type", [("1.2", "scormtype"), ("2004", "scormType")])
def test_one_sco_per_lesson_plus_the_assessment(tmp_path, source, version, scorm_type):
    manifest = _manifest(_build(source, version, output_dir=tmp_path))
    ns = NS[version]

    items = [i.findtext("cp:title", namespaces=ns) for i in manifest.iterfind(".//cp:item", ns)]
    types = [r.get(f"{{{ns['adlcp']}}}{scorm_type}") for r in manifest.iterfind(".//cp:resource", ns)]
    assert items == ["Reading the tariff", "The General Interpretative Rules",
                     "Check your understanding"]
    assert types == ["sco", "sco", "sco", "asset"]


def test_scorm_12_manifest_carries_metadata_and_mastery_score(tmp_path, source):
    manifest = _manifest(_build(source, "1.2", output_dir=tmp_path))
    ns = NS["1.2"]

    assert manifest.findtext("cp:metadata/cp:schemaversion", namespaces=ns) == "1.2"
    lom = manifest.find("cp:metadata/md:lom", ns)
    assert lom.findtext("md:general/md:title/md:langstring", namespaces=ns) == "Tiny module"
    assert lom.findtext("md:general/md:description/md:langstring", namespaces=ns) == \
        "A module for tests."
    assert lom.findtext("md:general/md:language", namespaces=ns) == "en"
    assert [k.text for k in lom.iterfind("md:general/md:keyword/md:langstring", ns)] == \
        ["tariff", "test"]
    assert lom.findtext("md:lifecycle/md:version/md:langstring", namespaces=ns) == "1.2.0"
    masteries = [m.text for m in manifest.iterfind(".//adlcp:masteryscore", ns)]
    assert masteries == ["70"]  # on the assessment item only
    assert manifest.find(".//cp:item[@identifier='item-assessment']/adlcp:masteryscore", ns) \
        is not None


def test_scorm_2004_manifest_carries_lom_and_scaled_passing_score(tmp_path, source):
    manifest = _manifest(_build(source, "2004", output_dir=tmp_path))
    ns = NS["2004"]

    assert manifest.findtext("cp:metadata/cp:schemaversion", namespaces=ns) == "2004 4th Edition"
    general = manifest.find("cp:metadata/lom:lom/lom:general", ns)
    assert general.findtext("lom:title/lom:string", namespaces=ns) == "Tiny module"
    assert general.findtext("lom:description/lom:string", namespaces=ns) == "A module for tests."
    assert general.findtext("lom:language", namespaces=ns) == "en"
    assert [k.text for k in general.iterfind("lom:keyword/lom:string", ns)] == ["tariff", "test"]
    assert manifest.findtext(".//lom:lifeCycle/lom:version/lom:string", namespaces=ns) == "1.2.0"
    assert manifest.findtext(".//lom:typicalLearningTime/lom:duration", namespaces=ns) == "PT1H30M"
    primary = manifest.find(".//cp:item[@identifier='item-assessment']//imsss:primaryObjective",
                            ns)
    assert primary.get("satisfiedByMeasure") == "true"
    assert primary.findtext("imsss:minNormalizedMeasure", namespaces=ns) == "0.7"
    lesson_rollup = manifest.find(".//cp:item[@identifier='item-01-reading-the-tariff']"
                                  "//imsss:rollupRules", ns)
    assert lesson_rollup.get("rollupObjectiveSatisfied") == "false"


@pytest.mark.parametrize("rule, lesson_completion, root_rules", [
    ("CompletedAndPassed", "true", 0),
    ("Passed", "false", 0),
    ("CompletedOrPassed", "true", 3),
])
def test_completion_rule_shapes_the_2004_rollup(tmp_path, rule, lesson_completion, root_rules):
    module_yaml = MODULE_YAML.replace("CompletedAndPassed", rule)
    source = write_fixture_module(tmp_path / "src", {"module.yaml": module_yaml})
    manifest = _manifest(_build(source, "2004", output_dir=tmp_path))
    ns = NS["2004"]

    lesson = manifest.find(".//cp:item[@identifier='item-01-reading-the-tariff']"
                           "//imsss:rollupRules", ns)
    assert lesson.get("rollupProgressCompletion") == lesson_completion
    assert len(manifest.findall("cp:organizations/cp:organization/imsss:sequencing/"
                                "imsss:rollupRules/imsss:rollupRule", ns)) == root_rules


@pytest.mark.parametrize("version", VERSIONS)
def test_every_page_is_accessible_html_in_its_language(tmp_path, source, version):
    path = _build(source, version, language="fr", output_dir=tmp_path)

    for name in SCO_PAGES:
        page = _page(path, name)
        assert page.get("lang") == "fr", name
        assert len(page.findall(".//h1")) == 1, name
        assert page.find(".//meta[@name='viewport']") is not None
        assert all(img.get("alt") for img in page.iter("img")), name
        labelled = {label.get("for") for label in page.iter("label")}
        controls = [c for c in page.iter("input", "select") if c.get("type") != "hidden"]
        assert all(c.get("id") in labelled for c in controls), name
        # No inline code: the package must run under a strict Content-Security-Policy.
        assert all(s.get("src") or s.get("type") == "application/json"
                   for s in page.iter("script")), name
        assert not [e for e in page.iter() if e.get("style") or e.tag == "style"], name


def test_lesson_page_ends_with_a_keyboard_operable_completion_button(tmp_path, source):
    page = _page(_build(source, "2004", output_dir=tmp_path), SCO_PAGES[0])

    button = page.get_element_by_id("lmsb-complete")
    assert button.tag == "button" and button.get("type") == "button"
    assert page.find(".//img").get("alt") == "A tariff heading: four digits"
    assert page.find(".//th").get("scope") == "col"


def test_assessment_page_has_one_fieldset_with_legend_per_question(tmp_path, source):
    page = _page(_build(source, "1.2", output_dir=tmp_path), "assessment.html")

    fieldsets = page.findall(".//fieldset")
    assert [f.get("data-question") for f in fieldsets] == \
        ["q-single", "q-multiple", "q-true-false", "q-numeric", "q-fill-in", "q-matching"]
    assert all(f.find("legend") is not None for f in fieldsets)


@pytest.mark.parametrize("language, title, page_title", [
    (None, "Tiny module", "Reading the tariff"),
    ("en", "Tiny module", "Reading the tariff"),
    ("fr", "Petit module", "Lire le tarif"),
])
def test_language_selects_the_edition(tmp_path, source, language, title, page_title):
    path = _build(source, "2004", language=language, output_dir=tmp_path)
    ns = NS["2004"]
    manifest = _manifest(path)

    assert path.name == f"tiny-module-1.2.0-{language or 'en'}-scorm2004-per-lesson.zip"
    assert manifest.findtext(".//cp:organization/cp:title", namespaces=ns) == title
    assert manifest.findtext(".//lom:general/lom:language", namespaces=ns) == (language or "en")
    assert _page(path, SCO_PAGES[0]).findtext(".//h1") == page_title


def test_french_and_english_builds_have_the_same_structure(tmp_path, source):
    english = _build(source, "1.2", language="en", output_dir=tmp_path)
    french = _build(source, "1.2", language="fr", output_dir=tmp_path)

    with zipfile.ZipFile(english) as en, zipfile.ZipFile(french) as fr:
        assert en.namelist() == fr.namelist()
        assert en.read("01-reading-the-tariff.html") != fr.read("01-reading-the-tariff.html")


def test_module_without_assessment_has_only_lesson_scos(tmp_path):
    module_yaml = MODULE_YAML.replace("mastery_score: 70\n", "") \
        .replace("CompletedAndPassed", "Completed")
    source = write_fixture_module(tmp_path / "src", {
        "module.yaml": module_yaml, "en/assessment.yaml": None, "fr/assessment.yaml": None})

    path = _build(source, "1.2", output_dir=tmp_path)

    with zipfile.ZipFile(path) as archive:
        assert "assessment.html" not in archive.namelist()
    assert _manifest(path).find(".//{*}masteryscore") is None


def test_ungraded_self_check_sends_no_pass_mark(tmp_path):
    module_yaml = MODULE_YAML.replace("mastery_score: 70\n", "") \
        .replace("CompletedAndPassed", "Completed")
    source = write_fixture_module(tmp_path / "src", {
        "module.yaml": module_yaml,
        "en/assessment.yaml": ASSESSMENT_EN.replace("graded: true", "graded: false"),
        "fr/assessment.yaml": ASSESSMENT_FR.replace("graded: true", "graded: false")})

    manifest = _manifest(_build(source, "2004", output_dir=tmp_path))

    assert manifest.find(".//{*}minNormalizedMeasure") is None
    # nothing to pass: every item counts towards satisfaction, so "all children satisfied"
    # never holds over an empty set of children and the module is never reported passed
    rollups = manifest.findall(".//{*}item//{*}rollupRules")
    assert rollups and {r.get("rollupObjectiveSatisfied") for r in rollups} == {"true"}


@pytest.mark.parametrize("version, language, message", [
    ("3.0", None, "unknown SCORM version"),
    ("2004", "de", "no 'de' edition"),
])
def test_bad_version_or_language_is_a_build_error(tmp_path, source, version, language, message):
    with pytest.raises(BuildError, match=message):
        _build(source, version, language=language, output_dir=tmp_path)


def test_broken_sources_stop_the_build_before_writing(tmp_path):
    source = write_fixture_module(tmp_path / "src", {"fr/assessment.yaml": None})

    with pytest.raises(SourceError, match="en/assessment.yaml:1"):
        _build(source, ScormTarget.SCORM_12, output_dir=tmp_path / "out")
    assert not (tmp_path / "out").exists()


@pytest.mark.corpus
def test_2004_manifest_is_valid_against_the_adl_schemas(tmp_path, source, scorm_corpus):
    xsd = scorm_corpus / "adl-cts-2004-4th" / "_xsd"
    imports = [("http://www.w3.org/XML/1998/namespace", "xml.xsd"),
               (NS["2004"]["cp"], "imscp_v1p1.xsd"), (NS["2004"]["adlcp"], "adlcp_v1p3.xsd"),
               ("http://www.adlnet.org/xsd/adlseq_v1p3", "adlseq_v1p3.xsd"),
               ("http://www.adlnet.org/xsd/adlnav_v1p3", "adlnav_v1p3.xsd"),
               (NS["2004"]["imsss"], "imsss_v1p0.xsd"), (NS["2004"]["lom"], "lom.xsd")]
    # One schema importing ADL's local copies, xml.xsd first so that nothing is fetched online.
    wrapper = '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">' + "".join(
        f'<xs:import namespace="{ns}" schemaLocation="{(xsd / name).as_uri()}"/>'
        for ns, name in imports) + "</xs:schema>"
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    schema = etree.XMLSchema(etree.fromstring(wrapper.encode(), parser))
    manifest = _manifest(_build(source, "2004", output_dir=tmp_path))

    assert schema.validate(manifest), schema.error_log
    manifest.find(".//imsss:minNormalizedMeasure", NS["2004"]).text = "70"  # must be -1..1
    assert not schema.validate(manifest)
