from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from members.time_zones import (
    POPULAR_TIME_ZONES,
    _labelled_zones,
    selectable_time_zones,
    time_zone_choices,
    time_zone_label,
)
from members.validators import time_zone_names

WINTER = datetime(2026, 1, 15, 12, tzinfo=UTC)
SUMMER = datetime(2026, 7, 15, 12, tzinfo=UTC)


def choices_in(language: str, **options) -> list:
    with translation.override(language):
        return time_zone_choices(**options)


def values(choices: list) -> list[str]:
    return [value for _group, options in choices for value, _label in options]


def labels(choices: list) -> dict[str, str]:
    return {value: label for _group, options in choices for value, label in options}


@pytest.mark.parametrize(
    ("language", "most_used", "all_zones"),
    [
        ("ar", "الأكثر استخدامًا", "كل المناطق الزمنية"),
        ("fa", "پرکاربردترین‌ها", "همهٔ منطقه‌های زمانی"),
        ("en", "Most used", "All time zones"),
    ],
)
def test_time_zone_choices_put_the_alliances_zones_first_under_translated_groups(
    language, most_used, all_zones
):
    (first_group, popular), (second_group, others) = choices_in(language)

    assert (first_group, second_group) == (most_used, all_zones)
    assert [value for value, _label in popular] == list(POPULAR_TIME_ZONES)
    assert [value for value, _label in popular][:5] == [
        "Asia/Damascus", "Asia/Tehran", "Asia/Baghdad", "Asia/Beirut", "Europe/Istanbul"
    ]  # fmt: skip
    assert not set(POPULAR_TIME_ZONES) & {value for value, _label in others}


@pytest.mark.parametrize(
    ("language", "zone", "label"),
    [
        ("ar", "Asia/Tehran", "طهران (غرينتش\u200e+٠٣:٣٠)"),
        ("ar", "Asia/Damascus", "دمشق (غرينتش\u200e+٠٣:٠٠)"),
        ("fa", "Asia/Tehran", "تهران (\u200e+۰۳:۳۰ گرینویچ)"),
        ("fa", "Asia/Damascus", "دمشق (\u200e+۰۳:۰۰ گرینویچ)"),
        ("en", "Asia/Tehran", "Tehran (GMT+03:30)"),
    ],
)
def test_time_zone_choices_name_each_zone_in_the_readers_language_and_digits(language, zone, label):
    assert labels(choices_in(language))[zone] == label


def test_time_zone_offsets_follow_the_readers_digit_choice():
    assert labels(choices_in("fa", digit_style="latn"))["Asia/Tehran"] == (
        "تهران (\u200e+03:30 گرینویچ)"
    )


@pytest.mark.parametrize(
    ("zone", "moment", "label"),
    [
        # Babel's own get_timezone_gmt writes −03:30 as "-04:30".
        ("America/St_Johns", WINTER, "St. John’s (GMT-03:30)"),
        ("Europe/Berlin", WINTER, "Berlin (GMT+01:00)"),
        ("Europe/Berlin", SUMMER, "Berlin (GMT+02:00)"),
        ("UTC", SUMMER, "Coordinated Universal Time (GMT+00:00)"),
    ],
)
def test_time_zone_label_shows_the_offset_at_the_moment(zone, moment, label):
    assert time_zone_label(zone, "en", "latn", moment) == label


def test_time_zone_choices_list_each_place_once_by_its_current_name():
    listed = values(choices_in("en"))

    assert len(listed) == len(set(listed))
    assert {"Asia/Kolkata", "Europe/Kyiv", "America/New_York", "UTC"} <= set(listed)
    assert not {"Asia/Calcutta", "Europe/Kiev", "US/Eastern", "Canada/Eastern"} & set(listed)
    assert set(listed) <= set(time_zone_names())
    assert set(listed) == selectable_time_zones()


def test_time_zone_choices_sort_the_rest_by_todays_offset():
    _popular, (_group, others) = choices_in("en")
    now = datetime.now(UTC)

    offsets = [now.astimezone(ZoneInfo(value)).utcoffset() for value, _label in others]

    assert offsets == sorted(offsets)
    assert offsets[0] < offsets[-1]


def test_time_zone_choices_keep_a_zone_the_list_leaves_out_when_it_is_the_value():
    choices = choices_in("fa", current="US/Eastern")

    assert values(choices).count("US/Eastern") == 1
    assert labels(choices)["US/Eastern"].startswith("نیویورک")
    assert "US/Eastern" not in values(choices_in("fa", current="Mars/Base"))


def test_time_zone_choices_are_built_once_per_language():
    _labelled_zones.cache_clear()
    choices_in("fa")
    choices_in("fa")
    choices_in("ar")
    choices_in("fa", digit_style="latn")

    info = _labelled_zones.cache_info()
    assert (info.hits, info.misses) == (1, 3)
