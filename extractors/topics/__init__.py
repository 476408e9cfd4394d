"""Seminar topics → the notice's priority directions (选题 → 重点方向).

``Classifier`` scores proposals against the directions of a rule set (or the default
taxonomy in corpus/); ``classify_command`` is the ``shenbao classify`` command.
"""

from .command import classify_all, classify_command
from .directions import Direction, default_directions, directions_from_ruleset, load_rules_directions
from .matcher import Classifier
from .proposals import read_proposals

__all__ = [
    "Classifier",
    "Direction",
    "classify_all",
    "classify_command",
    "default_directions",
    "directions_from_ruleset",
    "load_rules_directions",
    "read_proposals",
]
