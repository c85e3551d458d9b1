"""SCORM 2004 sequencing in the player: the stored sequencer of an attempt (``models``,
``runs``), what navigation does (``operations``, ``moves``), what the player shows (``queries``,
``views``) and what the attempt's summary takes from the rollup (``summary``)."""
