"""Device sessions: a user seat admits a few concurrently active devices at no extra cost.

Seed 000: "Each user can have up to three devices with concurrently active sessions
under the same subscription with no additional cost." Sessions never change an
invoice; they only decide whether one more device may connect.

>>> from datetime import datetime, timezone
>>> at = datetime(2025, 3, 1, 9, tzinfo=timezone.utc)
>>> seat = SeatSessions("ada@acme.example", limit=3)
>>> for device in ("laptop", "phone", "tablet"):
...     seat = seat.start(device, at)
>>> seat.start("desktop", at)
Traceback (most recent call last):
...
licensing.errors.DeviceLimitReachedError: ada@acme.example already has 3 active devices (laptop, phone, tablet), the most this seat admits; end a session first
>>> seat.end("phone", at).start("desktop", at).active_devices
('laptop', 'tablet', 'desktop')
"""

from __future__ import annotations

import datetime as dt
from typing import final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.errors import DeviceLimitReachedError, InvalidInputError, NaiveDateTimeError

__all__ = ["DeviceSession", "SeatSessions"]


def _aware(instant: object, what: str) -> dt.datetime:
    if not isinstance(instant, dt.datetime):
        raise NaiveDateTimeError(f"{what} {instant!r} is not a datetime; pass an aware datetime")
    if instant.utcoffset() is None:
        raise NaiveDateTimeError(f"{what} {instant!r} has no time zone; pass an aware datetime")
    return instant


@final
@stable_pickle("DeviceSession")
@attrs.frozen
class DeviceSession:
    """A device connected under a seat since ``started_at``."""

    device_id: str
    started_at: dt.datetime

    def __attrs_post_init__(self) -> None:
        _checks.text(self.device_id, "device id")
        _aware(self.started_at, "session start")


def _sessions(value: object) -> tuple[DeviceSession, ...]:
    return _checks.items(value, DeviceSession, "sessions")


@final
@stable_pickle("SeatSessions")
@attrs.frozen
class SeatSessions:
    """The active device sessions of one user seat, at most ``limit`` at once.

    ``subscription_id`` is the subscription the seat's user holds (seed 000:
    "subscriptions are assigned on a per user basis"), ``None`` for a seat not yet
    tied to one.
    """

    holder: str
    limit: int = attrs.field(kw_only=True)
    active: tuple[DeviceSession, ...] = attrs.field(default=(), kw_only=True, converter=_sessions)
    subscription_id: str | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        _checks.text(self.holder, "seat holder")
        _checks.optional_text(self.subscription_id, "subscription id")
        if not _checks.is_whole(self.limit) or self.limit < 1:
            raise InvalidInputError(f"device limit {self.limit!r} is not an int >= 1")
        devices = self.active_devices
        if len(set(devices)) != len(devices):
            raise InvalidInputError("a device appears twice among the active sessions")
        if len(devices) > self.limit:
            raise DeviceLimitReachedError(f"{len(devices)} active sessions exceed the seat's limit of {self.limit}")

    @property
    def active_devices(self) -> tuple[str, ...]:
        """The devices with an active session, in the order they connected."""
        return tuple(session.device_id for session in self.active)

    def start(self, device_id: str, at: dt.datetime) -> SeatSessions:
        """Connect ``device_id``; a device already active changes nothing."""
        _checks.text(device_id, "device id")
        _aware(at, "session start")
        if device_id in self.active_devices:
            return self
        if len(self.active) >= self.limit:
            raise DeviceLimitReachedError(
                f"{self.holder} already has {len(self.active)} active devices "
                f"({', '.join(self.active_devices)}), the most this seat admits; end a session first"
            )
        return attrs.evolve(self, active=(*self.active, DeviceSession(device_id, at)))

    def end(self, device_id: str, at: dt.datetime) -> SeatSessions:
        """Disconnect ``device_id``, freeing a slot; a device not active changes nothing.

        A session cannot end before it started: ``at`` earlier than the session's
        start is refused.
        """
        _checks.text(device_id, "device id")
        _aware(at, "session end")
        for session in self.active:
            if session.device_id == device_id and at < session.started_at:
                raise InvalidInputError(
                    f"session of {device_id!r} started at {session.started_at.isoformat()}; it cannot end at "
                    f"{at.isoformat()}, before it started: pass an end at or after the start"
                )
        return attrs.evolve(self, active=tuple(s for s in self.active if s.device_id != device_id))
