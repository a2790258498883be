"""Key-term consistency over aligned pairs: checks, scores, discovery."""

from align.terms.checks import check_pairs

__all__ = ["check_pairs"]
