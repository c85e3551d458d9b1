"""Every page of every shipped module's editions fits a 390 px phone: nothing scrolls sideways
(long translated choices in a matching question's lists included), and Arabic/Russian/French
pages as well as English ones."""
import zipfile

import pytest

from scorm.builder import build_package
from scorm.source import load_module_source
from tests.conftest import PROJECT_ROOT

pytestmark = pytest.mark.browser
MODULES = sorted(p.parent for p in (PROJECT_ROOT / "packages").glob("*/module.yaml"))
EDITIONS = [(m, lang) for m in MODULES for lang in load_module_source(m).languages]
SIDEWAYS = "document.scrollingElement.scrollWidth - window.innerWidth"


@pytest.mark.parametrize("module, language", EDITIONS, ids=[f"{m.name}-{lang}" for m, lang in EDITIONS])
def test_no_built_page_scrolls_sideways_on_a_phone(tmp_path, page, module, language):
    path = build_package(module, "2004", language=language, output_dir=tmp_path, units="per-lesson")
    with zipfile.ZipFile(path) as archive:
        archive.extractall(tmp_path / "x")
        pages = sorted(n for n in archive.namelist() if n.endswith(".html"))
    page.set_viewport_size({"width": 390, "height": 844})
    wide = []
    for name in pages:
        page.goto((tmp_path / "x" / name).as_uri())
        if page.evaluate(SIDEWAYS) > 0:
            wide.append(f"{name}: {page.evaluate(SIDEWAYS)} px")
    assert len(pages) >= 3 and not wide, wide
