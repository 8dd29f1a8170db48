"""The plain-text writer: one line per block line, numbers added, blank lines between sections."""

from __future__ import annotations

from casplan.blocks import Block, Role
from casplan.render.numbering import label

# A blank line before these roles, as the printed document leaves space there.
_SPACE_BEFORE = {Role.TITLE, Role.RECIPIENTS, Role.ATTACHMENT_NOTE, Role.SIGNATURE, Role.ATTACHMENT_LABEL}


def write_text(blocks: list[Block]) -> str:
    lines: list[str] = []
    for block in blocks:
        if block.role in (Role.LAYOUT, Role.IMAGE):  # a picture has no text; its caption is a block of its own
            continue
        if block.role in _SPACE_BEFORE and lines and lines[-1]:
            lines.append("")
        prefix = label(block.role, block.number) if block.number is not None else ""
        lines.extend((prefix + block.text).split("\n"))
    return "\n".join(lines) + "\n"
