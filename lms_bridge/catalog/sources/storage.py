"""Where module sources live: shipped ones in ``packages/<slug>/``, uploaded ones in the content
store under ``sources/<upload id>/<slug>/`` (the folder is named by the slug, as the source
format wants)."""
from __future__ import annotations

from pathlib import Path

from ..builds import source_dir_of
from ..store import content_store


def upload_root(upload_id: int, slug: str) -> Path:
    """The folder of an uploaded source (which may not exist yet)."""
    return content_store().root / "sources" / str(upload_id) / slug


def uploads_folder() -> Path:
    """The parent of every uploaded source's folder, created on first use."""
    folder = content_store().root / "sources"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def shipped_root(slug: str) -> Path | None:
    """The module's source in packages/, when this installation has one."""
    return source_dir_of(slug)
