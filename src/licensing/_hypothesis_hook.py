"""Hypothesis's entry point into ``licensing``: registers a strategy for every public value type.

Kept apart from :mod:`licensing.strategies` because importing that package imports
Hypothesis, which runs this hook while the module is still half-built.
"""

from __future__ import annotations

import sys


def _hypothesis_setup_hook() -> None:
    """Register the strategies, unless :mod:`licensing.strategies` is importing right now.

    In that case the package registers them itself as its last step.
    """
    importing = sys.modules.get("licensing.strategies")
    if importing is not None and not hasattr(importing, "register_strategies"):
        return
    from licensing.strategies import register_strategies

    register_strategies()
