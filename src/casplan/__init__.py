"""casplan: a work-division plan (重点工作分工方案) kept as code."""

__version__ = "0.1.0"
