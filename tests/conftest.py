"""Shared test setup: the Hypothesis profiles.

Two profiles, chosen by the environment so that CI runs exactly the README's command:

- ``fast`` (the default): few examples, derandomized, so a developer's run is quick and
  gives the same result every time;
- ``ci`` (when ``CI`` is set, as on the project's CI, or ``HYPOTHESIS_PROFILE=ci``):
  unseeded, so every CI run explores new inputs, with twice the budgets tests set
  through :func:`examples` and state machines of up to 10,080 steps.

Tests that need a different budget from the profile's scale it with :func:`examples`
instead of hard-coding ``max_examples``, so the CI profile still reaches them.

Also the setup many test modules share, as module constants (Hypothesis tests cannot
take pytest's function-scoped fixtures): the customer :data:`ACME`, the product
:data:`MANAGED_BACKUP`, the common commitment terms and :func:`usd`.
"""

from __future__ import annotations

import os
import re
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import licensing
from licensing.domain import BillingFrequency, CommitmentTerm, Contact, Customer, Product, ProductKind
from licensing.pricing import Money

settings.register_profile(
    "fast",
    max_examples=50,
    stateful_step_count=20,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "ci",
    max_examples=50,  # as many as fast, but unseeded; the state machines run 120 (machine_settings)
    stateful_step_count=84,
    deadline=None,
    derandomize=False,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)

# Child processes (``python -c``, ``python -m licensing``, Sphinx) import the code under test,
# not whichever tree an editable install points at: a git worktree may share another's venv.
os.environ["PYTHONPATH"] = os.pathsep.join(
    filter(None, [str(Path(licensing.__file__).parents[1]), os.environ.get("PYTHONPATH")])
)

_PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "fast")
settings.load_profile(_PROFILE)


def pytest_report_header() -> str:
    """Which build of Money the suite runs: pure Python or compiled by mypyc (tools/compiled.sh)."""
    from licensing.pricing import money

    return f"licensing: Money {'compiled by mypyc' if money.COMPILED else 'pure Python'} ({money.__file__})"


def examples(fast: int) -> int:
    """A test's example budget: *fast* under the fast profile, twice that under ``ci``.

    For the properties that must run longer or shorter than the profile's default. The
    factor keeps the whole CI run well under ten minutes on a two-core machine.
    """
    return fast * 2 if _PROFILE == "ci" else fast


def machine_settings() -> settings:
    """A state machine's budget: the profile's, and under ``ci`` 120 runs of 84 steps (up to 10,080 steps)."""
    return settings(deadline=None, max_examples=120) if _PROFILE == "ci" else settings(deadline=None)


# -- test ids that survive a second collection -------------------------------------------


def ascii_id(text: str) -> str:
    """*text* as a test id: each character outside printable ASCII, or a backslash, as ``U+XXXX``.

    pytest escapes such characters in a parametrized id (``'€'`` becomes ``'\\u20ac'``) and,
    when the ``parametrize`` mark gives ``ids=``, keeps the escaped ids on the mark; a second
    collection in the same interpreter escapes them again (``'\\\\u20ac'``). mutmut collects
    and runs the tests in one process and then passes the first node ids back, which pytest
    then cannot find (usage error, exit 4).

    >>> ascii_id("a Cyrillic '\u0430'")
    "a Cyrillic 'U+0430'"
    """
    return "".join(c if " " <= c <= "~" and c != "\\" else f"U+{ord(c):04X}" for c in text)


# -- the setup test modules share ------------------------------------------------------

#: A customer of the partner ``northwind``.
ACME = Customer("acme", "northwind", "Acme GmbH", Contact("Ada Meyer", "ada@acme.example"), "acme.example", "eu-central")
#: A cloud product whose plans the tests price per computer.
MANAGED_BACKUP = Product("mb", "Managed Backup", ProductKind.CLOUD)
MONTHLY = CommitmentTerm.monthly()
ANNUAL = CommitmentTerm.annual()
ANNUAL_BILLED_MONTHLY = CommitmentTerm.annual(BillingFrequency.MONTHLY)
ONE_YEAR = CommitmentTerm.years(1)


def usd(amount: str) -> Money:
    """``amount`` US dollars."""
    return Money(amount, "USD")


def raises_exactly(error: type[BaseException], message: str) -> AbstractContextManager[pytest.ExceptionInfo[BaseException]]:
    """``pytest.raises(error)`` whose whole message must be ``message``, read literally (not as a pattern).

    The refusal tables check every message word for word, the field and what is accepted.
    """
    return pytest.raises(error, match="^" + re.escape(message) + "$")
