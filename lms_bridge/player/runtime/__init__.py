"""The runtime commit path: ``entrance`` (the one way in, in front of Flask) -> ``planning``
(parse the body, decide what to write: pure) -> ``operations`` (one short transaction) ->
``commit_rows`` (its hand-written SQL). Read in that order."""
