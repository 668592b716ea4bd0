"""The ``wpslint`` command line: one module per command, registered on one group.

``main`` is the console entry point; importing the command modules registers them.
"""

from wpslint.cli import check, clean, diff, evaluate, rules, waive
from wpslint.cli.app import main

__all__ = ["check", "clean", "diff", "evaluate", "main", "rules", "waive"]
