"""The ``fitgen`` command line (headless)."""

import sys


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``fitgen``."""
    print("fitgen: the command line is being built; see the README.", file=sys.stderr)
    return 2
