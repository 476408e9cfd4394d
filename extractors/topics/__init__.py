"""Seminar topics → the notice's priority directions (选题 → 重点方向).

``Classifier`` scores proposals against the directions of a rule set (or the default
taxonomy in corpus/).
"""

from .directions import Direction, default_directions, directions_from_ruleset, load_rules_directions
from .matcher import Classifier
from .proposals import read_proposals

__all__ = [
    "Classifier",
    "Direction",
    "default_directions",
    "directions_from_ruleset",
    "load_rules_directions",
    "read_proposals",
]
