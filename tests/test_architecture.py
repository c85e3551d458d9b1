"""The architecture is checked, not described: import-linter's contracts in setup.cfg (the pure
libraries, the pure eligibility engine, the layers of the app, no cycles inside a package) must
all hold. docs/architecture.md says what each layer is for.
"""
from __future__ import annotations

import configparser
from pathlib import Path

from click.testing import CliRunner
from importlinter.cli import lint_imports_command

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
    result = CliRunner().invoke(lint_imports_command, [str(CONFIG), "--no-cache", "--no-logo"])
    assert result.exit_code == 0, result.output[result.output.find("Broken contracts"):]
    assert "Contracts: 6 kept, 0 broken." in result.output
