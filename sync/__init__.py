"""Remote completion sources (Moodle Web Services, xAPI LRS, CSV reports).

A pure library like ``scorm``: the connectors take their HTTP session, base URL, credentials
and timeouts from the caller and import no Flask, SQLAlchemy or ``lms_bridge``. The jobs and
the scheduler that run them live in the app (``lms_bridge.syncing.jobs``,
``lms_bridge.scheduler``).
"""
