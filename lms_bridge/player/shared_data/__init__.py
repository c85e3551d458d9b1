"""SCORM 2004 shared data (``adl.data``) in the player: the stores (``models``) and reading /
writing them (``operations``)."""
