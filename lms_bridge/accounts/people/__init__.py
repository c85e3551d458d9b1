"""People (admins): find accounts, deactivate and reactivate them, change their roles and
administration — each change with a reason and an audit event holding the old and new values."""
