"""The 督办报告's data: what a template sees under `督办`, and the chart.

The numbers are those of `casplan status` as of the same date; the template
(templates/progress.j2) decides the wording. The chart needs matplotlib (the
optional extra casplan[charts]); without it the report says so and goes on.
"""

from __future__ import annotations

import logging
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from casplan.diagnostics import did_you_mean, suggest
from casplan.errors import UsageError
from casplan.model import chinese_date
from casplan.plan import Plan
from casplan.progress.items import forget, plan_rows, title, units_text, where
from casplan.progress.load import RoundFile, ordered
from casplan.progress.model import LATE_DONE, OVERDUE, Status
from casplan.progress.status import DeptLine, PointStatus, by_department, statuses, summarize

CHARTS_MISSING = "本报告未附图表：没有安装图表组件（pip install 'casplan[charts]'）。"


def _point(ps: PointStatus, task_where: dict[str, str]) -> dict[str, Any]:
    row, e = ps.point.row, ps.latest.entry if ps.latest else None
    return {
        "编号": row.id,
        "类型": row.kind,
        "事项": title(row),
        # A sub-item's title starts with its （n）: it sits under its task's heading.
        "位置": where(row) if row.is_task else task_where.get(row.task_id, where(row)),
        "部分": row.part_no,
        "部分标题": row.part_title,
        "牵头部门": units_text(row),
        "协助部门": units_text(row, assist=True),
        "节点": ps.point.when,
        "条款": ps.point.clause,
        "状态": ps.status,
        "逾期": ps.state == OVERDUE,
        "逾期完成": ps.state == LATE_DONE,
        "天数": ps.days,
        "逾期轮次": ps.overdue_rounds,
        "报送轮次": ps.latest.round.name if ps.latest else None,
        "完成日期": e.done_on if e else None,
        "进展": e.progress if e else None,
        "下步计划": e.next_steps if e else None,
        "问题和困难": e.problems if e else None,
        "延期原因": e.delay_reason if e else None,
    }


def round_for(rounds: list[RoundFile], as_of: date) -> RoundFile | None:
    """The latest round held by `as_of`."""
    held = [r for r in ordered(rounds) if r.date <= as_of]
    return held[-1] if held else None


def context(plan: Plan, rounds: list[RoundFile], as_of: date, rnd: RoundFile | None) -> dict[str, Any]:
    items = statuses(plan, rounds, as_of)
    s = summarize(items)
    depts = by_department(plan, items)
    overdue = sorted((ps for ps in items if ps.state == OVERDUE), key=lambda ps: -(ps.days or 0))
    task_where = {r.id: where(r) for r in plan_rows(plan) if r.is_task}
    return {
        "截至": as_of.isoformat(),
        "截至日期": chinese_date(as_of.isoformat()),
        "轮次": rnd.name if rnd else None,
        "轮数": len([r for r in ordered(rounds) if r.date <= as_of]),
        "汇总": {
            "节点": s.total,
            **{st.value: s.by_status[st.value] for st in Status},
            "未报送": s.by_status["未报送"],
            "逾期": s.overdue,
            "逾期完成": s.late_done,
            "完成率": f"{s.rate:.1%}",
            "说明": s.line(),
        },
        "部门": [_dept(d) for d in depts],
        "逾期事项": [_point(ps, task_where) for ps in overdue],
        "事项": [_point(ps, task_where) for ps in items],
        "图表": None,
        "图表说明": CHARTS_MISSING,
    }


def _dept(d: DeptLine) -> dict[str, Any]:
    return {"部门": d.dept, "牵头": d.total, "已完成": d.done, "推进中": d.in_progress, "逾期": d.overdue,
            "按期推进": d.on_time, "完成率": f"{d.rate:.0%}"}


_CJK_FONTS = ("Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", "SimHei", "Microsoft YaHei",
              "WenQuanYi Zen Hei", "AR PL UMing CN", "SimSun")


def chart_png(depts: list[dict[str, Any]]) -> bytes | None:
    """Completion by department, as horizontal stacked bars (PNG); None without matplotlib."""
    try:
        import matplotlib
    except ImportError:
        return None
    import io

    matplotlib.use("Agg", force=True)
    from matplotlib import font_manager
    from matplotlib import pyplot as plt
    from matplotlib.ticker import MaxNLocator

    names = {f.name for f in font_manager.fontManager.ttflist}
    family = [f for f in _CJK_FONTS if f in names][:1] or ["sans-serif"]
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    labels = [d["部门"] for d in depts][::-1]
    done = [d["已完成"] for d in depts][::-1]
    going = [d["按期推进"] for d in depts][::-1]
    late = [d["逾期"] for d in depts][::-1]
    rest = [d["牵头"] - d["已完成"] - g - lt for d, g, lt in zip(depts[::-1], going, late, strict=True)]
    with warnings.catch_warnings(), plt.rc_context({"font.family": family, "font.size": 10}):
        warnings.simplefilter("ignore")  # a font without a glyph must not stop the report
        fig, ax = plt.subplots(figsize=(6.2, 0.25 * len(labels) + 1.1), dpi=200)
        left = [0] * len(labels)
        for values, name, colour in ((done, "已完成", "#2e7d32"), (going, "推进中（未逾期）", "#1565c0"),
                                     (late, "逾期", "#c62828"), (rest, "其他", "#bdbdbd")):
            ax.barh(labels, values, left=left, color=colour, label=name, height=0.6)
            left = [a + b for a, b in zip(left, values, strict=True)]
        ax.set_xlabel("牵头的时间节点数")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.legend(loc="lower right", fontsize=8, frameon=False, ncols=4, bbox_to_anchor=(1, 1.0))
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        fig.tight_layout()
        out = io.BytesIO()
        fig.savefig(out, format="png")
        plt.close(fig)
    return out.getvalue()


@contextmanager
def prepared(plan: Plan, records: list[dict[str, Any]], template: str, as_of: str | None,
             round_id: str | None, today: date | None = None, chart: bool = True) -> Iterator[dict[str, Any] | None]:
    """For `render`: the 督办 data (None when the plan has no progress and the template is not `progress`).

    Each record of 事项 also gets 状态 and 最新进展 when there is progress. The
    chart is written to a temporary folder that lives as long as the render.
    """
    from casplan.commands.due import parse_day
    from casplan.progress.check import open_rounds

    day = parse_day(as_of, "--as-of") if as_of else None
    rounds = open_rounds(plan)
    rnd = None
    if round_id is not None:
        rnd = next((r for r in ordered(rounds) if r.id == round_id), None)
        if rnd is None:
            known = [r.id for r in ordered(rounds)]
            hint = did_you_mean(suggest(round_id, known)) or f"，已有轮次：{'、'.join(known) or '无'}"
            raise UsageError(f"没有轮次“{round_id}”{hint}")
    day = day or (rnd.date if rnd else today or date.today())
    if not rounds and template != "progress":
        yield None
        return
    data = context(plan, rounds, day, rnd or round_for(rounds, day))
    del rounds, rnd  # the data is what the template sees: the rounds go before the document is built
    forget()  # and so do the plan's points and rows worked out for it
    _annotate(records, data["事项"])
    with tempfile.TemporaryDirectory(prefix="casplan-") as tmp:
        if not chart:  # a picture only where it can be placed (.docx); a text has none, and says nothing of it
            data["图表说明"] = ""
        elif template == "progress":
            png = chart_png(data["部门"])
            if png is not None:
                path = Path(tmp) / "completion.png"
                path.write_bytes(png)
                data["图表"] = path.as_posix()
        yield data


def _annotate(records: list[dict[str, Any]], points: list[dict[str, Any]]) -> None:
    """A record's 状态 (each milestone's when it has several) and its latest 进展."""
    by_id: dict[str, list[dict[str, Any]]] = {}
    for p in points:
        by_id.setdefault(p["编号"], []).append(p)
    for record in records:
        mine = by_id.get(str(record["编号"]), [])
        states = [("逾期" if p["逾期"] else p["状态"]) for p in mine]
        if len(mine) > 1 and len(set(states)) > 1:
            record["状态"] = "；".join(f"{p['节点']} {s}" for p, s in zip(mine, states, strict=True))
        else:
            record["状态"] = states[0] if states else ""
        latest = [p for p in mine if p["进展"]]
        record["最新进展"] = latest[-1]["进展"] if latest else ""
