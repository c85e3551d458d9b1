"""Build reproducible SCORM 1.2 / 2004 zips from the module sources in ``packages/``.

Parts: ``package`` (the zip, its name and the build entry point), ``manifest``
(``imsmanifest.xml``), ``pages`` (lesson pages), ``assessment`` (the assessment SCO),
``module_page`` (the single-unit build's one page) and
``text`` (the built pages' own interface words). Callers use the names re-exported here.
"""
from .package import (BuildError, ScormTarget, Units, build_package, package_file_name,
                      render_package)

__all__ = ["BuildError", "ScormTarget", "Units", "build_package", "package_file_name",
           "render_package"]
