"""``python -m lms_bridge`` runs the same command line as ``lms-bridge``."""
from lms_bridge.cli import main

main()
