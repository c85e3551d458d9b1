"""The root of every error the ``scorm`` package raises.

Tree (each module adds its own subclasses and lists them here)::

    ScormError
"""


class ScormError(Exception):
    """Base class for every error raised by the pure SCORM library."""
