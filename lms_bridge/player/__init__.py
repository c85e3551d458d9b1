"""The learner runtime: launch, runtime endpoints, attempts, grading, the JS SCORM API adapter.

Layout::

    player/
      models.py, operations.py, queries.py, views.py, forms.py, templates/, static/
      attempts.py     which attempt a launch opens (Moodle's rules)
      grading.py      SCO results, attempt summaries, the local Completion
      package.py      a version's SCOs as the player needs them (cached)
      sessions.py     starting and ending one SCO session (Initialize / Terminate)
      tokens.py       launch tokens (what authenticates runtime calls)
      bridge.py       the SCORM API bridge for content on its own origin
      wording.py      status labels and the JavaScript's words, in the learner's language
      runtime/        the commit path: entrance (in front of Flask), planning (pure),
                      operations (the transaction), commit_rows (its SQL)
      sequencing/     SCORM 2004 sequencing: models, runs (the stored sequencer), operations,
                      queries, summary (rollup into the attempt), views
      shared_data/    SCORM 2004 adl.data stores: models, operations
"""
from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the player's blueprints and install its commit entrance (runtime/entrance.py)."""
    from ..errors import answer_json_under
    from .bridge import blueprint as bridge
    from .runtime.entrance import install_commit_entrance
    from .views import blueprint as player
    from .wording import init_app as init_wording

    app.register_blueprint(player)
    app.register_blueprint(bridge)
    answer_json_under(app, "/player/runtime/")
    install_commit_entrance(app)
    init_wording(app)
