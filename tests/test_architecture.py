"""The architecture is checked, not described: import-linter's contracts in setup.cfg (the pure
libraries, the pure eligibility engine, the layers of the app, no cycles inside a package) must
all hold. docs/architecture.md says what each layer is for.
"""
from __future__ import annotations

import configparser
import subprocess
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "setup.cfg"


def contracts() -> dict[str, dict[str, str]]:
    parser = configparser.ConfigParser()
    parser.read(CONFIG)
    return {name.split(":")[-1]: dict(parser[name]) for name in parser.sections()
            if name.startswith("importlinter:contract:")}


def test_the_contracts_we_rely_on_are_declared():
    declared = contracts()
    assert {"pure-libraries", "libraries-apart", "pure-eligibility-rules", "pure-runtime", "layers",
            "no-cycles-inside-domains"} <= set(declared)
    layers = declared["layers"]["layers"].split()
    # the order that matters most: the app's domains above tracking, tracking above catalog
    assert layers.index("eligibility") < layers.index("tracking") < layers.index("catalog")


def test_every_import_contract_holds():
    # In its own process: import-linter configures logging and disables every logger that
    # exists, which would silence the log assertions of the tests that run after this one.
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint_imports), str(CONFIG), "--no-cache", "--no-logo"],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stdout[result.stdout.find("Broken contracts"):]
    assert "Contracts: 6 kept, 0 broken." in result.stdout
