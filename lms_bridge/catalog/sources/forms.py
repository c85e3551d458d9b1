"""The upload form of a module source (Flask-WTF: it carries a CSRF token)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Regexp

SHIPPED = "shipped"  # the based-on choice of the module's source in packages/ (never an id)


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class SourceUploadForm(FlaskForm):
    """A source zip, the edition it is (language, and a country for a national variant) and the
    source it was made from. The view fills the country and based-on choices."""

    # The file is checked by the operation (a clear 400 when missing, 422 when refused).
    source = FileField(_l("Module source (.zip)"))
    language = StringField(_l("Language code (e.g. es, fr, en)"), filters=[_strip],
                           validators=[DataRequired(message=_l("Give the edition's language.")),
                                       Regexp(r"^[a-z]{2}$", message=_l(
                                           "Write a language code of two lower-case letters, "
                                           "such as es."))])
    country = SelectField(_l("Country, for a national variant"))
    based_on = SelectField(_l("Made from"))

    def with_choices(self, shipped_slug: str | None, uploads, countries,
                     language_editions: bool = True) -> "SourceUploadForm":
        """Fill the choices: the shipped source (if any) and earlier uploads; the countries
        (code, name) whose variants may be uploaded, and "none" when language editions may."""
        none = [SelectChoice("", _l("None: a language edition"))] if language_editions else []
        self.country.choices = none + [SelectChoice(code, f"{code} · {name}")
                                       for code, name in countries]
        self.based_on.choices = ([SelectChoice(SHIPPED, _l("The shipped source (packages/%(slug)s)",
                                                           slug=shipped_slug))]
                                 if shipped_slug else []) + [
            SelectChoice(str(u.id), _l("Upload %(id)d (%(edition)s)", id=u.id, edition=u.edition))
            for u in uploads]
        return self

    @property
    def edition(self) -> str:
        """The edition code: ``es`` for a language edition, ``en-KE`` for a national variant."""
        language = self.language.data or ""
        return f"{language}-{self.country.data}" if self.country.data else language

    @property
    def based_on_id(self) -> int | None:
        return None if self.based_on.data == SHIPPED else int(self.based_on.data)
