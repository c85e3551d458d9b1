"""Build hook: a built package carries compiled catalogs (.mo), written from the .po sources.

Everything else is declared in setup.cfg. An editable install (``make install``) compiles them in
place with ``lms-bridge i18n compile`` instead (see the Makefile).
"""
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithCatalogs(build_py):
    def run(self):
        super().run()
        if self.editable_mode:
            return
        for po in Path("lms_bridge/translations").glob("*/LC_MESSAGES/messages.po"):
            target = Path(self.build_lib) / po.with_suffix(".mo")
            target.parent.mkdir(parents=True, exist_ok=True)
            with po.open("rb") as source, target.open("wb") as out:
                write_mo(out, read_po(source), use_fuzzy=False)


setup(cmdclass={"build_py": BuildWithCatalogs})
