"""Allow ``python -m wpslint``."""

from wpslint.cli import main

main()
