"""``python -m bigram_helpers``: the command line (see :mod:`bigram_helpers.cli`)."""

from .cli import main

raise SystemExit(main(prog="python -m bigram_helpers"))
