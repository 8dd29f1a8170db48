"""From located paragraphs to the plan: the notice, parts, tasks, fields, sub-items, parentheses.

The paragraphs come from a reader with their numbers (typed, or computed from
Word's numbering) and heading levels (outline level, style, font) where known.
Recognition, in order:

1. Numbers: 一、 （一） 1. （1）. The heading class that owns the work (fields
   follow it, or it ends in a units parenthesis) is the task level; the class
   above it, if any, the part level; one class between them is the groups
   （一） (结构.分组); deeper ones are sub-items when they own work, else text.
2. Without any numbers (a text extracted from Word loses the automatic ones):
   a run of lines before a labelled field that starts a new work is a heading
   run — one line a task title, two lines a part title and a task title.
3. Labelled fields (牵头院领导：…), under the plan's own words (vocab.label_role,
   --label); a short unknown label inside a field block is a field of its own.
4. Sub-items: a line ending in “：” followed by （1）（2）…, each with its fields.
5. A units parenthesis at the end of a work's last text (parens.py).
6. The front matter: the notice (masthead, 发文字号, title, 主送机关, 正文,
   附件说明, 署名, 成文日期) up to the 成文日期 or the 附件 label, then the
   plan's title and preamble.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from casplan.importer import parens
from casplan.importer.ir import (
    LEADER_ROLES,
    NAME_ROLES,
    UNIT_ROLES,
    Loc,
    NoticeIR,
    PartIR,
    PlanIR,
    Work,
)
from casplan.importer.report import Report
from casplan.importer.source import Para
from casplan.importer.vocab import ETC, label_role, split_names
from casplan.labels import ASSIST_VERBS

CN_DIGITS = "〇一二三四五六七八九"
_CN = "零〇一二三四五六七八九十百"
NUMBERED = (
    ("A", re.compile(rf"^([{_CN}]+)(?:、|[.．](?!\d))\s*")),
    ("B", re.compile(rf"^[（(]([{_CN}]+)[）)]\s*")),
    ("C", re.compile(r"^(\d{1,3})(?:[.．](?!\d)|、)\s*")),
    ("D", re.compile(r"^[（(](\d{1,3})[）)]\s*")),
    ("D", re.compile(r"^([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*")),
)
HEADING_CLASSES = ("A", "B", "C")
_FIELD = re.compile(r"^([^：:，,。；;、（）()“”]{2,20}?)\s*[：:]\s*(.*)$", re.S)
_TITLE_END = re.compile(r"(?:方案|清单|分工|计划|要点|台账|措施|意见|安排|任务|分工表)(?:》)?(?:[（(][^）)]*[）)])?$")
_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_CN_DATE = re.compile(rf"^([{CN_DIGITS}零]{{4}})年([{_CN}]{{1,3}})月([{_CN}]{{1,3}})日$")
_DOC_NUMBER = re.compile(r"〔\d{4}〕\s*\d+\s*号|\[\d{4}\]\s*\d+\s*号|［\d{4}］\s*\d+\s*号")
_IMPRINT = re.compile(r"^(?P<printer>.+?)\s+(?P<date>\S+?日)印发$")
_ORDER = {
    "lead_leaders": 0, "assist_leaders": 1, "lead_units": 2, "assist_units": 3, "units_first_leads": 4,
    None: 5, "measures": 6, "deadline": 7,
}
_SENTENCE_END = ("。", "；", "！", "？", "”。")


def cn_number(text: str) -> int | None:
    """一 → 1, 十五 → 15, 二十一 → 21, 一百零五 → 105; digits as they are."""
    if text.isdigit():
        return int(text)
    if len(text) == 1 and text in "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳":
        return "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳".index(text) + 1
    total, current = 0, 0
    for ch in text:
        if ch in "〇零":
            current = 0
        elif ch in CN_DIGITS:
            current = CN_DIGITS.index(ch)
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def iso_date(text: str) -> str | None:
    """2021年9月28日 or 二〇二一年九月二十八日 → 2021-09-28."""
    text = text.strip()
    if m := _DATE.match(text):
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    elif m := _CN_DATE.match(text):
        y = int("".join(str(CN_DIGITS.index(c) if c in CN_DIGITS else 0) for c in m[1]))
        mo_n, d_n = cn_number(m[2]), cn_number(m[3])
        if mo_n is None or d_n is None:
            return None
        mo, d = mo_n, d_n
    else:
        return None
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


@dataclass
class Tok:
    loc: Loc
    text: str
    kind: str  # heading | item | field | text
    cls: str = ""  # A B C D, or H1… for a heading known only by its form
    number: int | None = None
    body: str = ""
    label: str = ""
    role: str | None = None
    value: str = ""


@dataclass
class Options:
    labels: dict[str, str] = field(default_factory=dict)  # extra source label → role (--label)
    leaders: set[str] = field(default_factory=set)  # names that are people (--leaders)


def tokenize(paras: list[Para], options: Options) -> list[Tok]:
    return [_token(p, options) for p in paras]


def _label_role(label: str, options: Options) -> str | None:
    return options.labels.get(label) or label_role(label)


_ATTACHMENT_LABEL = re.compile(r"附件\s*\d*[：:]?")


def _token(p: Para, options: Options) -> Tok:
    text = p.number + p.text if p.number else p.text
    if _ATTACHMENT_LABEL.fullmatch(text):
        return Tok(p.loc, text, "text", body=text)
    for cls, pattern in NUMBERED:
        if m := pattern.match(text):
            kind = "item" if cls == "D" else "heading"
            return Tok(p.loc, text, kind, cls, cn_number(m.group(1)), text[m.end():].strip())
    if p.level is not None and 1 <= p.level <= 3 and not _FIELD.match(text):
        return Tok(p.loc, text, "heading", f"H{p.level}", None, text)
    if (m := _FIELD.match(text)) and len(label := re.sub(r"\s+", "", m.group(1))) <= 12:
        value = m.group(2).strip()  # 牵 头 单 位 ： — letter-spaced labels, as tables justify them
        role = _label_role(label, options)
        if role is not None or (value and len(label) <= 8 and " " not in m.group(1).strip()):
            return Tok(p.loc, text, "field", label=label, role=role, value=value, body=text)
    return Tok(p.loc, text, "text", body=text)


# ---------------------------------------------------------------- front matter


def _body_start(toks: list[Tok], numbered: bool) -> int:
    """Index of the first token of the plan's body (its first heading, or the heading run before its first field)."""
    for i, tok in enumerate(toks):
        if tok.kind == "heading" and not (tok.cls == "H1" and i == 0):
            return i
        if tok.kind == "field" and tok.role is not None:
            if numbered:
                return i
            j = i
            while j > 0 and toks[j - 1].kind == "text" and not toks[j - 1].text.endswith(_SENTENCE_END):
                if _TITLE_END.search(toks[j - 1].text) and j < i:
                    break
                j -= 1
            return j
    return len(toks)


_LABEL_AT_START = re.compile(r"^(牵头单位|责任单位)[：:]")


def _responsible_units(paras: list[Para], options: Options, report: Report) -> Options:
    """责任单位 leads when it stands alone, but assists where the plan also names a 牵头单位 (省政府 plans)."""
    if "责任单位" in options.labels:
        return options
    used = {m.group(1) for p in paras if (m := _LABEL_AT_START.match(p.text))}
    if used == {"牵头单位", "责任单位"}:
        report.note(None, "方案既有“牵头单位”又有“责任单位”：“责任单位”按配合单位处理（可用 --label 责任单位=牵头单位 改变）")
        return Options({**options.labels, "责任单位": "assist_units"}, options.leaders)
    return options


def _attachment_list(toks: list[Tok]) -> None:
    """附件：1．某方案 / 2．某清单 — the numbered lines under 附件： list attachments, not tasks."""
    for i, tok in enumerate(toks):
        if re.match(r"^附件\s*[：:]\s*1[.．、]", tok.text):
            k = i + 1
            while k < len(toks) and toks[k].kind == "heading" and toks[k].cls == "C" and toks[k].number == k - i + 1:
                toks[k].kind, toks[k].cls = "text", "note"
                k += 1


def _inline_trailer(front: list[Tok], body: list[Tok]) -> list[Tok]:
    """The 署名 and 成文日期 after the plan's last part, when the front has no date of its own."""
    if any(iso_date(t.text) for t in front) or not any(t.text.endswith(("：", ":")) for t in front):
        return []
    k = len(body)
    while k > 0 and _imprint_line(body[k - 1]):
        k -= 1
    if k >= 2 and iso_date(body[k - 1].text) and body[k - 2].kind == "text" and len(body[k - 2].text) <= 40:
        return body[k - 2 : k]
    return []


def _front(toks: list[Tok], report: Report) -> tuple[NoticeIR | None, str | None, list[str]]:
    label_at = next((i for i, t in enumerate(toks) if _ATTACHMENT_LABEL.fullmatch(t.text)), None)
    date_at = next((i for i, t in enumerate(toks[: label_at]) if iso_date(t.text)), None)
    notice: NoticeIR | None = None
    head = toks
    if date_at is not None:
        notice = _notice(toks[: date_at + 1], report)
        head = toks[date_at + 1 :]
        if label_at is not None:
            for extra in toks[date_at + 1 : label_at]:
                report.unplaced(extra.loc, extra.text, "在成文日期与“附件”之间，不属于通知的任何部分")
            head = toks[label_at + 1 :]
    elif label_at is not None:
        for extra in toks[:label_at]:
            report.unplaced(extra.loc, extra.text, "在“附件”之前，但找不到成文日期，无法确定为通知的哪一部分")
        head = toks[label_at + 1 :]
    if not head:
        return notice, None, []
    end = next((i for i, t in enumerate(head) if _TITLE_END.search(t.text.replace("\n", ""))), 0)
    title = "\n".join(t.text for t in head[: end + 1])
    preamble = [t.text for t in head[end + 1 :]]
    return notice, title, preamble


def _notice(toks: list[Tok], report: Report) -> NoticeIR:
    notice = NoticeIR()
    i = 0
    if toks and toks[0].text.endswith("文件") and "关于" not in toks[0].text and len(toks[0].text) <= 40:
        notice.masthead = toks[0].text
        i = 1
    if i < len(toks) and _DOC_NUMBER.search(toks[i].text) and len(toks[i].text) <= 40:
        notice.doc_number = toks[i].text
        i += 1
    date_tok = toks[-1]
    notice.date = iso_date(date_tok.text)
    rest = toks[i:-1]
    to = next((k for k, t in enumerate(rest) if t.text.endswith(("：", ":")) and len(t.text) <= 80), None)
    if to is None:
        report.note(None, "通知中找不到主送机关（以“：”结尾的一行）")
        title_toks, after = rest[:1], rest[1:]
    else:
        title_toks, after = rest[:to], rest[to + 1 :]
        line = rest[to].text.rstrip("：:")
        # 各省、自治区、直辖市人民政府，国务院各部委：groups in groups that a list joined by 、 cannot say
        notice.recipients = [line] if "，" in line else split_names(line)
    notice.title = "\n".join(t.text for t in title_toks) or None
    if after:
        notice.signature = after[-1].text
        after = after[:-1]
    notes = [t for t in after if re.match(r"^附件\s*\d*[：:]", t.text) or t.cls == "note"]
    if notes:
        notice.attachment_note = "\n".join(t.text for t in notes)
    notice.body = [t.text for t in after if t not in notes]
    return notice


# ---------------------------------------------------------------- body


@dataclass
class _State:
    plan: PlanIR
    report: Report
    options: Options
    numbered: bool
    part_cls: str | None
    task_cls: str | None
    group_cls: list[str]
    part: PartIR | None = None
    task: Work | None = None
    work: Work | None = None  # the task, or its current sub-item
    last: str | None = None  # the role (or other label, prefixed "=") last written on `work`
    mode: str = ""  # "" | measures | subitems
    singles: list[Work] = field(default_factory=list)  # tasks named by a single unnumbered line
    closing: list[tuple[Tok, str]] = field(default_factory=list)  # fields put on the task after its sub-items


def _owns(toks: list[Tok], i: int) -> bool:
    """A heading owns work: fields follow it (maybe after a line of text), or it ends in a units parenthesis."""
    tok = toks[i]
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is not None and nxt.kind == "field":
        return True
    if parens.split_trailing(tok.body) is not None:
        return True
    return nxt is not None and nxt.kind == "text" and i + 2 < len(toks) and toks[i + 2].kind == "field"


def _levels(toks: list[Tok]) -> tuple[str | None, str | None, list[str]]:
    """(part class, task class, group classes) of the numbered headings.

    The task class is the one whose headings most often own work (by share, the shallower on a
    tie): 一、 parts may own a titleless task now and then, and 1. items under （一） tasks may carry
    units of their own (sub-items), but the tasks are the level that owns work throughout.
    """
    classes: list[str] = []
    owns: dict[str, int] = {}
    counts: dict[str, int] = {}
    for i, tok in enumerate(toks):
        if tok.kind != "heading":
            continue
        if tok.cls not in classes:
            classes.append(tok.cls)
        counts[tok.cls] = counts.get(tok.cls, 0) + 1
        owns[tok.cls] = owns.get(tok.cls, 0) + (1 if _owns(toks, i) else 0)
    if not classes:
        return None, None, []
    ordered = sorted(classes, key=lambda c: _rank(c))
    if any(owns.values()):
        task_cls = max(ordered, key=lambda c: (owns.get(c, 0) / counts[c], -_rank(c)))
    else:
        task_cls = ordered[-1]
    above = [c for c in ordered if _rank(c) < _rank(task_cls)]
    part_cls = above[0] if above else None
    return part_cls, task_cls, above[1:]


def _rank(cls: str) -> int:
    return {"A": 1, "H1": 1, "B": 2, "H2": 2, "C": 3, "H3": 3}.get(cls, 9)


def _same_level(a: str, b: str | None) -> bool:
    return b is not None and _rank(a) == _rank(b)


def build(paras: list[Para], report: Report, options: Options | None = None) -> PlanIR:
    """The plan in `paras`; what cannot be placed goes to `report`."""
    options = options or Options()
    options = _responsible_units(paras, options, report)
    toks = tokenize(paras, options)
    _attachment_list(toks)
    numbered = any(t.kind == "heading" for t in toks)
    start = _body_start(toks, numbered)
    body = toks[start:]
    trailer = _inline_trailer(toks[:start], body)
    if trailer:  # 国务院 意见: the plan is the notice's body, signed and dated after its last part
        end = body.index(trailer[0])
        body = body[:end] + body[end + 2 :]
    notice, title, preamble = _front(toks[:start] + trailer, report)
    part_cls, task_cls, groups = _levels(body) if numbered else (None, None, [])
    for i, tok in enumerate(body):  # headings below the tasks: sub-items when they own work, else text
        if tok.kind == "heading" and task_cls is not None and _rank(tok.cls) > _rank(task_cls):
            tok.kind = "item" if _owns(body, i) else "text"
    plan = PlanIR(notice, title, preamble, [], inline=bool(trailer))
    st = _State(plan, report, options, numbered, part_cls, task_cls, groups)
    i = 0
    while i < len(body):
        i = _step(st, body, i)
    if not numbered:
        _split_single_parts(st)
    for part in [p for p in plan.parts if not p.tasks]:  # a part needs tasks: its heading goes to the report
        report.unplaced(part.loc, part.title or "", "部分下没有任何任务（方案模型中部分由任务组成）")
        plan.parts.remove(part)
    plan.has_parts = bool(plan.parts) and all(p.title is not None for p in plan.parts)
    if numbered and part_cls is None:
        plan.has_parts = False
    plan.has_groups = plan.has_parts and any(p.groups for p in plan.parts)
    if plan.has_groups:
        for part in plan.parts:
            for task in part.tasks:
                if task.group is None:
                    report.unplaced(task.loc, task.title or "", "方案分了组，这项任务却不在任何分组（（一）……）之下")
            part.tasks = [t for t in part.tasks if t.group is not None]
    numbering(plan, task_cls)
    finish(plan, options)
    return plan


def _step(st: _State, toks: list[Tok], i: int) -> int:
    tok = toks[i]
    if tok.kind == "text":
        if _imprint(st, tok):
            return i + 1
        j = i + 1
        while j < len(toks) and toks[j].kind == "text" and not _imprint_line(toks[j]):
            j += 1
        _text_run(st, toks[i:j], toks[j] if j < len(toks) else None)
        return j
    if tok.kind == "heading":
        _heading(st, tok)
    elif tok.kind == "item":
        _item(st, toks, i)
    else:
        if _imprint(st, tok):
            return i + 1
        _field(st, tok)
    return i + 1


def _imprint_line(tok: Tok) -> bool:
    return tok.text.startswith(("抄送：", "抄送:")) or _IMPRINT.match(tok.text) is not None


def _imprint(st: _State, tok: Tok) -> bool:
    """抄送：… and “XX办公厅 2021年9月28日印发” (the 版记) wherever they stand."""
    notice = st.plan.notice
    if notice is None:
        return False
    if tok.text.startswith(("抄送：", "抄送:")):
        notice.copy_to = split_names(tok.text[3:].rstrip("。"))
        return True
    m = _IMPRINT.match(tok.text)
    if m and (date := iso_date(m["date"])):
        notice.printer, notice.print_date = m["printer"].strip(), date
        return True
    return False


def _new_part(st: _State, loc: Loc, title: str | None, number: int | None) -> None:
    st.part = PartIR(loc, title, number)
    st.plan.parts.append(st.part)
    st.task = st.work = None
    st.last, st.mode = None, ""
    st.closing = []


def _new_task(st: _State, loc: Loc, title: str | None, number: int | None) -> Work:
    if st.part is None:
        _new_part(st, loc, None, None)
    assert st.part is not None
    task = Work(loc, number, title)
    if title is not None:
        task.title = _take_paren(st, task, title)
    st.part.tasks.append(task)
    st.task = st.work = task
    st.last, st.mode = None, ""
    st.closing = []
    return task


def _heading(st: _State, tok: Tok) -> None:
    if _same_level(tok.cls, st.part_cls):
        _new_part(st, tok.loc, tok.body, tok.number)
    elif _same_level(tok.cls, st.task_cls):
        task = _new_task(st, tok.loc, tok.body, tok.number)
        if st.group_cls and st.part is not None and st.part.groups:
            task.group = len(st.part.groups) - 1
    elif len(st.group_cls) == 1 and _same_level(tok.cls, st.group_cls[0]) and st.part is not None:
        st.part.groups.append(tok.body)
        st.task = st.work = None
        st.last, st.mode = None, ""
        st.closing = []
    else:
        st.report.unplaced(tok.loc, tok.text, "部分与任务之间的第二层分组标题：方案模型只有一层分组")


def _item(st: _State, toks: list[Tok], i: int) -> None:
    tok = toks[i]
    _untitled_task(st, tok)
    if st.task is None:
        st.report.unplaced(tok.loc, tok.text, "条目（序号）出现在任何任务之前")
        return
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    owns_units = _has_units_paren(st, tok.body)
    owns_fields = nxt is not None and nxt.kind == "field" and nxt.role != "measures"
    # （1）…（k） items, then （1） again with units or fields of its own: the numbers start anew, and a
    # list of works with their own division of labour is the task's sub-items (no “：” line between).
    restart = tok.number == 1 and bool(st.task.measures) and (owns_units or owns_fields)
    if st.mode == "measures" and not restart:
        assert isinstance(st.task.measures, list)
        st.task.measures.append(_take_paren(st, st.task, tok.body))
        st.last = "measures"
        return
    if st.mode == "subitems" or owns_units or owns_fields:
        _reopen_subitems(st)
        st.mode = "subitems"
        sub = Work(tok.loc, tok.number)
        sub.title = _take_paren(st, sub, tok.body)
        st.task.subitems.append(sub)
        st.work, st.last = sub, None
        return
    if st.task.measures is None and not st.task.subitems:
        st.task.measures = [_take_paren(st, st.task, tok.body)]
        st.mode, st.last = "measures", "measures"
        return
    st.report.unplaced(tok.loc, tok.text, "条目不属于具体举措，也不是子项")


def _has_units_paren(st: _State, text: str) -> bool:
    split = parens.split_trailing(text)
    return split is not None and parens.parse(
        split[1], lambda label: _label_role(label, st.options), st.plan.deadline_layout == "括号") is not None


def _starts_new_work(st: _State, tok: Tok) -> bool:
    if st.task is None:
        return True
    order = _ORDER[tok.role]
    work = st.work or st.task
    written = [_ORDER[r] for r in NAME_ROLES if r in work.names]
    written += [_ORDER[None]] if work.other else []
    written += [_ORDER["measures"]] if work.measures is not None else []
    written += [_ORDER["deadline"]] if work.deadline is not None else []
    if work is not st.task:  # a sub-item's fields: a task-level leader line after it starts a new task
        return tok.role in LEADER_ROLES and order <= min(written or [99])
    return any(w >= order for w in written) if tok.role is not None else tok.label in work.other


def _text_run(st: _State, run: list[Tok], nxt: Tok | None) -> None:
    if not st.numbered and nxt is not None and nxt.kind == "field" and nxt.role is not None and _starts_new_work(st, nxt):
        _heading_run(st, run)
        return
    if nxt is not None and nxt.kind == "item" and run[-1].text.endswith(("：", ":")):
        _untitled_task(st, run[-1])
    if nxt is not None and nxt.kind == "item" and run[-1].text.endswith(("：", ":")) and st.task is not None:
        _content(st, run[:-1])
        st.task.subitems_intro = run[-1].text.rstrip("：:")
        st.mode, st.work, st.last = "subitems", st.task, None
        return
    _content(st, run)


def _heading_run(st: _State, run: list[Tok]) -> None:
    if len(run) >= 2:
        first = run[0]
        _new_part(st, first.loc, first.text, None)
        for middle in run[1:-1]:
            st.report.unplaced(middle.loc, middle.text, "无法判断这一行是部分标题还是任务标题（原文没有序号）")
    task = _new_task(st, run[-1].loc, run[-1].text, None)
    if len(run) == 1:
        st.singles.append(task)


def _content(st: _State, run: list[Tok]) -> None:
    """Text that belongs to the work at hand: the rest of its last field, or its measures."""
    if not run:
        return
    lines = [t.text for t in run]
    work = st.work or st.task
    if work is None:
        why = ("部分标题之下、第一项任务之前的文字：方案模型中部分只有标题" if st.part is not None
               else "出现在任何任务之前，不是标题也不是前言")
        for t in run:
            st.report.unplaced(t.loc, t.text, why)
        return
    last = st.last
    if st.mode == "measures" and isinstance(work.measures, list) and work.measures:
        work.measures[-1] = _take_paren(st, work, work.measures[-1] + "\n" + "\n".join(lines))
        return
    if last == "measures" and isinstance(work.measures, str):
        work.measures = _take_paren(st, work, work.measures + "\n" + "\n".join(lines))
        return
    if last == "deadline" and work.deadline is not None:
        work.deadline += "\n" + "\n".join(lines)
        return
    # a field of no role closes no work: the text after it that ends in the units is the task's own
    # (the parenthesis layout prints such fields as lines above the text)
    own_text = work is st.task and work.measures is None and not work.subitems and _has_units_paren(st, lines[-1])
    if last is not None and last.startswith("=") and not own_text:
        label = last[1:]
        work.other[label] += "\n" + "\n".join(lines)
        return
    # The task's text: right under its title, or after its name lines (a name list is one line;
    # in the parenthesis layout the leaders stay lines above the text that ends in the units).
    if work is st.task and work.measures is None and not work.subitems and (
            last is None or last in NAME_ROLES or own_text):
        work.measures = _take_paren(st, work, "\n".join(lines))
        st.last = "measures"
        return
    if work is not st.task and last is None and work.title is not None:
        work.title = _take_paren(st, work, work.title + "\n" + "\n".join(lines))
        return
    for t in run:
        st.report.unplaced(t.loc, t.text, "无法判断这段文字属于哪个字段")


def _untitled_task(st: _State, tok: Tok) -> None:
    """Fields right under a part heading: the part's one task, which has no title of its own."""
    if st.task is None and st.part is not None and st.part.title is not None and st.numbered:
        _new_task(st, tok.loc, None, None)


def _field(st: _State, tok: Tok) -> None:
    _untitled_task(st, tok)
    if st.task is None:
        st.report.unplaced(tok.loc, tok.text, "字段出现在任何任务之前")
        return
    role, label, value = tok.role, tok.label, tok.value
    if st.mode == "measures":
        st.mode, st.work = "", st.task
    work = st.work or st.task
    if role == "measures" and work is not st.task:
        work = st.task
        st.work, st.mode = st.task, ""
    closing = work is st.task and bool(st.closing)
    if work is not st.task and _holds(work, role, label) and not _holds(st.task, role, label):
        # The task's own field after its sub-items (（1）… 时间期限：X / 时间期限：Y): the sub-item
        # already has its own, so the line closes the task — unless another sub-item follows.
        work = st.work = st.task
        closing = True
    if _holds(work, role, label):
        st.report.unplaced(tok.loc, tok.text, f"“{label}”在同一项中重复出现")
        return
    if closing:
        st.closing.append((tok, role or "=" + label))
    if role is None:
        work.other[label] = value
        if label not in st.plan.other_labels:
            st.plan.other_labels.append(label)
        st.last = "=" + label
        return
    _use_label(st, role, label, tok.loc)
    if role == "measures":
        if value:
            work.measures = _take_paren(st, work, value)
        else:
            work.measures = []
            st.mode = "measures"
    elif role == "deadline":
        if not value:
            st.report.unplaced(tok.loc, tok.text, "时间期限没有内容")
            return
        work.deadline = value
    else:
        names = split_names(value)
        if not names:
            st.report.unplaced(tok.loc, tok.text, f"“{label}”没有列出任何名称")
            return
        work.names[role] = names
    st.last = role


def _holds(work: Work, role: str | None, label: str) -> bool:
    return work.has(role) if role is not None else label in work.other


def _reopen_subitems(st: _State) -> None:
    """Another sub-item after fields read as the task's own: those fields stand between sub-items.

    Whether they were a second 时间期限 of the sub-item above or the task's, misplaced, the layout
    does not tell: they go to the report, not into the plan.
    """
    task = st.task
    assert task is not None
    for tok, key in st.closing:
        if key.startswith("="):
            value = task.other.pop(key[1:], None)
        elif key == "deadline":
            value, task.deadline = task.deadline, None
        elif key == "measures":
            value = task.measures if isinstance(task.measures, str) else "\n".join(task.measures or [])
            task.measures = None
        else:
            names = task.names.pop(key, None)
            value = "、".join(names) if names is not None else None
        if value is None:
            continue
        label = tok.label
        st.report.unplaced(tok.loc, f"{label}：{value}",
                           f"“{label}”在子项之间：上面的子项已有“{label}”，下面还有子项，无法判断属于子项还是任务")
    st.closing = []


def _use_label(st: _State, role: str, label: str, loc: Loc) -> None:
    known = st.plan.labels.get(role)
    if known is None:
        st.plan.labels[role] = label
    elif known != label:
        st.report.note(loc, f"“{label}”与前文的“{known}”按同一角色处理，写入方案时统一用“{known}”", label)


def _take_paren(st: _State, work: Work, text: str) -> str:
    """The text without its trailing units parenthesis, whose roles go onto `work`."""
    split = parens.split_trailing(text)
    if split is None:
        return text
    before, inner, tail = split
    found = parens.parse(inner, lambda label: _label_role(label, st.options), st.plan.deadline_layout == "括号")
    if found is None or not before.strip():
        return text
    for role, names in found.names.items():
        if role in work.names and work.names[role] != names:
            label = st.plan.labels.get(role, role)
            st.report.unplaced(work.loc, f"{label}：{'、'.join(work.names[role])}", f"与括号“（{inner}）”中的分工重复，以括号为准")
        work.names[role] = names
    for label, value in found.other.items():
        work.other[label] = value
        if label not in st.plan.other_labels:
            st.plan.other_labels.append(label)
    for role, label in found.labels.items():
        _use_label(st, role, label, work.loc)
    if found.deadline is not None:
        work.deadline = found.deadline
        work.paren_deadline = True
        st.plan.deadline_layout = "括号"
    if found.wording is not None:
        work.wording = found.wording
    work.assist_verb = found.assist_verb
    st.plan.layout = "括号标签" if found.labelled else "括号"
    if any(parens.parse(m.group(1), lambda label: _label_role(label, st.options)) for m in _INNER_PAREN.finditer(before)):
        st.report.note(work.loc, "文字中间还有写着分工的括号，只有末尾的括号读作分工，其余留在文字中", before)
    if tail and not before.endswith(tail):
        before += tail
    return before.rstrip()


def numbering(plan: PlanIR, task_cls: str | None) -> None:
    """How task numbers run (连续, per part, per group) and their style when not the default."""

    def starts(groups: list[list[Work]]) -> list[int]:
        return [n[0] for n in ([t.number for t in g if t.number is not None] for g in groups) if n]

    by_part = starts([p.tasks for p in plan.parts])
    by_group = starts([[t for t in p.tasks if t.group == k] for p in plan.parts for k in range(len(p.groups))])
    plan.continuous = plan.has_parts and len(by_part) > 1 and by_part[0] == 1 and all(s > 1 for s in by_part[1:])
    if plan.has_groups and not plan.continuous and len(by_group) > len(by_part) and all(s == 1 for s in by_group):
        plan.per_group = True
    style = {"A": "一、", "B": "（一）", "C": "1."}.get(task_cls or "")
    default = "1." if plan.continuous or plan.has_groups else ("（一）" if plan.has_parts else "一、")
    if style is not None and style != default:
        plan.task_style = style


_INNER_PAREN = re.compile(r"（([^（）]*)）")


def _split_single_parts(st: _State) -> None:
    """A single unnumbered line over a work split into sub-items with units of their own reads as a part.

    Why: with the numbers lost, “标题 + fields” is either a task of the current part or a new
    part whose one task has no title. A task whose work is split into sub-items, each with its
    own units, and that has no measures of its own is how a plan states a part-sized item.
    """
    for task in st.singles:
        if not (task.subitems and task.measures is None and any(s.names for s in task.subitems)):
            continue
        for part in st.plan.parts:
            if task in part.tasks:
                k = part.tasks.index(task)
                if k == 0 and part.title is not None:
                    break
                moved = part.tasks[k:]
                del part.tasks[k:]
                new = PartIR(task.loc, task.title)
                new.tasks = moved
                st.plan.parts.insert(st.plan.parts.index(part) + 1, new)
                st.report.note(
                    task.loc,
                    "原文无序号：这一行下直接是字段，其工作分为各有分工的子项，按新的部分（其唯一任务无标题）处理",
                    task.title or "",
                )
                task.title = None
                break


def _assist_verbs(plan: PlanIR) -> None:
    """（X牵头，Y协助）: standard when the plan's 配合单位 label prints 协助, else the sentence is kept.

    The label is the source's own when it names the role anywhere (协助部门：…); a plan that only
    writes parentheses takes the role name with the verb it uses first (配合单位, 协助单位, 参与单位).
    """
    verbs = [w.assist_verb for w in plan.works() if w.assist_verb is not None]
    if not verbs:
        return
    label = plan.labels.get("assist_units")
    if label is None and verbs[0] != "配合":
        label = plan.labels["assist_units"] = verbs[0] + "单位"
    printed = next((v for v in ASSIST_VERBS if (label or "配合").startswith(v)), "配合")
    for work in plan.works():
        if work.assist_verb is not None and work.assist_verb != printed and work.wording is None:
            pieces = ["{lead_units}牵头", "{assist_units}" + work.assist_verb]
            work.wording = "，".join(pieces + (["{deadline}"] if work.paren_deadline else []))


def finish(plan: PlanIR, options: Options) -> None:
    """Move people named as units (--leaders) to the leader roles; collect the registries."""
    _assist_verbs(plan)
    if plan.layout == "标签行":  # “子项：” is how a labelled-line plan heads sub-items that have no lead-in
        for task in plan.works():
            if task.subitems_intro == "子项":
                task.subitems_intro = None
    people = options.leaders
    for work in plan.works():
        for unit_role, leader_role in (("lead_units", "lead_leaders"), ("assist_units", "assist_leaders"),
                                       ("units_first_leads", "lead_leaders")):
            names = work.names.get(unit_role)
            if not names or not people:
                continue
            persons = [n for n in names if n in people]
            if persons:
                kept = [n for n in names if n not in people]
                work.names[leader_role] = work.names.get(leader_role, []) + persons
                if kept and kept != [ETC]:
                    work.names[unit_role] = kept
                else:
                    del work.names[unit_role]
                if leader_role not in plan.labels:
                    plan.labels[leader_role] = {"lead_leaders": "牵头领导", "assist_leaders": "配合领导"}[leader_role]
    for work in plan.works():
        for role in LEADER_ROLES:
            for name in work.names.get(role, []):
                if name != ETC and name not in plan.leaders:
                    plan.leaders.append(name)
        for role in UNIT_ROLES:
            for name in work.names.get(role, []):
                if name != ETC and name not in plan.units:
                    plan.units.append(name)

