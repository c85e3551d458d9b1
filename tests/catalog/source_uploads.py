"""Module source zips for the upload tests: the fixture module, edited into a new language
edition or a national variant, or broken in one way each."""
from __future__ import annotations

import io
import warnings
import zipfile

from tests.scorm.module_source_fixture import (ASSESSMENT_EN, FILES, LESSON_EN_1, LESSON_EN_2,
                                               MODULE_YAML)

SLUG = "tiny-module"


def zip_of(files: dict, folder: str | None = SLUG) -> bytes:
    """A zip of ``files`` (name -> text, bytes or a ZipInfo-and-data pair) under ``folder/``."""
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicates made on purpose
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in files.items():
                if isinstance(data, tuple):
                    archive.writestr(*data)
                elif data is not None:
                    archive.writestr(f"{folder}/{name}" if folder else name, data)
    return buffer.getvalue()


def with_edition(code: str, lesson_note: str = "") -> dict:
    """The fixture's files plus edition ``code`` (its folder a copy of English, ``lesson_note``
    added to its first lesson)."""
    module_yaml = (MODULE_YAML.replace("languages: [en, fr]", f"languages: [en, fr, {code}]")
                   .replace('fr: "Petit module"}', f'fr: "Petit module", {code}: "Module {code}"}}')
                   .replace('fr: "Un module pour les tests."}',
                            f'fr: "Un module pour les tests.", {code}: "Tests {code}."}}')
                   .replace("fr: [tarif, test]}", f"fr: [tarif, test], {code}: [test]}}"))
    return {**FILES, "module.yaml": module_yaml,
            f"{code}/lessons/01-reading-the-tariff.md": LESSON_EN_1 + lesson_note,
            f"{code}/lessons/02-interpretative-rules.md": LESSON_EN_2,
            f"{code}/assessment.yaml": ASSESSMENT_EN}


def _symlink() -> tuple:
    info = zipfile.ZipInfo(f"{SLUG}/images/link.svg")
    info.create_system = 3
    info.external_attr = 0o120777 << 16
    return (info, "/etc/passwd")


GOOD = with_edition("es")
# (name, zip bytes, texts the refusal must show)
BROKEN = [
    ("broken-yaml", zip_of({**GOOD, "module.yaml": GOOD["module.yaml"].replace(
        "topic: HS classification", "topic: [HS classification")}),
     ["module.yaml:", "not valid YAML"]),
    ("missing-image", zip_of({**GOOD, "es/lessons/02-interpretative-rules.md":
                              LESSON_EN_2 + "\n![A map of Kenya](images/kenya.svg)\n"}),
     ["es/lessons/02-interpretative-rules.md:5", "missing image: images/kenya.svg"]),
    ("unknown-question-type", zip_of({**GOOD, "es/assessment.yaml": ASSESSMENT_EN.replace(
        "type: single_choice", "type: yes_no")}),
     ["es/assessment.yaml:6", "unknown type &#39;yes_no&#39;"]),
    ("traversal", zip_of({**GOOD, "../x.md": "x"}), ["archive.traversal", "../x.md"]),
    ("absolute-path", zip_of({**GOOD, "abs": ("/etc/x.md", "x")}),
     ["archive.absolute_path", "/etc/x.md"]),
    ("symlink", zip_of({**GOOD, "link": _symlink()}), ["archive.symlink", "images/link.svg"]),
    ("zip-bomb", zip_of({**GOOD, "images/big.svg": b"\0" * (4 * 1024 * 1024)}),
     ["archive.ratio_bomb", "zip bomb"]),
    ("duplicate", zip_of({**GOOD, "again": (f"{SLUG}/module.yaml", "slug: x")}),
     ["archive.duplicate"]),
    ("not-a-zip", b"this is not a zip file", ["archive.not_zip"]),
    ("language-not-declared", zip_of({**FILES, "es/lessons/01-leer.md": "# Leer\n"}),
     ["es/", "not in module.yaml&#39;s &#39;languages&#39;"]),
    ("edition-not-declared", zip_of(FILES),
     ["module.yaml:4", "the edition&#39;s language &#39;es&#39; is not in &#39;languages&#39;"]),
    ("scripted-picture", zip_of({**GOOD, "images/heading.svg":
                                 '<svg xmlns="http://www.w3.org/2000/svg">\n'
                                 '<script>alert(1)</script>\n</svg>\n'}),
     ["images/heading.svg:2", "may not contain &lt;script&gt;"]),
    ("no-module-yaml", zip_of({"notes.txt": "hello"}), ["no module.yaml"]),
]
