"""The installed distribution's version, read from its metadata.

Its own module so that :mod:`importlib.metadata`, slow to import, loads only when
``licensing --version`` asks.
"""

from __future__ import annotations

from importlib import metadata

__all__ = ["distribution_version"]


def distribution_version() -> str | None:
    """The version of the distribution that installed the ``licensing`` package, whatever its name; ``None`` if none did.

    The distribution is the one whose ``top_level.txt`` names ``licensing``; only when
    none has one is every installed file list searched, which takes longer.
    """
    for distribution in metadata.distributions():
        top_level = distribution.read_text("top_level.txt") or ""
        if "licensing" in top_level.split():
            return distribution.version
    for name in metadata.packages_distributions().get("licensing", ()):  # pragma: no cover - no top_level.txt
        return metadata.version(name)
    return None
