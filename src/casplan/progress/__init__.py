"""督办: progress rounds kept beside the plan, never inside it."""

FOLDER = "进展"
"""The progress folder, beside the plan's sections (plan/进展/)."""
