"""Opening hours as people type them (French, Dutch, a little English and German)."""

from communesplone.directory.hours import HoursError
from communesplone.directory.hours import parse_day
from communesplone.directory.hours import parse_hours
from communesplone.directory.hours import parse_text
from communesplone.directory.hours import to_data
from communesplone.directory.hours import to_text

import pytest

ALL = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def weekly(text):
    return to_data(parse_text(text))["weekly"]


def every(days, ranges):
    return dict.fromkeys(days, ranges)


@pytest.mark.parametrize("text, expected", [
    # French
    ("9h-18h", every(ALL, [["09:00", "18:00"]])),
    ("9h30-12h, 13h-17h30", every(ALL, [["09:30", "12:00"], ["13:00", "17:30"]])),
    ("09:00-18:00", every(ALL, [["09:00", "18:00"]])),
    ("9 h - 18 h", every(ALL, [["09:00", "18:00"]])),
    ("de 9 h à 12 h et de 13 h 30 à 18 h", every(ALL, [["09:00", "12:00"], ["13:30", "18:00"]])),
    ("9.30-12.00", every(ALL, [["09:30", "12:00"]])),
    ("10-24h", every(ALL, [["10:00", "24:00"]])),
    ("lundi-vendredi 9h-18h", every(ALL[:5], [["09:00", "18:00"]])),
    ("Lun-Ven 9h-18h", every(ALL[:5], [["09:00", "18:00"]])),
    ("du lundi au vendredi de 9h à 18h, samedi de 9h à 12h",
     {**every(ALL[:5], [["09:00", "18:00"]]), "saturday": [["09:00", "12:00"]]}),
    ("9h-18h, fermé le lundi", every(ALL[1:], [["09:00", "18:00"]])),
    ("fermé le lundi, 9h-18h", every(ALL[1:], [["09:00", "18:00"]])),
    ("Fermé le lundi et le mardi, 10h-18h", every(ALL[2:], [["10:00", "18:00"]])),
    ("tous les jours 9h-18h sauf le dimanche", every(ALL[:6], [["09:00", "18:00"]])),
    ("lundi : fermé ; mardi 9h-12h", {"tuesday": [["09:00", "12:00"]]}),
    ("lundi, mardi 9h-12h", every(ALL[:2], [["09:00", "12:00"]])),
    ("lundi 9h-12h, lundi 14h-18h", {"monday": [["09:00", "12:00"], ["14:00", "18:00"]]}),
    ("sam., dim. 10-12", every(ALL[5:], [["10:00", "12:00"]])),
    ("week-end 10h-17h", every(ALL[5:], [["10:00", "17:00"]])),
    ("samedi-lundi 10h-12h", every(("saturday", "sunday", "monday"), [["10:00", "12:00"]])),
    # Dutch
    ("9u-18u", every(ALL, [["09:00", "18:00"]])),
    ("9u30-12u, 13u-17u30", every(ALL, [["09:30", "12:00"], ["13:00", "17:30"]])),
    ("9u-18u, gesloten op maandag", every(ALL[1:], [["09:00", "18:00"]])),
    ("maandag tot vrijdag van 9 tot 12 uur en van 13 tot 18 uur",
     every(ALL[:5], [["09:00", "12:00"], ["13:00", "18:00"]])),
    ("Maandag: gesloten; dinsdag t/m zaterdag van 9u tot 18u",
     every(ALL[1:6], [["09:00", "18:00"]])),
    ("ma-vr 9u-18u, za 10u-16u, zo gesloten",
     {**every(ALL[:5], [["09:00", "18:00"]]), "saturday": [["10:00", "16:00"]]}),
    ("elke dag 9u-18u behalve zondag", every(ALL[:6], [["09:00", "18:00"]])),
    # English, German
    ("Mon-Fri 9:00-17:00", every(ALL[:5], [["09:00", "17:00"]])),
    ("Mo-Fr 9:00-18:00 Uhr", every(ALL[:5], [["09:00", "18:00"]])),
])
def test_reads_what_people_write(text, expected):
    assert weekly(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "fermé", "Fermé", "gesloten", "fermé le lundi",
                                  "gesloten op maandag", "closed"])
def test_closed_or_empty(text):
    assert not any(parse_text(text).weekly)


@pytest.mark.parametrize("text, code, detail", [
    ("blah 9h-12h", "text", "blah"),
    ("9h-12h le matin", "text", "matin"),
    ("Vérifier 9h-12h", "text", "Vérifier"),
    ("lundi", "days_without_hours", "lundi"),
    ("Maandag", "days_without_hours", "Maandag"),
    ("18h-9h", "end_before_start", "18h-9h"),
    ("12u-12u", "end_before_start", "12u-12u"),
    ("25h-26h", "time", "25h-26h"),
    ("9h-18h70", "time", "9h-18h70"),
    ("9h-12h, 11h-13h", "overlap", "monday"),
])
def test_says_what_it_did_not_understand(text, code, detail):
    with pytest.raises(HoursError) as raised:
        parse_text(text)
    assert raised.value.code == code
    assert raised.value.detail == detail


def test_one_day():
    assert parse_day("9h-12h, 13h30-18h") == ((540, 720), (810, 1080))
    assert parse_day("fermé") == ()
    assert parse_day("") == ()


@pytest.mark.parametrize("language", ["fr", "nl", "en", "de"])
def test_text_form_reads_back(language):
    hours = parse_hours({"weekly": {
        "monday": [["09:00", "12:00"], ["13:30", "18:00"]],
        "tuesday": [["09:00", "12:00"], ["13:30", "18:00"]],
        "wednesday": [["09:00", "12:00"], ["13:30", "18:00"]],
        "saturday": [["09:00", "12:30"]], "sunday": [["10:00", "24:00"]]}})
    text = to_text(hours, language)
    assert parse_text(text) == hours


def test_text_form_in_words_people_use():
    hours = parse_text("lundi-vendredi 9h-12h, 13h30-18h; samedi 9h-12h")
    assert to_text(hours, "fr") == "lundi-vendredi 9h-12h, 13h30-18h; samedi 9h-12h"
    assert to_text(hours, "nl") == "maandag-vrijdag 9u-12u, 13u30-18u; zaterdag 9u-12u"
    assert to_text(parse_text(""), "fr") == ""


def test_exceptional_closures_in_words():
    data = to_data(parse_text("lundi-vendredi 9h-18h; fermé du 24/12/2026 au 26/12/2026 "
                              "(Fêtes de fin d'année); fermé le 01/01/2027"))
    assert data["closures"] == [
        {"start": "2026-12-24", "end": "2026-12-26", "reason": "Fêtes de fin d'année"},
        {"start": "2027-01-01"}]
    assert to_data(parse_text("9u-18u, gesloten van 24/12/2026 tot 26/12/2026"))[
        "closures"] == [{"start": "2026-12-24", "end": "2026-12-26"}]
    both = to_data(parse_text("9h-18h, fermé le lundi et du 24/12/2026 au 26/12/2026"))
    assert "monday" not in both["weekly"] and len(both["closures"]) == 1


@pytest.mark.parametrize("text, code, detail", [
    ("24/12/2026", "text", "24/12/2026"),  # a date alone: open or closed?
    ("fermé le 31/02/2026", "date", "31/02/2026"),
    ("fermé du 26/12/2026 au 24/12/2026", "end_before_start", "du 26/12/2026 au 24/12/2026"),
])
def test_closures_not_understood(text, code, detail):
    with pytest.raises(HoursError) as raised:
        parse_text(text)
    assert (raised.value.code, raised.value.detail) == (code, detail)


@pytest.mark.parametrize("language", ["fr", "nl", "en", "de"])
def test_closures_read_back(language):
    hours = parse_hours({"weekly": {"monday": [["09:00", "12:00"]]},
                         "closures": [{"start": "2026-12-24", "end": "2026-12-26",
                                       "reason": "Fêtes"}, {"start": "2027-01-01"}]})
    assert parse_text(to_text(hours, language)) == hours


def test_when_words():
    from communesplone.directory.hours import when_words
    from datetime import datetime
    from zoneinfo import ZoneInfo

    bxl = ZoneInfo("Europe/Brussels")
    now = datetime(2026, 12, 1, 20, 0, tzinfo=bxl)  # a Tuesday evening
    assert when_words(datetime(2026, 12, 2, 7, 0, tzinfo=bxl), now, "fr") == ("mercredi", "7 h")
    assert when_words(datetime(2026, 12, 2, 7, 30, tzinfo=bxl), now, "nl") == \
        ("woensdag", "7.30 u")
    assert when_words(datetime(2026, 12, 24, 9, 0, tzinfo=bxl), now, "fr") == \
        ("jeudi 24 décembre", "9 h")
