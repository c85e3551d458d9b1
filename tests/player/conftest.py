"""Player fixtures: tiny SCORM packages built in the test, imported and published."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

MANIFEST_12 = """<?xml version="1.0"?>
<manifest identifier="m" version="1" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
 <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
 <organizations default="o"><organization identifier="o"><title>Tiny</title>
  {items}
 </organization></organizations>
 <resources>{resources}</resources>
</manifest>"""
ITEM_12 = ('<item identifier="{id}" identifierref="r{id}"><title>{title}</title>'
           '{mastery}</item>')
RES_12 = ('<resource identifier="r{id}" type="webcontent" adlcp:scormtype="sco" href="{id}.html">'
          '<file href="{id}.html"/></resource>')

MANIFEST_2004 = """<?xml version="1.0"?>
<manifest identifier="m" version="1" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
 <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
 <organizations default="o"><organization identifier="o"><title>Tiny</title>
  {items}
 </organization></organizations>
 <resources>{resources}</resources>
</manifest>"""
ITEM_2004 = '<item identifier="{id}" identifierref="r{id}"><title>{title}</title>{mastery}</item>'
RES_2004 = ('<resource identifier="r{id}" type="webcontent" adlcp:scormType="sco" href="{id}.html">'
            '<file href="{id}.html"/></resource>')
PASSING_2004 = ('<imsss:sequencing><imsss:objectives><imsss:primaryObjective objectiveID="p" '
                'satisfiedByMeasure="true"><imsss:minNormalizedMeasure>{0}</imsss:minNormalizedMeasure>'
                '</imsss:primaryObjective></imsss:objectives></imsss:sequencing>')


def tiny_package(path: Path, version: str = "1.2", scos: tuple[str, ...] = ("one",),
                 mastery: float | None = None) -> Path:
    """Write a SCORM zip with one page per SCO; ``mastery`` is 1.2's masteryscore (0-100) or
    2004's minNormalizedMeasure (-1..1)."""
    if version == "1.2":
        extra = f"<adlcp:masteryscore>{mastery:g}</adlcp:masteryscore>" if mastery is not None else ""
        manifest, item, res = MANIFEST_12, ITEM_12, RES_12
    else:
        extra = PASSING_2004.format(mastery) if mastery is not None else ""
        manifest, item, res = MANIFEST_2004, ITEM_2004, RES_2004
    items = "".join(item.format(id=s, title=f"Lesson {s}", mastery=extra) for s in scos)
    resources = "".join(res.format(id=s) for s in scos)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("imsmanifest.xml", manifest.format(items=items, resources=resources))
        for sco in scos:
            archive.writestr(f"{sco}.html", f"<!doctype html><title>{sco}</title><p>{sco}</p>")
    path.write_bytes(buffer.getvalue())
    return path


def publish_zip(app, zip_path: Path, slug: str) -> int:
    """Import and publish ``zip_path`` as module ``slug``; return the version id."""
    from lms_bridge.catalog.operations import import_package, publish_version

    with app.app_context():
        version = import_package(zip_path, slug, None, original_filename=zip_path.name).version
        publish_version(None, version.id)
        return version.id


@pytest.fixture
def publish(app, tmp_path):
    """publish(slug, version="1.2", scos=("one",), mastery=None) -> version id."""
    counter = iter(range(1000))

    def make(slug: str, version: str = "1.2", scos: tuple[str, ...] = ("one",),
             mastery: float | None = None) -> int:
        zip_path = tiny_package(tmp_path / f"{slug}-{next(counter)}.zip", version, scos, mastery)
        return publish_zip(app, zip_path, slug)
    return make
