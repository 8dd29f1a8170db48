from casplan.diagnostics import Diagnostic
from casplan.errors import UsageError, UserError


def test_user_error_carries_diagnostics_and_exit_code() -> None:
    d = Diagnostic.make("plan", (0, 0), "plan-not-found", "找不到计划目录")
    err = UserError([d])
    assert (err.diagnostics, err.exit_code, str(err)) == ([d], 1, "找不到计划目录")
    assert UserError([d], exit_code=2).exit_code == 2


def test_usage_error_message() -> None:
    assert UsageError("日期无效").message == "日期无效"
