"""LMS Bridge: SCORM packages, learner runtime, remote LMS sync and workshop eligibility."""

__version__ = "0.1.0"


def create_app(config=None):
    """Build the Flask app (see ``lms_bridge.app.create_app``); imported lazily to keep
    the pure modules under this package free of Flask."""
    from .app import create_app as _create_app

    return _create_app(config)
