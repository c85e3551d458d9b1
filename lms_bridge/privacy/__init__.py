"""Privacy: everything held about a person (export), erasure on request, the retention rule and
the privacy notice. It reads and erases the data of every domain, so it sits above them all."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask import session
from flask_login import user_logged_in

from ..db import db, utcnow
from .models import LastSignIn

if TYPE_CHECKING:
    from flask import Flask


def _remember_sign_in(_app: Any, **_: Any) -> None:
    """Read the id from the session cookie's value, not from the signal's user: a view may sign
    in ``current_user`` itself, a proxy that cannot be read while it is being replaced."""
    user_id = int(str(session["_user_id"]).split(".", 1)[0])
    row = db.session.get(LastSignIn, user_id)
    if row is None:
        db.session.add(LastSignIn(user_id=user_id, at=utcnow()))
    else:
        row.at = utcnow()
    db.session.commit()


def init_app(app: Flask) -> None:
    from .views import blueprint

    app.register_blueprint(blueprint)
    user_logged_in.connect(_remember_sign_in, app)
