"""What a reader hands on: the source as located paragraphs and tables, text only."""

from __future__ import annotations

from dataclasses import dataclass, field

from casplan.importer.ir import Loc


@dataclass(frozen=True)
class Para:
    """One paragraph (Word) or line (text): its text, and what the reader knows of its form.

    `number` is a number Word printed from numbering.xml (not in the text), e.g. "（一）";
    `level` a heading level (1–4) read from the outline level, the style or the font.
    """

    loc: Loc
    text: str
    number: str = ""
    level: int | None = None


@dataclass(frozen=True)
class Cell:
    loc: Loc
    text: str
    span: int = 1  # columns of the grid it covers (gridSpan)
    continued: bool = False  # the lower part of a vertical merge (vMerge): the text is the cell above's


@dataclass
class Table:
    index: int
    rows: list[list[Cell]] = field(default_factory=list)
    header_rows: int = 0  # rows Word repeats on every page (tblHeader)


@dataclass
class Source:
    """A read source: paragraphs and tables in document order, and the reader's notes."""

    name: str
    blocks: list[Para | Table] = field(default_factory=list)
    notes: list[tuple[Loc | None, str]] = field(default_factory=list)
    unplaced: list[tuple[Loc, str, str]] = field(default_factory=list)  # (where, text, why): read, but no place
