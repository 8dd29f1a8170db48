from casplan.blocks import Block, Role
from casplan.render.text import write_text


def test_numbers_prefixed_and_multiline_titles_kept() -> None:
    blocks = [
        Block(Role.MASTHEAD, "某某文件"),
        Block(Role.TITLE, "第一行\n第二行"),
        Block(Role.RECIPIENTS, "各单位："),
        Block(Role.LEVEL1, "部分", 2),
        Block(Role.LEVEL2, "任务", 1),
        Block(Role.FIELD, "具体举措："),
        Block(Role.LEVEL4, "条目", 3),
    ]
    assert write_text(blocks) == "某某文件\n\n第一行\n第二行\n\n各单位：\n二、部分\n（一）任务\n具体举措：\n（3）条目\n"


def test_blank_line_before_signature_and_attachment_only_once() -> None:
    blocks = [Block(Role.BODY, "正文"), Block(Role.SIGNATURE, "机关"), Block(Role.DATE, "2021年9月28日"),
              Block(Role.ATTACHMENT_LABEL, "附件")]
    assert write_text(blocks) == "正文\n\n机关\n2021年9月28日\n\n附件\n"
