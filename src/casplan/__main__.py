"""The `casplan` program (and `python -m casplan`)."""

import gc


def main() -> None:
    # Off before anything is imported: start-up creates only objects that live until exit
    # (modules, classes, Typer's commands, the models), and the collector would walk them
    # again and again for nothing. casplan.cli turns it back on for the command's work.
    gc.disable()
    from casplan.cli import main as run

    run()


if __name__ == "__main__":
    main()
