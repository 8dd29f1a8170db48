"""casplan.deadlines.reader: the phrase table (tests/data/deadlines/phrases.yaml) and property tests."""

from __future__ import annotations

import inspect
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casplan.deadlines import dates, lexer, milestone, numerals, reader
from casplan.deadlines.milestone import Kind, Milestone
from casplan.deadlines.reader import read, read_deadline

TABLE = Path(__file__).resolve().parents[1] / "data" / "deadlines" / "phrases.yaml"
_DATA = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
CONTEXT: date = _DATA["context"]
PHRASES: list[dict[str, Any]] = _DATA["phrases"]
COMPARED = ("kind", "date", "start", "first", "event", "approximate")


def expected(entry: dict[str, Any]) -> list[dict[str, Any]]:
    defaults = {"date": None, "start": None, "first": None, "event": None, "approximate": False}
    return [{**defaults, **m} for m in entry["milestones"]]


def actual(m: Milestone, wanted: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": m.kind.value, "date": m.date, "start": m.start, "first": m.first,
                           "event": m.event, "approximate": m.approximate}
    for extra in ("clause", "contextual"):
        if extra in wanted:
            out[extra] = getattr(m, extra)
    return out


def test_the_table_is_large_enough_and_each_phrase_once_per_context() -> None:
    assert len(PHRASES) >= 150
    keys = [(p["text"], p.get("context", CONTEXT)) for p in PHRASES]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("entry", PHRASES, ids=[p["text"] or "(empty)" for p in PHRASES])
def test_phrase(entry: dict[str, Any]) -> None:
    context = entry.get("context", CONTEXT)
    reading = read(entry["text"], context)
    wanted = expected(entry)
    assert [actual(m, w) for m, w in zip(reading.milestones, wanted, strict=False)] == wanted
    assert len(reading.milestones) == len(wanted)
    assert reading.unread == entry.get("unread", [])


def test_contextual_is_stated_wherever_the_context_decides() -> None:
    """Every phrase whose reading changes with the context is marked contextual in the table too."""
    for entry in PHRASES:
        here = read(entry["text"], entry.get("context", CONTEXT)).milestones
        elsewhere = read(entry["text"], date(2030, 5, 15)).milestones
        for m, w, other in zip(here, expected(entry), elsewhere, strict=False):
            if (m.date, m.start, m.first) != (other.date, other.start, other.first) and m.kind.every is None:
                assert m.contextual and w.get("contextual") is True, entry["text"]


def test_approximate_readings_say_why() -> None:
    for entry in PHRASES:
        for m in read(entry["text"], entry.get("context", CONTEXT)).milestones:
            assert not m.approximate or m.note, entry["text"]


def test_without_a_context_a_yearless_date_is_not_read() -> None:
    assert read("3月底前完成") .milestones == []
    assert read("3月底前完成").unread == ["3月"]
    assert read("本方案印发后3个月内").milestones == [Milestone(None, Kind.RELATIVE, "本方案印发后3个月内", event="本方案印发")]


def test_read_deadline_is_the_milestones_of_read() -> None:
    text = "2022年3月底前启动，年底前完成。"
    assert read_deadline(text, CONTEXT) == read(text, CONTEXT).milestones
    assert [m.date for m in read_deadline(text, CONTEXT)] == [date(2022, 3, 31), date(2022, 12, 31)]


def test_reading_readable() -> None:
    assert read("2021年底前", CONTEXT).readable
    assert not read("尽快", CONTEXT).readable
    assert not read("2021年底前完成，十十月前总结", CONTEXT).readable


# ------------------------------------------------------------------ property tests

_ALPHABET = (
    "0123456789０１２３〇○零一二两三四五六七八九十百千年月日号旬季度底末前后内起至到从自每半上中下初第个工作周天"
    "“”\"期间时规划五四三十末以来之印发本方案意见通知春节国庆元旦十一立即持续按照进度，。；、—-~/. 完成实施"
)
_TEXT = st.text(alphabet=_ALPHABET, max_size=40) | st.text(max_size=20)
_CONTEXTS = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))
_SETTINGS = settings(max_examples=400, derandomize=True, deadline=None, database=None,
                     suppress_health_check=[HealthCheck.too_slow])
# The crashes of the old reader, always tried first.
_KNOWN = ["十十月", "九五十月", "二〇十一年", "根据十四五季度", "九十九月底前", "每年十十月", "〇〇〇〇年", "0000年", "9999年底"]


@pytest.mark.parametrize("text", _KNOWN)
def test_known_crashes_read_as_unreadable(text: str) -> None:
    reading = read(text, CONTEXT)
    assert not reading.readable and reading.unread, text


def _real(d: object) -> bool:
    return d is None or (isinstance(d, date) and dates.FIRST_YEAR <= d.year <= dates.LAST_YEAR)


@_SETTINGS
@given(_TEXT, _CONTEXTS | st.none())
def test_no_text_crashes_and_every_date_is_real(text: str, context: date | None) -> None:
    reading = read(text, context)
    for m in reading.milestones:
        assert isinstance(m.kind, Kind)
        assert _real(m.date) and _real(m.start) and _real(m.first) and _real(m.until)
        if m.kind is Kind.PERIOD:
            assert m.start is not None and m.date is not None and m.start <= m.date
        if m.first is not None:
            assert m.kind.every is not None
            assert list(m.occurrences(before=m.first)) == [m.first]
        assert m.record()["kind"] == m.kind.value
    for word in reading.unread:
        assert word in text or word in lexer.normalize(text) or lexer.normalize(word) in lexer.normalize(text)


@_SETTINGS
@given(_TEXT, _CONTEXTS)
def test_the_reader_is_pure(text: str, context: date) -> None:
    assert read(text, context) == read(text, context)


def test_the_reader_never_looks_at_today() -> None:
    for module in (reader, lexer, dates, milestone, numerals):
        assert "today(" not in inspect.getsource(module), module.__name__
