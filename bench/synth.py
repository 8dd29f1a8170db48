"""Synthetic plans for the benchmark: deterministic from a seed, shaped like real ones.

`write_plan(folder, tasks, seed)` writes a plan folder (plan.yaml, leaders.yaml,
departments.yaml, sections/NNNN-….yaml with 50 tasks a file) that validates
without errors: Chinese text of realistic lengths (titles of 15–60 characters,
measures of one paragraph or 2–5 items, up to ~300 characters each), 1–3 lead
leaders, 0–2 assisting leaders, 1–3 lead and 0–5 assisting units (so 1–6 units a
task) named through aliases now and then, a trailing 等, collective units,
deadlines in every form the reader knows (月底前, 年底, 上半年, 季度, “十四五”末,
持续推进, 每年, 按照国家有关部门…, several milestones in one text), sub-items with
their own units and deadlines on about one task in sixteen, and comments.

`write_rounds(folder, rounds, seed)` adds progress rounds (进展/YYYY-MM.yaml, one a
quarter from 2021年第四季度) to such a plan: see its docstring.

The same (tasks, seed) always gives byte-identical files; so does (plan, rounds, seed).
"""

from __future__ import annotations

import calendar
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

TASKS_PER_FILE = 50

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "建国克强琪和俊树深鸿钧涛庆亚平明华伟芳军敏静丽强磊洋勇艳杰娟涛超秀兰霞平刚桂英"

UNIT_STEMS = [
    "办公厅", "发展规划局", "学部工作局", "前沿科学与教育局", "重大科技任务局", "科技促进发展局",
    "条件保障与财务局", "人事局", "直属机关党委", "国际合作局", "科学传播局", "监督与审计局",
    "离退休干部工作局", "机关服务中心", "档案馆", "文献情报中心", "网络信息中心", "计算机网络信息中心",
    "科技战略咨询研究院", "大学", "研究生院", "出版社", "资产管理公司", "物理研究所", "化学研究所",
    "数学与系统科学研究院", "生物物理研究所", "地理科学与资源研究所", "大气物理研究所", "植物研究所",
]
COLLECTIVES = ["院机关各有关部门", "各分院分党组", "院属各单位", "院属各研究所", "各有关单位"]

VERBS = ["研究制定", "统筹推进", "组织实施", "深入开展", "加快建设", "完善", "健全", "优化", "落实", "强化",
         "推动", "系统谋划", "持续深化", "探索建立", "积极争取", "部署开展", "稳步推进", "全面加强"]
OBJECTS = ["基础研究十年行动方案", "关键核心技术攻关", "科技成果转移转化机制", "人才评价制度改革", "科研诚信建设",
           "国家重点实验室体系重组", "重大科技基础设施运行管理", "学部咨询评议工作", "国际科技合作布局",
           "科研经费管理改革", "青年科技人才支持计划", "科技期刊建设", "科学数据共享平台", "院地合作机制",
           "创新研究院建设", "研究所分类改革", "绩效评价体系", "科技智库建设", "科学普及工作", "网络安全保障"]
TAILS = ["，形成可复制可推广的经验", "，确保各项任务落地见效", "，提升服务国家战略需求的能力",
         "，推动形成一批标志性成果", "，建立健全长效机制", "，切实发挥国家战略科技力量作用", ""]
CLAUSES = ["对照习近平总书记重要讲话和大会精神，深入开展调研", "根据党组会议审议意见进一步修改完善",
           "会同有关部门研究提出具体措施", "建立工作台账，明确责任分工和时间节点", "定期报告进展情况，及时协调解决问题",
           "在试点基础上总结经验并逐步推广", "加强与国家有关部门的沟通衔接，争取政策支持",
           "组织专家论证，形成高质量的研究报告", "将落实情况纳入年度考核", "发挥研究所主体作用，调动科研人员积极性",
           "聚焦“卡脖子”问题，凝练重大任务", "完善经费投入、人才配置和条件保障"]


def _deadline(rng: random.Random) -> str:
    """A 时间期限 in one of the forms real plans use (the reader knows each)."""
    y = rng.choice([2021, 2022, 2023, 2024, 2025])
    m = rng.randint(1, 12)
    forms = [
        f"{y}年{m}月底前完成。",
        f"{y}年年底前完成。",
        f"{y}年底。",
        f"{y}年。",
        f"{y}年上半年完成。",
        f"{y}年第{rng.choice('一二三四')}季度完成。",
        f"{y}年{m}月{rng.randint(1, 28)}日前完成。",
        f"{y}年底前启动首批试点。",
        "“十四五”末。",
        "持续推进。",
        "长期坚持。",
        "每年。",
        f"每年{m}月底前。",
        "按照国家有关部门工作推进进度。",
        f"{y}年底，完成不少于{rng.randint(2, 9)}个；{y + 1}年年底前，完成不少于{rng.randint(10, 30)}个。",
        f"{y}年{m}月底前出台方案，{y + 1}年年底前全面完成。",
    ]
    return rng.choice(forms)


def _sentence(rng: random.Random, low: int, high: int) -> str:
    """Chinese prose between `low` and `high` characters (roughly), ending in 。."""
    text = rng.choice(VERBS) + rng.choice(OBJECTS)
    clauses = rng.sample(CLAUSES, len(CLAUSES))
    while len(text) < low and clauses:
        text += "，" + clauses.pop()
    return text[:high].rstrip("，") + "。"


def _title(rng: random.Random) -> str:
    title = rng.choice(VERBS) + rng.choice(OBJECTS) + rng.choice(TAILS)
    while len(title) < 15:
        title += rng.choice(TAILS) or "，抓好落实"
    return title[:60]


def _names(rng: random.Random, pool: list[str], low: int, high: int) -> list[str]:
    return rng.sample(pool, rng.randint(low, high))


def _flow(names: list[str]) -> str:
    return "[" + ", ".join(names) + "]"


class _Registry:
    def __init__(self, rng: random.Random) -> None:
        people: list[str] = []
        while len(people) < 16:
            name = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice([1, 2])))
            if name not in people:
                people.append(name)
        self.leaders = people
        self.units = list(UNIT_STEMS)
        # An alias for one unit in five: 人事局 → 院人事局; queries and checks resolve them.
        self.aliases = {u: f"院{u}" for u in self.units[::5] if not u.startswith("院")}
        self.collectives = list(COLLECTIVES)

    def unit(self, rng: random.Random, name: str) -> str:
        return self.aliases[name] if name in self.aliases and rng.random() < 0.3 else name

    def leaders_yaml(self) -> str:
        lines = ["# 合成方案的领导名录（基准测试用，姓名为随机组合）。", "院领导:"]
        lines += [f"  - 姓名: {n}" for n in self.leaders]
        return "\n".join(lines) + "\n"

    def departments_yaml(self) -> str:
        lines = ["# 合成方案的部门名录：部门、单位和集体，部分带别名。", "部门:"]
        for u in self.units:
            lines.append(f"  - 名称: {u}")
            if u.endswith("所") or u.endswith("院") and u != "研究生院":
                lines.append("    类别: 单位")
            if u in self.aliases:
                lines.append(f"    别名: [{self.aliases[u]}]")
        for c in self.collectives:
            lines += [f"  - 名称: {c}", "    类别: 集体"]
        return "\n".join(lines) + "\n"


def _task(rng: random.Random, reg: _Registry, n: int) -> list[str]:
    lines = [f"  - 编号: task-{n:05d}"]
    if rng.random() < 0.1:
        lines.append("    # 本项根据党组会议意见调整了牵头部门。")
    lines.append(f"    标题: {_title(rng)}")
    lead_leaders = _names(rng, reg.leaders, 1, 3)
    rest = [p for p in reg.leaders if p not in lead_leaders]
    lines.append(f"    牵头院领导: {_flow(lead_leaders)}")
    assist_leaders = _names(rng, rest, 0, 2)
    if assist_leaders:
        lines.append(f"    配合院领导: {_flow(assist_leaders)}")
    units = _names(rng, reg.units, 1, 6)
    cut = rng.randint(1, min(3, len(units)))
    lead, assist = units[:cut], units[cut:]
    lines.append(f"    牵头部门: {_flow([reg.unit(rng, u) for u in lead])}")
    if assist or rng.random() < 0.2:
        extra = [rng.choice(reg.collectives)] if rng.random() < 0.15 else []
        tail = ["等"] if rng.random() < 0.15 else []
        named = [reg.unit(rng, u) for u in assist] + extra
        if named:
            lines.append(f"    协助部门: {_flow(named + tail)}")
    subitems = rng.random() < 0.06
    if not subitems or rng.random() < 0.5:
        if rng.random() < 0.5:
            lines.append(f"    具体举措: {_sentence(rng, 80, 300)}")
        else:
            lines.append("    具体举措:")
            lines += [f"      - {_sentence(rng, 30, 160)}" for _ in range(rng.randint(2, 5))]
    if subitems:
        lines.append("    子项导语: 向国家有关部门提出具体建议")
        lines.append("    子项:")
        for s in range(1, rng.randint(2, 7) + 1):
            lines.append(f"      - 编号: task-{n:05d}-{s}")
            lines.append(f"        内容: {_sentence(rng, 40, 200)}")
            if rng.random() < 0.7:
                free = [u for u in reg.units if u not in assist]  # a unit never leads what it assists
                lines.append(f"        牵头部门: {_flow([reg.unit(rng, u) for u in _names(rng, free, 1, 2)])}")
            lines.append(f"        时间期限: {_deadline(rng)}")
    if not subitems or rng.random() < 0.3:
        lines.append(f"    时间期限: {_deadline(rng)}")
    return lines


def write_plan(folder: Path, tasks: int, seed: int = 2021, frame: Path | None = None) -> list[str]:
    """Write a plan of `tasks` tasks into `folder` (created); return the section file names.

    `frame` is a plan.yaml whose notice is kept (its 部分 list replaced); without one a
    minimal notice is written.
    """
    rng = random.Random(seed)
    reg = _Registry(rng)
    (folder / "sections").mkdir(parents=True, exist_ok=True)
    (folder / "leaders.yaml").write_text(reg.leaders_yaml(), encoding="utf-8")
    (folder / "departments.yaml").write_text(reg.departments_yaml(), encoding="utf-8")
    names: list[str] = []
    for f, start in enumerate(range(0, tasks, TASKS_PER_FILE), start=1):
        name = f"{f:04d}-{rng.choice(OBJECTS)}.yaml"
        names.append(name)
        lines = [f"# 第{f}部分（合成）。", f"标题: {_title(rng)}", "任务:"]
        for n in range(start, min(start + TASKS_PER_FILE, tasks)):
            lines += _task(rng, reg, n + 1)
        (folder / "sections" / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    listing = "".join(f"    - {n}\n" for n in names)
    if frame is not None:
        head = frame.read_text(encoding="utf-8").split("  部分:\n")[0]
    else:
        head = _MINIMAL_NOTICE
    (folder / "plan.yaml").write_text(head + "  部分:\n" + listing, encoding="utf-8")
    return names


_MINIMAL_NOTICE = """\
发文机关: 合成机关党组
发文机关标志: 合成机关党组文件
党的机关: true
发文字号: 合成党字〔2021〕1号
标题: 合成机关党组关于印发重点工作分工方案的通知
主送机关: [各有关单位]
正文:
  - 现将重点工作分工方案印发给你们，请认真贯彻落实。
署名: 合成机关党组
成文日期: 2021-09-28
附件:
  标题: 重点工作分工方案
"""


# ---------------------------------------------------------------- progress rounds (进展/)

PROGRESS = ["已印发实施方案，明确了责任分工和时间节点", "召开专题推进会，研究部署下一阶段重点工作",
            "完成前期调研，形成调研报告初稿", "会同有关部门研究提出具体措施，正在征求意见",
            "试点工作已在部分研究所启动，运行情况总体平稳", "已报党组会议审议，根据审议意见修改完善",
            "建立工作台账，按月调度进展情况", "组织专家论证，形成高质量的研究报告",
            "相关制度文件已印发，各单位正在抓好落实", "与国家有关部门沟通衔接，争取政策支持",
            "年度目标任务已基本完成，正在总结评估", "已完成阶段性工作，形成一批标志性成果"]
NEXT = ["继续推进试点，及时总结经验", "抓紧完成征求意见和修改完善", "按计划组织实施，确保按期完成",
        "加强跟踪督办，推动各项措施落地见效", "做好总结评估，形成可复制可推广的经验"]
PROBLEMS = ["相关政策需国家有关部门统一部署", "部分研究所经费保障不足", "跨部门协调难度较大，进度慢于预期",
            "专业人才短缺，工作力量不足"]
DELAYS = ["待国家有关部门统一部署后推进", "年度预算批复晚于预期", "需与各分院分党组协调，时间有所延后",
          "根据党组会议意见调整了工作方案", "试点范围扩大，所需时间增加"]


def _prose(rng: random.Random, pool: list[str], low: int, high: int) -> str:
    """Report prose of `low`–`high` characters (roughly), ending in 。."""
    parts = rng.sample(pool, len(pool))
    text = parts.pop()
    while len(text) < low and parts:
        text += "；" + parts.pop()
    return text[:high].rstrip("；") + "。"


def round_dates(rounds: int, first: date = date(2021, 12, 31)) -> list[date]:
    """One 报送截止 a quarter: the last day of every third month from `first`'s."""
    out = []
    for i in range(rounds):
        months = first.year * 12 + first.month - 1 + 3 * i
        year, month = divmod(months, 12)
        out.append(date(year, month + 1, calendar.monthrange(year, month + 1)[1]))
    return out


def _quarter(day: date) -> str:
    return f"{day.year}年第{'一二三四'[(day.month - 1) // 3]}季度"


class _Course:
    """How one item (or one of its milestones) goes over the rounds: started, finished, paused, cancelled."""

    def __init__(self, rng: random.Random, rounds: int, due_round: int | None) -> None:
        self.start = rng.choice([0, 0, 0, 1, 1, 2, 3])
        # Finished around the round of its milestone (earlier or later), one in six never within the rounds.
        around = due_round if due_round is not None else rng.randint(2, rounds + 4)
        self.done = None if rng.random() < 0.17 else max(self.start, around + rng.randint(-3, 3))
        self.cancelled = rng.random() < 0.02
        pause = rng.random() < 0.06
        self.pause = range(self.start + 1, self.start + 1 + rng.randint(1, 3)) if pause else range(0)
        self.done_on = ""  # set in the round it is finished, repeated in later rounds

    def status(self, k: int) -> str:
        if self.done is not None and k >= self.done:
            return "已完成"
        if self.cancelled and k >= self.start + 2:
            return "取消（经批准）"
        if k < self.start:
            return "未启动"
        return "暂缓" if k in self.pause else "推进中"


def write_rounds(folder: Path, rounds: int, seed: int = 2021) -> list[str]:
    """Write `rounds` progress rounds for the (valid) plan in `folder`; return the file names.

    Quarterly rounds from 2021-12-31 (the file 进展/2021-12.yaml is 2021年第四季度).
    Every point casplan follows (an item, or each dated milestone of it) has a course
    over the rounds — 未启动, then 推进中 (暂缓 for a while now and then), then 已完成 with
    a 完成日期 in that quarter, or 取消（经批准）, or still open past its date: overdue,
    with a 延期原因 as the checks ask. Each open item is reported in about nine rounds of
    ten, a finished one again now and then; an item with several milestones is reported
    per 节点 in half the cases. 进展 of 30–200 characters on most entries, 下步计划,
    问题和困难 and 佐证材料 on some, the unit that reports (a lead unit, by its alias now
    and then), comments. The rounds validate without errors.

    The points are the ones casplan's progress code follows (casplan.progress.items), so
    casplan must be importable: deriving milestones anew here would be a second deadline reader.
    """
    from casplan.plan import open_plan
    from casplan.progress.items import issued, lead_units, plan_rows, points

    rng = random.Random(seed * 7919 + rounds)
    plan = open_plan(folder)
    days = round_dates(rounds)
    first_day = issued(plan) or date(2021, 1, 1)
    aliases = _aliases(plan)
    tasks = {r.id: r for r in plan_rows(plan) if r.is_task}
    by_item: dict[str, list[date | None]] = {}
    rows: dict[str, Any] = {}
    for p in points(plan):
        by_item.setdefault(p.id, []).append(p.due)
        rows[p.id] = p.row

    def due_round(due: date | None) -> int | None:
        return None if due is None else next((k for k, d in enumerate(days) if d >= due), len(days))

    plans: list[tuple[str, list[date | None], bool, list[_Course], list[str]]] = []
    for item, dues in by_item.items():
        row = rows[item]
        units = lead_units(plan, row) or lead_units(plan, tasks[row.task_id])
        per_milestone = len(dues) > 1 and rng.random() < 0.5
        courses = [_Course(rng, rounds, due_round(d)) for d in (dues if per_milestone else [min(
            (d for d in dues if d is not None), default=None)])]
        plans.append((item, dues, per_milestone, courses, units))

    names = []
    (folder / "进展").mkdir(exist_ok=True)
    for k, day in enumerate(days):
        since = max(days[k - 1] if k else first_day, first_day)
        lines = [f"# {_quarter(day)}督办（合成）：各部门报送，办公厅汇总。", f"名称: {_quarter(day)}",
                 f"报送截止: {day.isoformat()}", "条目:"]
        for item, dues, per_milestone, courses, units in plans:
            targets = list(zip(dues, courses)) if per_milestone else [(None, courses[0])]
            for due, course in targets:
                status = course.status(k)
                before = course.status(k - 1) if k else "未启动"
                fresh = status != before or k == 0
                if status in ("已完成", "取消（经批准）") and not fresh and rng.random() < 0.7:
                    continue  # closed earlier: reported again now and then
                if not fresh and rng.random() < 0.1:
                    continue  # a round missed
                if status == "已完成" and not course.done_on:
                    course.done_on = _done_on(rng, since, day)
                lines += _entry(rng, item, due if per_milestone else None, status, course.done_on, day, units,
                                aliases, late=_late(dues if not per_milestone else [due], day, status))
        name = f"{day.year}-{day.month:02d}.yaml"
        names.append(name)
        (folder / "进展" / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return names


def _aliases(plan: Any) -> dict[str, list[str]]:
    """Canonical department → its other spellings, as the registry declares them."""
    out: dict[str, list[str]] = {}
    for spelling, name in plan.departments.spellings.items():
        if spelling != name:
            out.setdefault(name, []).append(spelling)
    return out


def _late(dues: list[date | None], day: date, status: str) -> bool:
    return status not in ("已完成", "取消（经批准）") and any(d is not None and d < day for d in dues)


def _entry(rng: random.Random, item: str, milestone: date | None, status: str, done_on: str, day: date,
           units: list[str], aliases: dict[str, list[str]], late: bool) -> list[str]:
    lines = []
    if rng.random() < 0.04:
        lines.append("  # 本条经分管院领导审核。")
    lines.append(f"  - 编号: {item}")
    if milestone is not None:
        lines.append(f"    节点: {milestone.isoformat()}")
    lines.append(f"    状态: {status}")
    if status == "已完成":
        lines.append(f"    完成日期: {done_on}")
    if status != "未启动" and rng.random() < 0.85:
        lines.append(f"    进展: {_prose(rng, PROGRESS, rng.randint(30, 200), 220)}")
    if units:
        unit = rng.choice(units)
        spelled = aliases.get(unit) or []
        lines.append(f"    报送单位: {rng.choice(spelled) if spelled and rng.random() < 0.3 else unit}")
    if status in ("推进中", "暂缓") and rng.random() < 0.1:
        lines.append("    佐证材料:")
        lines += [f"      - {rng.choice(['院发', '院办发', '科发'])}〔{day.year}〕{rng.randint(1, 200)}号"
                  for _ in range(rng.randint(1, 3))]
    if status in ("未启动", "推进中") and rng.random() < 0.3:
        lines.append(f"    下步计划: {_prose(rng, NEXT, 20, 80)}")
    if status in ("推进中", "暂缓") and rng.random() < 0.15:
        lines.append(f"    问题和困难: {_prose(rng, PROBLEMS, 15, 60)}")
    if late or status == "暂缓":
        lines.append(f"    延期原因: {_prose(rng, DELAYS, 12, 50)}")
    return lines


def _done_on(rng: random.Random, since: date, day: date) -> str:
    """A 完成日期 after `since` (the previous round's date, or the plan's) and on or before `day`."""
    span = max((day - since).days, 1)
    return (since + timedelta(days=rng.randint(1, span))).isoformat()
