"""Language editions: the edition code, the learner's edition, one published version per edition."""
import zipfile

import pytest
from sqlalchemy import select

from lms_bridge.catalog.editions import choose_edition, edition_name, normalise_edition
from lms_bridge.catalog.models import Module, PackageVersion, VersionState
from lms_bridge.catalog.operations import import_package, publish_version
from lms_bridge.catalog.queries import published_editions, published_version
from lms_bridge.db import db
from lms_bridge.errors import InvalidInput
from tests.catalog.packages import NS12, manifest_12, write_package


@pytest.mark.parametrize("published, language, country, expected", [
    (["en", "fr", "fr-SN"], "fr", "SN", "fr-SN"),      # the learner's national variant
    (["en", "fr", "fr-SN"], "fr", "CM", "fr"),         # another country: the language
    (["en", "fr"], "fr", None, "fr"),                  # no administration: the language
    (["en", "fr"], "ru", "RU", "en"),                  # no Russian edition: English
    (["fr", "ru"], "es", "ES", "fr"),                  # no English either: the first edition
    (["en-KE", "fr"], "en", "KE", "en-KE"),
    (["fr", "en-KE"], "en", "UG", "fr"),               # someone else's variant is not chosen
    (["fr", "en"], None, None, "en"),                  # no language known: English
    ([], "fr", "FR", None),                            # nothing published
])
def test_choose_edition(published, language, country, expected):
    assert choose_edition(published, language, country) == expected


def test_choose_edition_reads_a_regional_preference_as_its_language():
    assert choose_edition(["en", "fr"], "fr-CA", None) == "fr"


@pytest.mark.parametrize("text, code", [
    ("fr", "fr"), (" EN ", "en"), ("en-ke", "en-KE"), ("en_KE", "en-KE"), ("", None), (None, None),
    ("fra", None), ("en-KEN", None), ("<script>", None), ("fr-", None), ("../en", None),
    ("e1", None), ("en-K3", None),
])
def test_normalise_edition(text, code):
    assert normalise_edition(text) == code


def test_edition_names_are_in_their_own_language():
    assert [edition_name(c) for c in ("en", "fr", "ru", "en-KE")] == [
        "English", "Français", "Русский", "English (Kenya)"]
    assert edition_name("qq") == "qq"


def _package(path, title, language=None):
    lom = (f'<lom xmlns="http://ltsc.ieee.org/xsd/LOM"><general><language>{language}</language>'
           '</general></lom>' if language else "")
    manifest = manifest_12(title=title).replace("</schemaversion>", "</schemaversion>" + lom)
    return write_package(path, manifest, {"index.html": f"<html><body>{title}</body></html>"})


def test_publishing_replaces_only_the_same_edition(app, tmp_path):
    with app.app_context():
        en1 = import_package(_package(tmp_path / "a.zip", "One"), "tiny", None,
                             original_filename="a.zip", language="en").version
        fr1 = import_package(_package(tmp_path / "b.zip", "Un"), "tiny", None,
                             original_filename="b.zip", language="fr").version
        en2 = import_package(_package(tmp_path / "c.zip", "Two"), "tiny", None,
                             original_filename="c.zip", language="en").version
        for version in (en1, fr1, en2):
            publish_version(None, version.id)
        states = dict(db.session.execute(select(PackageVersion.number, PackageVersion.state)).all())
        assert states == {1: VersionState.RETIRED, 2: VersionState.PUBLISHED,
                          3: VersionState.PUBLISHED}
        module = db.session.get(Module, en1.module_id)
        assert {code: v.number for code, v in published_editions(module).items()} == {
            "en": 3, "fr": 2}
        assert published_version(module.id).number == 3
        assert published_version(module.id, "fr").number == 2
        assert published_version(module.id, "ru") is None


def test_the_edition_defaults_to_the_manifest_language_then_the_module_language(app, tmp_path):
    with app.app_context():
        first = import_package(_package(tmp_path / "a.zip", "Un", "fr-FR"), "tiny", None,
                               original_filename="a.zip").version
        assert first.language == "fr" and first.module.language == "fr"
        second = import_package(_package(tmp_path / "b.zip", "Deux"), "tiny", None,
                                original_filename="b.zip").version
        assert second.language == "fr"  # no language in its manifest: the module's


@pytest.mark.parametrize("hostile", ["<script>alert(1)</script>", "english", "en-KEN", "x" * 500])
def test_a_hostile_edition_is_refused_before_anything_is_stored(app, tmp_path, hostile):
    with app.app_context():
        with pytest.raises(InvalidInput) as refused:
            import_package(_package(tmp_path / "a.zip", "One"), "tiny", None,
                           original_filename="a.zip", language=hostile)
        assert "is not an edition code" in refused.value.message
        assert refused.value.details == [{"field": "language",
                                          "problem": "not an edition code (xx or xx-YY)"}]
        assert db.session.scalar(select(PackageVersion.id)) is None
