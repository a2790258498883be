"""Key-term consistency over aligned pairs: checks, scores, discovery."""

from align.terms.checks import TermReport, check_document, check_pairs
from align.terms.registry import CHECKS

__all__ = ["CHECKS", "TermReport", "check_document", "check_pairs"]
