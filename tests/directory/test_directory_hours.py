"""Opening hours: reading, "open now" in Brussels time, words per language, schema.org."""

from communesplone.directory.hours import HoursError
from communesplone.directory.hours import closed_days
from communesplone.directory.hours import describe
from communesplone.directory.hours import describe_day
from communesplone.directory.hours import is_open
from communesplone.directory.hours import next_change
from communesplone.directory.hours import open_slots
from communesplone.directory.hours import opening_hours_specification
from communesplone.directory.hours import parse_hours
from communesplone.directory.hours import slot_key
from communesplone.directory.hours import to_data
from datetime import date
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

BXL = ZoneInfo("Europe/Brussels")
DATA = {"weekly": {"monday": [["13:30", "18:00"], ["09:00", "12:00"]],
                   "saturday": [["09:00", "12:30"]], "sunday": []},
        "closures": [{"start": "2026-12-24", "end": "2026-12-26", "reason": "Fêtes"},
                     {"start": "2026-08-15"}]}


def test_parse_sorts_and_normalises():
    hours = parse_hours(DATA)
    assert hours.weekly[0] == ((540, 720), (810, 1080))
    assert hours.weekly[6] == ()
    assert to_data(hours)["weekly"] == {"monday": [["09:00", "12:00"], ["13:30", "18:00"]],
                                        "saturday": [["09:00", "12:30"]]}
    assert to_data(hours)["closures"][0] == {"start": "2026-08-15"}
    assert parse_hours('{"weekly": {"friday": [["10:00", "24:00"]]}}').weekly[4] == ((600, 1440),)


@pytest.mark.parametrize(("data", "code"), [
    ({"weekly": {"monday": [["12:00", "09:00"]]}}, "end_before_start"),
    ({"weekly": {"monday": [["09:00", "09:00"]]}}, "end_before_start"),
    ({"weekly": {"monday": [["09:00", "12:00"], ["11:00", "13:00"]]}}, "overlap"),
    ({"weekly": {"lundi": [["09:00", "12:00"]]}}, "weekday"),
    ({"weekly": {"monday": [["9h", "12:00"]]}}, "time"),
    ({"weekly": {"monday": [["09:00", "25:00"]]}}, "time"),
    ({"weekly": {"monday": [["24:00", "24:00"]]}}, "time"),
    ({"weekly": {"monday": "09:00-12:00"}}, "ranges"),
    ({"closures": [{"start": "2026-12-26", "end": "2026-12-24"}]}, "closure_end_before_start"),
    ({"closures": [{"start": "24/12/2026"}]}, "date"),
    ({"closures": [{"end": "2026-12-24"}]}, "closures"),
    ({"hours": {}}, "keys"),
    ("not json", "json"),
    ([1, 2], "json"),
])
def test_parse_refuses(data, code):
    with pytest.raises(HoursError) as error:
        parse_hours(data)
    assert error.value.code == code


def test_open_now_in_brussels_time():
    hours = parse_hours(DATA)
    monday = datetime(2026, 3, 16, 9, 0, tzinfo=BXL)
    assert is_open(hours, monday)
    assert not is_open(hours, monday.replace(hour=12))  # the end is excluded
    assert is_open(hours, monday.replace(hour=11, minute=59))
    assert not is_open(hours, monday.replace(hour=13))
    # 08:30 UTC on a summer Monday is 10:30 in Brussels
    assert is_open(hours, datetime(2026, 7, 6, 8, 30, tzinfo=ZoneInfo("UTC")))
    # 07:30 UTC in winter is 08:30 in Brussels: closed
    assert not is_open(hours, datetime(2026, 3, 16, 7, 30, tzinfo=ZoneInfo("UTC")))
    assert not is_open(hours, datetime(2026, 3, 17, 10, 0, tzinfo=BXL))  # Tuesday: closed
    assert is_open(hours, datetime(2026, 12, 19, 10, 0, tzinfo=BXL))  # a Saturday
    assert not is_open(hours, datetime(2026, 12, 26, 10, 0, tzinfo=BXL))  # closure, Saturday
    monday_closed = parse_hours({"weekly": {"monday": [["09:00", "18:00"]]},
                                 "closures": [{"start": "2026-12-28"}]})
    assert not is_open(monday_closed, datetime(2026, 12, 28, 10, 0, tzinfo=BXL))
    assert is_open(monday_closed, datetime(2027, 1, 4, 10, 0, tzinfo=BXL))


def test_next_change():
    hours = parse_hours(DATA)
    assert next_change(hours, datetime(2026, 3, 16, 10, 0, tzinfo=BXL)) == \
        datetime(2026, 3, 16, 12, 0, tzinfo=BXL)
    assert next_change(hours, datetime(2026, 3, 16, 19, 0, tzinfo=BXL)) == \
        datetime(2026, 3, 21, 9, 0, tzinfo=BXL)
    assert next_change(parse_hours({}), datetime(2026, 3, 16, 19, 0, tzinfo=BXL)) is None


def test_slots_cover_the_ranges():
    hours = parse_hours({"weekly": {"tuesday": [["09:10", "09:40"]]}})
    assert open_slots(hours) == ["f1-37", "p1-36", "p1-38"]
    two = parse_hours({"weekly": {"sunday": [["12:00", "12:05"], ["12:10", "24:00"]]}})
    slots = open_slots(two)
    assert "p6-48" in slots and "f6-48" not in slots and "f6-95" in slots
    assert closed_days(parse_hours(DATA)) == ["2026-08-15", "2026-12-24", "2026-12-25",
                                               "2026-12-26"]
    assert slot_key(datetime(2026, 3, 17, 9, 39, tzinfo=BXL)) == "1-38"
    assert slot_key(datetime(2026, 3, 17, 9, 40, tzinfo=BXL)) == "1-38"
    assert slot_key(datetime(2026, 3, 17, 9, 45, tzinfo=BXL)) == "1-39"


def test_words_per_language():
    hours = parse_hours(DATA)
    assert describe_day(hours, 0, "fr") == "lundi : de 9 h à 12 h et de 13 h 30 à 18 h"
    assert describe_day(hours, 0, "nl") == \
        "maandag: van 9.00 u tot 12.00 u en van 13.30 u tot 18.00 u"
    assert describe_day(hours, 0, "en") == "Monday: from 09:00 to 12:00 and from 13:30 to 18:00"
    assert describe_day(hours, 1, "de") == "Dienstag: geschlossen"
    assert describe_day(hours, 1, "pt-br") == "Tuesday: closed"
    lines = describe(hours, "fr", today=date(2026, 9, 1))
    assert len(lines) == 8
    # in words as every page writes dates, the year only when it is not this one's
    assert lines[-1] == ("Fermeture exceptionnelle du jeudi 24 décembre au samedi "
                         "26 décembre (Fêtes)")
    assert "Fermeture exceptionnelle le samedi 15 août" in describe(hours, "fr",
                                                                   today=date(2026, 8, 1))
    assert describe(hours, "nl", today=date(2025, 8, 1))[-1].startswith(
        "Uitzonderlijk gesloten van donderdag 24 december 2026")


def test_schema_org_specification():
    hours = parse_hours({"weekly": {"monday": [["09:00", "18:00"]],
                                    "tuesday": [["09:00", "18:00"]],
                                    "friday": [["10:00", "24:00"]]},
                         "closures": [{"start": "2026-12-25"}]})
    specs = opening_hours_specification(hours)
    assert specs[0] == {"@type": "OpeningHoursSpecification",
                        "dayOfWeek": [{"@id": "https://schema.org/Monday"},
                                      {"@id": "https://schema.org/Tuesday"}],
                        "opens": "09:00", "closes": "18:00"}
    assert specs[1]["closes"] == "23:59"
    assert specs[2] == {"@type": "OpeningHoursSpecification", "opens": "00:00",
                        "closes": "00:00", "validFrom": "2026-12-25",
                        "validThrough": "2026-12-25"}


def test_category_names_per_language():
    from communesplone.directory.categories import parse_names
    from communesplone.directory.categories import translated
    from communesplone.directory.categories import translated_leaf
    from communesplone.directory.constraints import InvalidCategoryName
    from communesplone.directory.constraints import category_name_line_constraint

    import pytest

    names = parse_names(["Commerce = Handel", "  Boulangerie   =  Bakkerij ", "", "broken"])
    assert names == {"Commerce": "Handel", "Boulangerie": "Bakkerij"}
    assert translated("Commerce > Alimentation > Boulangerie", names) == \
        "Handel > Alimentation > Bakkerij"  # a level left out keeps its name
    assert translated_leaf("Commerce > Alimentation > Boulangerie", names) == "Bakkerij"
    with pytest.raises(InvalidCategoryName):
        category_name_line_constraint("Boulangerie Bakkerij")
    with pytest.raises(InvalidCategoryName):
        category_name_line_constraint("Boulangerie = ")
