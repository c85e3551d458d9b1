"""Uploaded module sources: each is kept (files in the content store) so that it can be
downloaded again, compared and rebuilt byte for byte."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...accounts.models import User
from ...db import Base, UtcDateTime, utcnow
from ..models import Module, PackageVersion


class SourceUpload(Base):
    """One uploaded source of a module, for one edition: a language (``es``) or a national
    variant (``en-KE``: a language and an administration's country code)."""

    __tablename__ = "module_source_upload"

    id: Mapped[int] = mapped_column(primary_key=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("module.id", ondelete="CASCADE"), index=True)
    edition: Mapped[str] = mapped_column(String(16))
    # The upload it was made from; None: the module's shipped source in packages/.
    based_on_id: Mapped[int | None] = mapped_column(
        ForeignKey("module_source_upload.id", ondelete="SET NULL"))
    # The edition of the source it was made from ("en", "fr", "en-KE"...), for the reader.
    based_on_edition: Mapped[str] = mapped_column(String(16), default="")
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    # sha256 of the source's reproducible zip (scorm.source.archive.pack_source): the same
    # files give the same digest whatever zip tool the coordinator used.
    sha256: Mapped[str] = mapped_column(String(64))
    original_filename: Mapped[str] = mapped_column(String(255))
    file_count: Mapped[int] = mapped_column()
    # The package version published from it, once published.
    published_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("package_version.id", ondelete="SET NULL"))

    module: Mapped[Module] = relationship(lazy="joined")
    uploaded_by: Mapped[User | None] = relationship()
    based_on: Mapped[SourceUpload | None] = relationship(remote_side=[id])
    published_version: Mapped[PackageVersion | None] = relationship()

    @property
    def language(self) -> str:
        """The language part of the edition code (``en`` of ``en-KE``)."""
        return self.edition.split("-")[0]

    @property
    def country_code(self) -> str | None:
        """The country of a national variant (``KE`` of ``en-KE``), None for a language edition."""
        parts = self.edition.split("-")
        return parts[1] if len(parts) > 1 else None
