import csv
import io
import json

import yaml

from casplan.output import DataFormat, plain, table, to_csv, write_records

RECORDS = [{"编号": "a", "协助部门": ["学部工作局", "发展规划局", "等"]}, {"编号": "b", "时间期限": "持续推进。"}]


def test_plain() -> None:
    assert (plain(["甲", "乙", "等"]), plain(["甲", "乙"]), plain(None), plain(3)) == ("甲、乙等", "甲、乙", "", "3")


def test_csv_has_bom_crlf_and_every_key() -> None:
    text = to_csv(RECORDS)
    assert text.startswith("\ufeff编号,时间期限,协助部门\r\n")  # a later row's key goes after the key it follows
    rows = list(csv.DictReader(io.StringIO(text.encode("utf-8").decode("utf-8-sig"))))
    assert rows == [{"编号": "a", "协助部门": "学部工作局、发展规划局等", "时间期限": ""},
                    {"编号": "b", "协助部门": "", "时间期限": "持续推进。"}]


def test_json_and_yaml_carry_the_same_records() -> None:
    out_json, out_yaml = io.StringIO(), io.StringIO()
    write_records(RECORDS, DataFormat.JSON, out_json)
    write_records(RECORDS, DataFormat.YAML, out_yaml)
    assert json.loads(out_json.getvalue()) == RECORDS == yaml.safe_load(out_yaml.getvalue())
    empty = io.StringIO()
    write_records([], DataFormat.YAML, empty)
    assert yaml.safe_load(empty.getvalue()) == []


def test_plain_table_without_a_terminal_has_no_boxes_and_folds(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "40")
    out = io.StringIO()
    long = "这是一个非常长的任务标题，没有空格也必须完整折行显示而不是被截断"
    table(["编号", "事项"], [["learn-notice", long]], out=out, keep=("编号",))
    text = out.getvalue()
    assert "\x1b[" not in text and not set("─│┌┐└┘━") & set(text)
    assert "…" not in text
    assert long in "".join(line[14:].strip() for line in text.splitlines()[1:])
    assert "learn-notice" in text.splitlines()[1]
