"""`casplan diff`: what an edit of a plan means, between two versions.

Pipeline: `sources` (a git revision, a directory or the working tree, as a
plan folder on disk) → `snapshot` (the loaded plan as items, parts, notice,
registries, progress) → `compare` (the changes, matched by 编号) → one of the
reporters `report_text`, `report_markdown`, `report_json`.
"""
