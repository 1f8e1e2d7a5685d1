"""The shared date filters print what Django's |date prints, in the viewer's time zone."""

import zoneinfo
from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template
from django.utils import timezone

from careersupport.people.templatetags.format_tags import shortdate, shortdatetime


@pytest.mark.parametrize(
    "value",
    [
        date(2026, 3, 5),
        date(2026, 12, 31),
        datetime(2026, 3, 5, 23, 30, tzinfo=UTC),  # already 6 Mar in Tokyo
        datetime(2026, 11, 1, 0, 5, tzinfo=UTC),  # still 31 Oct in Los Angeles
    ],
)
@pytest.mark.parametrize("zone", ["Asia/Tokyo", "America/Los_Angeles", "UTC"])
def test_the_filters_print_what_the_date_filter_prints(value, zone):
    with timezone.override(zoneinfo.ZoneInfo(zone)):
        assert shortdate(value) == Template('{{ v|date:"j M Y" }}').render(Context({"v": value}))
        if isinstance(value, datetime):
            django = Template('{{ v|date:"j M Y H:i" }}').render(Context({"v": value}))
            assert shortdatetime(value) == django


def test_nothing_prints_a_dash_or_the_given_word():
    assert shortdate(None) == "—" and shortdatetime(None) == "—"
    assert shortdate(None, "never") == "never"
