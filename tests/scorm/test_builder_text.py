"""The built pages' own interface words: every language has every English word, with the same
placeholders, and a right-to-left language makes right-to-left pages."""
from __future__ import annotations

import string
import zipfile

import pytest
from lxml import html

from scorm.builder import Units, build_package
from scorm.builder.text import INTERFACE_TEXT, interface_text, text_direction
from tests.scorm.module_source_fixture import FILES, MODULE_YAML, write_fixture_module

TRANSLATIONS = sorted(set(INTERFACE_TEXT) - {"en"})


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def test_the_network_languages_have_tables():
    assert {"en", "fr", "es", "ru", "ar"} <= set(INTERFACE_TEXT)


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_each_table_has_exactly_the_english_words(language):
    english, table = INTERFACE_TEXT["en"], INTERFACE_TEXT[language]
    assert sorted(set(english) - set(table)) == [], "missing words"
    assert sorted(set(table) - set(english)) == [], "words English does not have"


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_each_word_keeps_the_english_placeholders(language):
    broken = {key: sorted(_placeholders(text))
              for key, text in INTERFACE_TEXT[language].items()
              if _placeholders(text) != _placeholders(INTERFACE_TEXT["en"][key])}
    assert broken == {}


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_no_word_is_left_in_english_or_empty(language):
    # Words that are the same in English and another language by nature ("Question {n}", ", ").
    shared = {"question", "point_one", "point_many", "list_separator"}
    same = [key for key, text in INTERFACE_TEXT[language].items()
            if not text.strip() or (text == INTERFACE_TEXT["en"][key] and key not in shared)]
    assert same == []


def test_a_regional_code_gets_its_base_language_and_direction():
    assert interface_text("ru-RU") is INTERFACE_TEXT["ru"]
    assert interface_text("ar-EG") is INTERFACE_TEXT["ar"]
    assert interface_text("pt-BR") is INTERFACE_TEXT["en"]
    assert [text_direction(c) for c in ("ar", "ar-MA", "ru", "en")] == ["rtl", "rtl", "ltr", "ltr"]


def _arabic_source(tmp_path):
    """The fixture module with an Arabic edition (its lessons may stay English for this test)."""
    module = MODULE_YAML.replace("[en, fr]", "[en, ar]").replace("fr: ", "ar: ")
    arabic = {name.replace("en/", "ar/", 1): text for name, text in FILES.items()
              if name.startswith("en/")}
    dropped = {name: None for name in FILES if name.startswith("fr/")}
    return write_fixture_module(tmp_path / "src", {"module.yaml": module, **arabic, **dropped})


@pytest.mark.parametrize("units, page_name", [(Units.SINGLE, "index.html"),
                                              (Units.PER_LESSON, None)])
def test_an_arabic_build_is_right_to_left_with_arabic_interface_words(tmp_path, units, page_name):
    path = build_package(_arabic_source(tmp_path), "2004", language="ar", output_dir=tmp_path,
                         units=units)
    with zipfile.ZipFile(path) as archive:
        names = [page_name] if page_name else [n for n in archive.namelist()
                                               if n.endswith(".html")]
        pages = [html.document_fromstring(archive.read(name)) for name in names]

    assert pages
    for page in pages:
        assert (page.get("lang"), page.get("dir")) == ("ar", "rtl")
        assert page.find_class("lmsb-skip")[0].text_content() == INTERFACE_TEXT["ar"]["skip"]
