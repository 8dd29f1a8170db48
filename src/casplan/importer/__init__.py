"""`casplan import`: read a plan from Word or text into an intermediate form, then write plan files.

Pipeline: a reader (docx_reader, text_reader) turns the source into located
paragraphs and tables; structure recognises the notice, parts, tasks, fields
and parentheses into the intermediate representation (ir); ids gives every
work a stable 编号; writer turns it into plan files; report names everything
that could not be placed.
"""
