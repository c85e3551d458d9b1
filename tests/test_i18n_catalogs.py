"""The interface's catalogs cover every marked string in fr, es, ru and ar: none missing, none
untranslated, none fuzzy, every placeholder kept; and the check that says so catches each fault."""
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from lms_bridge.i18n import LANGUAGES
from lms_bridge.i18n_catalogs import TRANSLATED, extract, po_path, problems


def test_the_catalogs_cover_the_interface():
    found = problems()
    assert not found, f"{len(found)} problem(s); run `lms-bridge i18n update`, translate, " \
                      "then `lms-bridge i18n compile`:\n" + "\n".join(found[:40])


def test_every_interface_language_but_english_has_a_catalog():
    assert set(TRANSLATED) == set(LANGUAGES) - {"en"}
    assert all(po_path(code).exists() for code in TRANSLATED)


def test_the_extraction_finds_template_python_and_plural_strings():
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in extract() if m.id}
    assert {"Skip to content", "Signed in as %(name)s", "Preferred language",
            "Your account"} <= ids


def _template() -> Catalog:
    template = Catalog()
    for text in ("Save", "Signed in as %(name)s", "Missing here", "Fuzzy here"):
        template.add(text)
    template.add(("%(num)d learner", "%(num)d learners"))
    return template


def _write(folder, code, entries):
    catalog = Catalog(locale=code)
    for msgid, msgstr, flags in entries:
        if isinstance(msgstr, tuple):  # every plural form of the language
            msgstr = msgstr + (msgstr[-1],) * (catalog.num_plurals - len(msgstr))
        catalog.add(msgid, msgstr, flags=flags)
    path = po_path(code, folder)
    path.parent.mkdir(parents=True)
    with path.open("wb") as handle:
        write_po(handle, catalog)


def test_the_check_names_each_kind_of_fault(tmp_path):
    good = [("Save", "Enregistrer", ()), ("Signed in as %(name)s", "Connecté : %(name)s", ()),
            ("Missing here", "Manque", ()), ("Fuzzy here", "Flou", ()),
            (("%(num)d learner", "%(num)d learners"), ("%(num)d apprenant", "%(num)d apprenants"), ())]
    for code in TRANSLATED:
        entries = list(good)
        if code == "fr":
            entries = [("Save", "", ()), ("Signed in as %(name)s", "Connecté : %(nom)s", ()),
                       ("Fuzzy here", "Flou", ("fuzzy",)), good[4]]
        _write(tmp_path, code, entries)
    found = problems(tmp_path, _template())
    assert found == [
        "fr/LC_MESSAGES/messages.po: 'Save' is not translated",
        "fr/LC_MESSAGES/messages.po: 'Signed in as %(name)s': placeholders ['%(nom)s'] "
        "instead of ['%(name)s']",
        "fr/LC_MESSAGES/messages.po: 'Missing here' is missing",
        "fr/LC_MESSAGES/messages.po: 'Fuzzy here' is fuzzy: check the translation and remove the flag",
    ]
