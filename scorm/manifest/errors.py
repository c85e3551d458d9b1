"""Errors raised while reading an ``imsmanifest.xml``.

Tree::

    ScormError                      (scorm.errors)
    └── ManifestError               anything that stops a manifest from being read
        ├── ManifestTooLargeError   the bytes exceed the configured size cap
        ├── ManifestSyntaxError     not well-formed XML (line and column in the message)
        ├── ManifestForbiddenXmlError  a DOCTYPE, DTD or entity declaration/reference
        └── ManifestStructureError  well-formed XML that is not a content-package manifest
"""
from __future__ import annotations

from scorm.errors import ScormError


class ManifestError(ScormError):
    """A manifest could not be read; ``line`` is the 1-based source line when known."""

    def __init__(self, message: str, *, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


class ManifestTooLargeError(ManifestError):
    """The manifest is bigger than the size cap; it was not parsed."""


class ManifestSyntaxError(ManifestError):
    """The manifest is not well-formed XML."""


class ManifestForbiddenXmlError(ManifestError):
    """The manifest uses a DOCTYPE, DTD or entity, which this library never processes."""


class ManifestStructureError(ManifestError):
    """The document is XML but its root is not a content-package ``<manifest>``."""
