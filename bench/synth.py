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

The same (tasks, seed) always gives byte-identical files.
"""

from __future__ import annotations

import random
from pathlib import Path

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
