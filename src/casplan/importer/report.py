"""The import report: every piece of the source that was not placed, and every judgement made.

Nothing is lost silently: a paragraph, line or table cell that import could not
put into the plan is named here by where it sits and why. Notes say what import
decided or noticed (an encoding, tracked changes, a heading read as a part)
without leaving anything out; only unplaced pieces make the exit status 1.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from casplan.importer.ir import Loc

UNPLACED = "未放入"
NOTE = "说明"


@dataclass(frozen=True)
class Entry:
    loc: Loc | None
    kind: str  # UNPLACED | NOTE
    message: str
    text: str = ""

    def line(self, source: str) -> str:
        where = f"{source}：{self.loc}" if self.loc is not None else source
        quoted = f"“{_short(self.text)}”" if self.text else ""
        return f"{where}：{self.kind}：{quoted}{self.message}"


@dataclass
class Report:
    source: str
    entries: list[Entry] = field(default_factory=list)

    def unplaced(self, loc: Loc | None, text: str, why: str) -> None:
        self.entries.append(Entry(loc, UNPLACED, f"——{why}", text))

    def note(self, loc: Loc | None, message: str, text: str = "") -> None:
        self.entries.append(Entry(loc, NOTE, message if not text else f"——{message}", text))

    @property
    def complete(self) -> bool:
        """True when every piece of the source was placed."""
        return not any(e.kind == UNPLACED for e in self.entries)

    def lines(self) -> list[str]:
        # Whole-file notes first, then the rest in the order of the source: by line in a text file;
        # in a Word file paragraphs and table cells are counted apart, so in the order they were met.
        by_line = all(e.loc is None or e.loc.kind in ("line", "linecell") for e in self.entries)
        ordered = sorted(
            self.entries,
            key=lambda e: (e.loc is not None, (e.loc.n, e.loc.col) if by_line and e.loc is not None else (0, 0)),
        )
        return [e.line(self.source) for e in ordered]

    def text(self, summary: str) -> str:
        return "\n".join([*self.lines(), summary]) + "\n"


def _short(text: str, limit: int = 30) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit] + "…"
