"""Seats and who holds them: users, computers and storage units (seeds 000, 001, 002).

A seat is held by an assignee: a user (Secure Edge, Zmanda licenses), a computer
instance (Managed Backup, Carbonite) or a unit of storage. Each assignee says which
seat unit it needs, so a license of a plan sold per computer is never given to a user.

>>> Computer("pc-7", "Front desk", OperatingSystem.WINDOWS).unit
<SeatUnit.COMPUTER_INSTANCE: 'computer instance'>
>>> User("Ada@Acme.example").label
'Ada@acme.example'
"""

from __future__ import annotations

from typing import final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.domain.catalog import OperatingSystem, SeatUnit

__all__ = ["Assignee", "Computer", "StorageUnit", "User"]


@final
@stable_pickle("User")
@attrs.frozen
class User:
    """A person holding a user seat, known by e-mail (normalised)."""

    email: str

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "email", _checks.email(self.email, "user e-mail"))

    @property
    def unit(self) -> SeatUnit:
        """The seat unit a license must be sold in to be held by this assignee."""
        return SeatUnit.USER

    @property
    def label(self) -> str:
        """How the user is shown."""
        return self.email


@final
@stable_pickle("Computer")
@attrs.frozen
class Computer:
    """A machine (computer instance) with its operating system."""

    id: str
    name: str
    operating_system: OperatingSystem

    def __attrs_post_init__(self) -> None:
        _checks.text(self.id, "computer id")
        _checks.text(self.name, "computer name")
        _checks.member(self.operating_system, OperatingSystem, "operating system")

    @property
    def unit(self) -> SeatUnit:
        """The seat unit a license must be sold in to be held by this assignee."""
        return SeatUnit.COMPUTER_INSTANCE

    @property
    def label(self) -> str:
        """How the computer is shown."""
        return self.name


@final
@stable_pickle("StorageUnit")
@attrs.frozen
class StorageUnit:
    """One unit of storage (a terabyte of a cloud storage plan)."""

    id: str

    def __attrs_post_init__(self) -> None:
        _checks.text(self.id, "storage unit id")

    @property
    def unit(self) -> SeatUnit:
        """The seat unit a license must be sold in to be held by this assignee."""
        return SeatUnit.STORAGE

    @property
    def label(self) -> str:
        """How the unit is shown."""
        return self.id


#: A user, computer or storage unit holding a seat.
Assignee = User | Computer | StorageUnit
