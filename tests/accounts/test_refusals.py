"""Every refusal a person can meet is a whole translatable sentence, in their language."""
from lms_bridge.accounts.permissions import REFUSALS, Action


def test_every_action_has_its_own_refusal_sentence():
    assert set(REFUSALS) == set(Action)
    assert all(str(sentence).startswith("You are not allowed to ") and str(sentence).endswith(".")
               for sentence in REFUSALS.values())
