"""Rendering: a template turns the plan into role-tagged blocks; a writer lays them out."""
