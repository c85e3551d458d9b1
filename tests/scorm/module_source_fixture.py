"""A small, complete two-language module source written into a test's tmp_path.

Each file is a dict entry so that a test can replace one file (or one line of it) to break it.
"""
from __future__ import annotations

from pathlib import Path

MODULE_YAML = """\
slug: tiny-module
version: 1.2.0
topic: HS classification
languages: [en, fr]
title: {en: "Tiny module", fr: "Petit module"}
description: {en: "A module for tests.", fr: "Un module pour les tests."}
keywords: {en: [tariff, test], fr: [tarif, test]}
mastery_score: 70
completion_rule: CompletedAndPassed
typical_duration_minutes: 90
"""

LESSON_EN_1 = """\
# Reading the tariff

The **Harmonized System** has sections, chapters and headings.

![A tariff heading: four digits](images/heading.svg)

## Headings

| Level | Digits |
|---|---|
| Chapter | 2 |
| Heading | 4 |
"""

LESSON_EN_2 = """\
# The General Interpretative Rules

Apply GIR 1 first.
"""

LESSON_FR_1 = """\
# Lire le tarif

Le **Système harmonisé** comporte des sections, des chapitres et des positions.

![Une position tarifaire : quatre chiffres](images/heading.svg)
"""

LESSON_FR_2 = """\
# Les règles générales interprétatives

Appliquez d'abord la RGI 1.
"""

ASSESSMENT_EN = """\
title: "Check your understanding"
instructions: "Answer every question."
graded: true
questions:
  - id: q-single
    type: single_choice
    prompt: "How many digits has a heading?"
    choices:
      - {id: a, text: "Two"}
      - {id: b, text: "Four", correct: true}
    feedback: {correct: "Yes.", incorrect: "A heading has four digits."}
  - id: q-multiple
    type: multiple_choice
    prompt: "Which are levels of the HS?"
    choices:
      - {id: a, text: "Chapter", correct: true}
      - {id: b, text: "Heading", correct: true}
      - {id: c, text: "Invoice"}
    points: 2
  - id: q-true-false
    type: true_false
    prompt: "GIR 1 comes first."
    answer: true
  - id: q-numeric
    type: numeric
    prompt: "How many chapters (roughly)?"
    answer: 97
    tolerance: 1
  - id: q-fill-in
    type: fill_in
    prompt: "A four-digit code is a ..."
    accepted: ["heading", "headings"]
  - id: q-matching
    type: matching
    prompt: "Match each level with its digits."
    pairs:
      - {source: "Chapter", target: "2 digits"}
      - {source: "Heading", target: "4 digits"}
"""

ASSESSMENT_FR = """\
title: "Vérifiez vos connaissances"
instructions: "Répondez à chaque question."
graded: true
questions:
  - id: q-single
    type: single_choice
    prompt: "Combien de chiffres a une position ?"
    choices:
      - {id: a, text: "Deux"}
      - {id: b, text: "Quatre", correct: true}
  - id: q-multiple
    type: multiple_choice
    prompt: "Lesquels sont des niveaux du SH ?"
    choices:
      - {id: a, text: "Chapitre", correct: true}
      - {id: b, text: "Position", correct: true}
      - {id: c, text: "Facture"}
    points: 2
  - id: q-true-false
    type: true_false
    prompt: "La RGI 1 s'applique d'abord."
    answer: true
  - id: q-numeric
    type: numeric
    prompt: "Combien de chapitres (environ) ?"
    answer: 97
    tolerance: 1
  - id: q-fill-in
    type: fill_in
    prompt: "Un code à quatre chiffres est une ..."
    accepted: ["position"]
  - id: q-matching
    type: matching
    prompt: "Associez chaque niveau à ses chiffres."
    pairs:
      - {source: "Chapitre", target: "2 chiffres"}
      - {source: "Position", target: "4 chiffres"}
"""

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
       '<rect width="10" height="10"/></svg>\n')

FILES = {
    "module.yaml": MODULE_YAML,
    "images/heading.svg": SVG,
    "en/lessons/01-reading-the-tariff.md": LESSON_EN_1,
    "en/lessons/02-interpretative-rules.md": LESSON_EN_2,
    "en/assessment.yaml": ASSESSMENT_EN,
    "fr/lessons/01-lire-le-tarif.md": LESSON_FR_1,
    "fr/lessons/02-regles-interpretatives.md": LESSON_FR_2,
    "fr/assessment.yaml": ASSESSMENT_FR,
}


def write_fixture_module(parent: Path, changes: dict[str, str | None] | None = None,
                         slug: str = "tiny-module") -> Path:
    """Write the fixture module under ``parent/slug``; ``changes`` replaces (or, None, drops) files."""
    files = {**FILES, **(changes or {})}
    root = parent / slug
    for name, text in files.items():
        if text is None:
            continue
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
