"""Remote completion sources (Moodle Web Services, xAPI LRS, CSV reports).

The connectors here are plain Python: they take their HTTP session, base URL, credentials and
timeouts from the caller. Only ``scheduler.py`` and ``jobs.py`` import ``lms_bridge``.
"""
