"""`casplan init DIR [--labels 中科院|国务院|省政府|部委]`: a new plan folder to fill in.

What it writes validates and is in canonical form (`casplan fmt --check` passes):
one part with one example task and one example unit (and leader, where the
office's plans name leaders), every other field shown as a comment in the
office's own words. The folder appears whole or not at all.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import date
from pathlib import Path

from casplan.diagnostics import Diagnostic, did_you_mean, suggest
from casplan.errors import UsageError, UserError, os_reason
from casplan.labels import PRESET_LAYOUT, PRESETS, ROLE_NAMES, ROLES
from casplan.load import DEPARTMENTS_FILE, LEADERS_FILE, PLAN_FILE, SECTIONS_DIR

WITH_LEADERS = {"中科院": True, "国务院": False, "省政府": True, "部委": True}
"""Whether an office's plans name leaders (then leaders.yaml is written and a task names its lead leader)."""

SECTION = "01-第一部分.yaml"


def files(preset: str, year: int) -> dict[str, str]:
    """Relative path → text of each file of a new plan with the `preset` labels."""
    labels = PRESETS[preset]
    layout = PRESET_LAYOUT[preset]
    leaders = WITH_LEADERS[preset]
    out = {PLAN_FILE: _plan(preset, labels, layout, year), DEPARTMENTS_FILE: _departments()}
    if leaders:
        out[LEADERS_FILE] = _leaders()
    out[f"{SECTIONS_DIR}/{SECTION}"] = _section(labels, layout, leaders, year)
    return out


def _plan(preset: str, labels: dict[str, str], layout: str, year: int) -> str:
    pairs = "".join(f"  {ROLE_NAMES[role]}: {labels[role]}\n" for role in ROLES)
    return f"""\
# 分工方案（单独成文）。随通知印发时，另写通知各键，并把“标题”“前言”“部分”移到“附件:”下：
# 发文机关: 某某机关
# 发文机关标志: 某某机关文件
# 党的机关: false  # true：红色分隔线中间加五角星
# 发文字号: 某发〔{year}〕1号  # 源文件没有就不写，不要编造
# 标题: |-
#   某某机关关于印发
#   重点工作分工方案的通知
# 主送机关: [各有关单位]
# 正文:
#   - 现将《重点工作分工方案》印发给你们，请认真贯彻落实。
# 署名: 某某机关
# 成文日期: {year}-01-01
# 抄送: [某某机关]  # 可选
# 印发机关: 某某机关办公室  # 可选
# 印发日期: {year}-01-01  # 可选
# 附件:
#   标题: 重点工作分工方案
#   前言: [为……，制定本方案。]
#   部分: [{SECTION}]
#
# 本方案对各角色的叫法（预设：{preset}）；部分文件用这些标签作键，排版也印这些字。
标签:
{pairs}# 其他字段: [适用范围]  # 没有对应角色的字段，照原文保存和排印
结构:
  部分: 有  # 有：部分（一、）下分任务；无：任务即顶层（一、…），部分文件不写“标题”
  任务编号: 分部分  # 分部分：每部分重新编号；连续：全文连续编号（1. 2. …）
  分工写法: {layout}  # 标签行：每项一行“标签：名单”；括号：任务末尾“（X牵头，Y配合）”；括号标签：“（牵头单位：X；配合单位：Y）”
  时限写法: 标签行  # 标签行：单列一行；括号：写进分工括号
标题: 重点工作分工方案
# 前言:
#   - 为……，制定本方案。
部分:
  - {SECTION}
"""


def _leaders() -> str:
    return """\
# 任务可以引用的全部领导（姓名照原文）。
院领导:
  - 姓名: 示例领导
    # 别名: [某某同志]
"""


def _departments() -> str:
    return """\
# 任务可以引用的全部单位。类别：部门（默认）、单位、集体（泛指一组单位，如“各有关部门”）。
部门:
  - 名称: 示例单位
    # 类别: 部门
    # 别名: [简称]
"""


def _section(labels: dict[str, str], layout: str, leaders: bool, year: int) -> str:
    lead_leader, assist_leader = labels["lead_leaders"], labels["assist_leaders"]
    lead, assist, first = labels["lead_units"], labels["assist_units"], labels["units_first_leads"]
    measures, deadline = labels["measures"], labels["deadline"]
    leader_lines = (
        f"    {lead_leader}: [示例领导]\n    # {assist_leader}: [示例领导]\n" if leaders
        else f"    # {lead_leader}: [某某]  # 需要时添加 leaders.yaml 登记领导\n"
    )
    wording = (
        f"    # 分工句式: '{{{lead}}}会同有关部门负责'  # 括号里不是“X牵头，Y配合”“X、Y负责”时，照原文写，{{标签}} 处填名单\n"
        if layout == "括号" else ""
    )
    return f"""\
标题: 第一部分  # 部分标题，不含“一、”
任务:
  - 编号: task-1  # 稳定编号：小写字母、数字、连字符；全方案唯一，不复用，调整顺序时不变
    标题: 第一项任务  # 任务标题，不含序号
{leader_lines}    {lead}: [示例单位]
    # {assist}: [示例单位, 等]  # 原文以“等”结尾时，“等”作最后一项
    # {first}: [示例单位]  # “（X、Y负责）”式：列第一位者牵头；不与{lead}、{assist}同用
    {measures}: 工作内容照原文写成一段。
    # {measures}:  # 或分条，每条一项，不写序号（1）（2）
    #   - 第一条
    #   - 第二条
    # 子项导语: 向有关部门提出具体建议
    # 子项:  # 各有{lead}和{deadline}的子项（1）（2）…
    #   - 编号: task-1-a
    #     内容: 子项正文
    #     {lead}: [示例单位]
    #     {deadline}: {year}年底前
    {deadline}: {year}年底前完成。  # 照原文
    # 截止日期: {year}-12-31  # 明确日期，优先于对{deadline}的解读
{wording}"""


def run(folder: Path, preset: str) -> int:
    if preset not in PRESETS:
        hint = did_you_mean(suggest(preset, PRESETS))
        raise UsageError(f"未知的标签预设“{preset}”{hint}，可用：{'、'.join(PRESETS)}")
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        what = "不是目录" if not folder.is_dir() else "不为空"
        msg = f"“{folder}”{what}，未写入任何文件；请指定一个新目录或空目录"
        raise UserError([Diagnostic.make(str(folder), (0, 0), "write-failed", msg)])
    parent = folder.absolute().parent
    if not parent.is_dir():
        msg = f"无法创建“{folder}”：目录“{parent}”不存在"
        raise UserError([Diagnostic.make(str(folder), (0, 0), "write-failed", msg)])
    written = files(preset, date.today().year)
    try:
        _write_all(folder, written)
    except OSError as exc:
        msg = f"无法创建“{folder}”：{os_reason(exc)}"
        raise UserError([Diagnostic.make(str(folder), (0, 0), "write-failed", msg)]) from None
    names = "、".join(written)
    print(f"已创建方案目录 {folder}（标签预设：{preset}）：{names}")
    print(f"把示例换成本方案的内容，再运行 casplan validate --plan {folder}")
    return 0


def _write_all(folder: Path, written: dict[str, str]) -> None:
    """Build the plan in a hidden sibling folder, then rename it into place: all or nothing."""
    parent = folder.absolute().parent
    tmp = Path(tempfile.mkdtemp(dir=parent, prefix=f".{folder.name}.", suffix=".init"))
    try:
        mask = os.umask(0)
        os.umask(mask)
        for rel, text in written.items():
            path = tmp / rel
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
            path.chmod(0o666 & ~mask)
        for d in (tmp, tmp / SECTIONS_DIR):
            d.chmod(0o777 & ~mask)
        os.replace(tmp, folder)  # onto an empty folder, or a new name
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
