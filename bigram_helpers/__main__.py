"""``python -m bigram_helpers``: the command line (see :mod:`bigram_helpers.cli`).

It first makes sure this Python has the packages the command needs (without importing
them), so that a Python other than the project's environment gets one line that says
which to use, not a traceback, and never after the work is done.
"""

import sys
from importlib.util import find_spec

NEEDED = ("numpy", "safetensors", "torch", "tqdm")  # what requirements.txt gives the command line

missing = [name for name in NEEDED if find_spec(name) is None]
if missing:
    print(
        f"error: this Python ({sys.executable}) lacks {', '.join(missing)}, which the command line needs; "
        "run it in the project's environment: after `python dev.py setup`, activate .venv "
        "(source .venv/bin/activate, or .venv\\Scripts\\activate on Windows) or call its python",
        file=sys.stderr,
    )
    raise SystemExit(2)

from .cli import main  # noqa: E402 (after the check: it imports NumPy)

raise SystemExit(main(prog="python -m bigram_helpers"))
