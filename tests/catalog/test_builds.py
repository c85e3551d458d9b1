"""What a module takes over from its source in packages/ when it is built."""
import dataclasses

import pytest

from lms_bridge.catalog.builds import _apply_source_metadata
from lms_bridge.catalog.models import Module
from scorm.source import CompletionRule, load_module_source
from tests.conftest import PROJECT_ROOT


@pytest.mark.parametrize("rule, expected", [
    (CompletionRule.COMPLETED_AND_PASSED, 70),
    (CompletionRule.PASSED, 70),
    (CompletionRule.COMPLETED, None),       # a minimum would mean nothing (settings refuse it)
    (CompletionRule.NOT_APPLICABLE, None),
])
def test_the_mastery_score_is_the_minimum_only_for_rules_that_involve_passing(rule, expected):
    source = load_module_source(PROJECT_ROOT / "packages" / "customs-valuation")
    assert source.mastery_score == 70
    module = Module(slug="customs-valuation")
    _apply_source_metadata(module, dataclasses.replace(source, completion_rule=rule))
    assert module.completion_rule is rule
    assert module.min_score == expected
