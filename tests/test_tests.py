"""tests/ mirrors src/: every module of casplan has its test file in the same place."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "casplan"


def test_every_module_has_a_test_file() -> None:
    missing = []
    for module in sorted(SRC.rglob("*.py")):
        rel = module.relative_to(SRC)
        if module.name in {"__init__.py", "__main__.py"}:
            continue
        expected = ROOT / "tests" / rel.parent / f"test_{module.name}"
        if not expected.is_file():
            missing.append(str(expected.relative_to(ROOT)))
    assert missing == []
