"""Units in a parenthesis at the end of a task: （X牵头，Y、Z配合） and its relatives.

Standard forms become roles only (the document prints them back from the roles):
（X牵头） （X牵头，Y、Z配合） （X、Y负责） and labelled ones （牵头单位：X；配合单位：Y）.
Any other wording with units in it (（X会同有关部门负责）, （各省级人民政府按职责分工负责））
becomes roles plus a 分工句式 with placeholders, so it prints back word for word.
A labelled part with no role (适用范围：Y) becomes a field of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from casplan.importer.vocab import split_names
from casplan.labels import ASSIST_VERBS

DEADLINE = re.compile(
    r"(?:\d{4}|[〇零一二三四五六七八九]{4})年|持续|长期|每年|年底|月底|季度|上半年|下半年|十[四五六]五|底前|前完成|常态化|推进进度"
)
_VERBS = re.compile(r"(牵头|配合|参与|会同|协助|协办|按职责分工负责|按职责负责|分别负责|共同负责|负责)")
_NAMEY = re.compile(r"^[^，。：；（）()“”]{2,60}$")
_LABEL = re.compile(r"^[^，。：；、（）()“”]{1,10}：")


@dataclass
class Paren:
    names: dict[str, list[str]] = field(default_factory=dict)  # role → names
    other: dict[str, str] = field(default_factory=dict)  # label → text
    deadline: str | None = None
    wording: str | None = None  # with {role} placeholders
    labelled: bool = False
    labels: dict[str, str] = field(default_factory=dict)  # role → the label written (labelled form)
    assist_verb: str | None = None  # （X牵头，Y协助）: the assisting verb of a standard form


def split_trailing(text: str) -> tuple[str, str, str] | None:
    """(text before, the parenthesis's inside, what follows it: 。 or nothing) for a text ending in （…）."""
    stripped = text.rstrip()
    tail = ""
    if stripped.endswith(("。", "；")) and stripped[:-1].endswith("）"):
        stripped, tail = stripped[:-1], stripped[-1]
    if not stripped.endswith("）"):
        return None
    depth = 0
    for i in range(len(stripped) - 1, -1, -1):
        ch = stripped[i]
        if ch == "）":
            depth += 1
        elif ch == "（":
            depth -= 1
            if depth == 0:
                return stripped[:i], stripped[i + 1 : -1], tail
    return None


def parse(inner: str, label_role: Callable[[str], str | None], deadline_alone: bool = False) -> Paren | None:
    """The roles in a parenthesis, or None when it is no statement of who does the work.

    A parenthesis holding nothing but a deadline is one only when labelled (（完成时限：2024年底前））
    or when `deadline_alone` (the plan writes its deadlines in parentheses: 时限写法 括号).
    """
    inner = inner.strip()
    if "：" in inner:
        return _labelled(inner, label_role)
    segments = [s.strip() for s in inner.split("，") if s.strip()]
    paren = Paren()
    rest: list[str] = []
    in_deadline = False
    for seg in segments:
        # a deadline's own commas: （X牵头，2021年底，完成不少于2个；2022年年底前，完成不少于20个。）
        in_deadline = not _VERBS.search(seg) and (in_deadline or DEADLINE.search(seg) is not None)
        if in_deadline:
            paren.deadline = seg if paren.deadline is None else f"{paren.deadline}，{seg}"
        else:
            rest.append(seg)
    if not rest:
        return paren if deadline_alone and paren.deadline is not None else None
    parsed = [_segment(seg) for seg in rest]
    if any(p is None for p in parsed):
        return None
    pieces = [p for p in parsed if p is not None]
    verbs = [verb for _, verb, _ in pieces]
    plain = all(after == "" for _, _, after in pieces)
    if plain and (verbs == ["牵头"] or len(verbs) == 2 and verbs[0] == "牵头" and verbs[1] in ASSIST_VERBS[:-1]):
        paren.names["lead_units"] = pieces[0][0]
        if len(pieces) == 2:
            paren.names["assist_units"] = pieces[1][0]
            paren.assist_verb = verbs[1]  # standard when the plan's 配合单位 label prints this verb (structure.finish)
        return paren
    if verbs == ["负责"] and pieces[0][2] == "":
        paren.names["units_first_leads"] = pieces[0][0]
        return paren
    # Any other wording: the units into roles, the sentence kept with placeholders.
    out: list[str] = []
    for k, (names, verb, after) in enumerate(pieces):
        role = _role_for(k, verb, paren)
        paren.names[role] = paren.names.get(role, []) + names
        out.append(f"{{{role}}}{verb}{after}")
    if paren.deadline is not None:  # the deadline stays a deadline; the sentence says where it goes
        out.append("{deadline}")
    paren.wording = "，".join(out)
    return paren


def _role_for(k: int, verb: str, paren: Paren) -> str:
    if k == 0:
        return "lead_units" if verb in ("牵头", "会同") else "units_first_leads"
    return "assist_units"


def _segment(seg: str) -> tuple[list[str], str, str] | None:
    """X、Y配合 → ([X, Y], 配合, ''); X会同有关部门负责 → ([X], 会同, 有关部门负责)."""
    m = _VERBS.search(seg)
    if m is None or m.start() == 0:
        return None
    units = seg[: m.start()]
    if not _NAMEY.match(units):
        return None
    names = split_names(units)
    if not names:
        return None
    return names, m.group(1), seg[m.end():]


def _labelled(inner: str, label_role: Callable[[str], str | None]) -> Paren | None:
    paren = Paren(labelled=True)
    found_role = False
    pieces: list[str] = []
    for piece in re.split(r"(?<=[；;])", inner):
        # a text value's own semicolons (时间期限：2021年底，完成2个；2022年年底前，完成20个): no label after
        # them; a name list has none
        if pieces and not _LABEL.match(piece.strip()) and label_role(pieces[-1].partition("：")[0].strip()) in (
                "deadline", None):
            pieces[-1] += piece
        else:
            pieces.append(piece)
    for piece in pieces:
        piece = piece.strip().rstrip("；;").strip()
        if not piece:
            continue
        label, sep, value = piece.partition("：")
        label, value = label.strip(), value.strip()
        if not sep or not label or not value or len(label) > 10:
            return None
        role = label_role(label)
        if role == "deadline":
            paren.deadline = value
            paren.labels[role] = label
        elif role == "measures":
            return None
        elif role is not None:
            paren.names[role] = split_names(value)
            paren.labels[role] = label
            found_role = True
        else:
            paren.other[label] = value
    return paren if found_role or paren.other or paren.deadline is not None else None
