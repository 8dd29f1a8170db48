"""A do-nothing Typer app: the floor any Typer CLI pays to start, parse options and exit.

The benchmark runs it with the same interpreter and Typer version as casplan, with
options shaped like casplan's queries, so a query's ratio to it is the query's own cost.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(add_completion=False)


@app.command()
def main(
    args: Annotated[list[str] | None, typer.Argument()] = None,
    plan: Annotated[Path | None, typer.Option("--plan")] = None,
    dept: Annotated[str | None, typer.Option("--dept")] = None,
    before: Annotated[str | None, typer.Option("--before")] = None,
) -> None:
    """Do nothing."""


if __name__ == "__main__":
    app()
