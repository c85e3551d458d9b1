"""The content store: package files on disk under the instance folder, by version id.

``content/<version id>/`` holds the extracted package, ``originals/<version id>.zip`` the bytes
as uploaded. Nothing here is ever executed or served from a static folder; every path handed to
``resolve`` is checked for containment again.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _

from ..errors import NotFound


class ContentStore:
    def __init__(self, root: Path):
        self.root = root
        (root / "content").mkdir(parents=True, exist_ok=True)
        (root / "originals").mkdir(parents=True, exist_ok=True)

    def package_dir(self, version_id: int) -> Path:
        return self.root / "content" / str(version_id)

    def original_path(self, version_id: int) -> Path:
        return self.root / "originals" / f"{version_id}.zip"

    def resolve(self, version_id: int, relative: str) -> Path:
        """The file ``relative`` of a package, refusing anything outside it."""
        base = self.package_dir(version_id).resolve()
        candidate = (base / relative).resolve()
        if base not in candidate.parents or not candidate.is_file():
            raise NotFound(_("No file %(name)s in this package.", name=repr(relative)))
        return candidate

    def remove(self, version_id: int) -> None:
        shutil.rmtree(self.package_dir(version_id), ignore_errors=True)
        self.original_path(version_id).unlink(missing_ok=True)


def content_store() -> ContentStore:
    """The app's content store (made once per app: its folders are created on first use)."""
    store = current_app.extensions.get("lms_bridge.content_store")
    if store is None:
        store = ContentStore(Path(current_app.instance_path) / "store")
        current_app.extensions["lms_bridge.content_store"] = store
    return store
