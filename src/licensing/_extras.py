"""The optional extras: which one installs a missing package, in an error that says how to install it.

>>> error = missing("pandas", "pandas")
>>> str(error).split(";")[0]
'this needs pandas, which is not installed'
>>> isinstance(error, ImportError)
True
"""

from __future__ import annotations

import importlib.metadata

from licensing.errors import MissingDependencyError

__all__ = ["distribution", "missing"]


def distribution() -> str:
    """The name this library is installed under (``licensing`` when it is run from a source tree)."""
    names = importlib.metadata.packages_distributions().get("licensing") or ["licensing"]
    return names[0]


def missing(package: str, extra: str) -> MissingDependencyError:
    """The error for a missing optional ``package``: it names the ``extra`` that installs it."""
    return MissingDependencyError(
        f"this needs {package}, which is not installed; install the {extra!r} extra: "
        f"pip install '{distribution()}[{extra}]'"
    )
