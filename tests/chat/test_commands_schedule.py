"""When a chat's digest is due: its times in its own time zone, and quiet hours."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.digest.schedule import in_quiet_hours, is_due, last_slot
from bot.ports import ChatRef
from bot.store.chats import ChatRow

CREATED = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def chat(
    schedule: tuple[str, ...] = ("08:00", "18:00"),
    zone: str = "Europe/Berlin",
    last: datetime | None = None,
    quiet: tuple[str, str] | None = None,
) -> ChatRow:
    return ChatRow(
        id=1,
        ref=ChatRef("telegram", "1"),
        active=True,
        timezone=zone,
        schedule=schedule,
        sentences=3,
        max_stories=10,
        quiet_start=quiet[0] if quiet else None,
        quiet_end=quiet[1] if quiet else None,
        last_digest_at=last,
        created_at=CREATED,
    )


def utc(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC)


def test_times_are_in_the_chats_time_zone() -> None:
    berlin = chat()  # UTC+1 in March before the clock change
    assert last_slot(berlin, utc(2, 6, 59)) == utc(1, 17)
    assert last_slot(berlin, utc(2, 7, 0)) == utc(2, 7)
    assert not is_due(chat(last=utc(2, 6, 0)), utc(2, 6, 59))
    assert is_due(chat(last=utc(2, 6, 0)), utc(2, 7, 0))
    assert not is_due(chat(last=utc(2, 7, 0)), utc(2, 7, 1))  # already sent for this slot


def test_daylight_saving_moves_the_utc_time() -> None:
    summer = datetime(2026, 6, 1, 6, 0, tzinfo=UTC)  # 08:00 in Berlin (UTC+2)
    assert last_slot(chat(schedule=("08:00",)), summer) == summer


def test_a_new_chat_waits_for_its_first_scheduled_time() -> None:
    assert not is_due(chat(schedule=("08:00",), zone="UTC"), CREATED + timedelta(hours=1))
    assert is_due(chat(schedule=("08:00",), zone="UTC"), utc(2, 8))


def test_quiet_hours_hold_a_digest_until_they_end() -> None:
    night_owl = chat(schedule=("23:00",), zone="UTC", last=utc(1, 12), quiet=("22:00", "07:00"))
    assert in_quiet_hours(night_owl, utc(1, 23, 30))
    assert not is_due(night_owl, utc(1, 23, 30))
    assert not is_due(night_owl, utc(2, 6, 59))
    assert is_due(night_owl, utc(2, 7, 0))
    daytime = chat(zone="UTC", quiet=("12:00", "14:00"))
    assert in_quiet_hours(daytime, utc(2, 13)) and not in_quiet_hours(daytime, utc(2, 14))
