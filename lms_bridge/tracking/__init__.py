"""The unified Completion record, whatever its source (local runtime, Moodle, xAPI, CSV)."""
