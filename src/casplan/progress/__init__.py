"""督办: progress rounds kept beside the plan, never inside it."""
