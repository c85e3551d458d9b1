"""Pure SCORM library: archives, manifests, validation, runtime data model, sequencing, builder.

Nothing in this package imports Flask, SQLAlchemy or ``lms_bridge``; it takes and returns
dataclasses and enums so that it can be tested, benchmarked and reused on its own.
"""
