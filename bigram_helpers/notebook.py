"""What every notebook of the series does first: find ``names.txt`` and choose how figures show.

A notebook's set-up cell makes the package importable (in Colab it clones the repository
first) and then calls :func:`start_notebook`, so the learner reads one line instead of
twenty. The figure mode is chosen, not configured:

- in JupyterLab or Jupyter Notebook with ``ipympl`` installed, figures are interactive
  widgets that can be zoomed, panned and hovered;
- in Colab, where ipympl widgets do not run, they are plain inline pictures;
- under a test run (``pytest --nbval``: the project's ``conftest.py`` sets
  ``BIGRAM_STATIC_FIGURES=1`` for the kernels it starts), they are plain pictures too,
  which nbval does not compare and GitHub can show.

A notebook shows each figure with :func:`show_figure`, which gives it its text
alternative (see the ``describe_*`` functions of :mod:`bigram_helpers.plotting`) in
either mode.
"""

from __future__ import annotations

import functools
import html
import importlib.util
import os
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .fetch import fetch_names

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from nbclient import NotebookClient

__all__ = [
    "KERNEL_ENV",
    "KERNEL_STARTS",
    "STATIC_FIGURES_ENV",
    "figure_backend",
    "figure_bundle",
    "names_txt_path",
    "retry_kernel_start",
    "show_figure",
    "start_kernel",
    "start_notebook",
]

STATIC_FIGURES_ENV = "BIGRAM_STATIC_FIGURES"
# The environment of every kernel a test run or `python dev.py notebooks` starts, the one
# place it is said: plain pictures (nbval does not compare them; live widgets would differ
# on every run) and one torch thread (sums in the order the stored outputs were made in).
KERNEL_ENV = {STATIC_FIGURES_ENV: "1", "OMP_NUM_THREADS": "1"}
KERNEL_STARTS = 3  # tries at starting such a kernel before the run fails


def retry_kernel_start(start: Callable[..., Any], tries: int = KERNEL_STARTS) -> Callable[..., Any]:
    """``start``, a function that starts a kernel, tried again on ``RuntimeError`` up to ``tries`` times.

    Now and then a new kernel never answers (a CI run once lost every cell of a notebook to
    "Kernel didn't respond in 60 seconds"). nbval and nbclient shut such a kernel down before
    they raise ``RuntimeError``, so each try starts afresh. Every failure but the last is
    reported as a warning; the last is raised, and any other error at once.
    """

    @functools.wraps(start)
    def start_new_kernel(*args: Any, **kwargs: Any) -> Any:
        for attempt in range(1, tries):
            try:
                return start(*args, **kwargs)
            except RuntimeError as error:
                warnings.warn(
                    f"a notebook's kernel did not start ({error}); starting another "
                    f"(try {attempt + 1} of {tries})",
                    stacklevel=2,
                )
        return start(*args, **kwargs)

    start_new_kernel.retries_kernel_start = True  # type: ignore[attr-defined]
    return start_new_kernel


def start_kernel(client: NotebookClient, env: dict[str, str]) -> None:
    """Start the kernel of an nbclient ``client`` with ``env`` and connect to it, as
    :func:`retry_kernel_start` tries. ``with client.setup_kernel():`` then runs cells in
    that kernel and shuts it down at the end."""

    def start() -> None:
        client.km = client.create_kernel_manager()  # a failed try left client.km None
        client.start_new_kernel(env=env)
        client.start_new_kernel_client()

    retry_kernel_start(start)()


def names_txt_path() -> Path:
    """Where the series keeps ``names.txt``: the root of the repository the package sits in.

    The package lives at ``<repo>/bigram_helpers`` in a clone (a local one, or Colab's in
    ``/content/makemore-bigram``), so the file is ``<repo>/names.txt``, the same file that
    ``make data`` fetches. A package installed elsewhere (site-packages, no
    ``pyproject.toml`` beside it) uses ``names.txt`` in the working directory instead.
    """
    repo = Path(__file__).resolve().parent.parent
    if (repo / "pyproject.toml").is_file():
        return repo / "names.txt"
    return Path.cwd() / "names.txt"


def figure_backend(
    environ: dict[str, str] | os._Environ[str] | None = None, modules: dict | None = None
) -> str:
    """The matplotlib backend a notebook should use here: ``"ipympl"`` or ``"inline"``.

    ``"inline"`` (plain pictures) in Colab, when ``BIGRAM_STATIC_FIGURES=1`` is set (test
    runs), or when ipympl is not installed; ``"ipympl"`` (interactive widgets) otherwise.
    ``environ`` and ``modules`` default to ``os.environ`` and ``sys.modules``; tests pass
    their own.
    """
    environ = os.environ if environ is None else environ
    modules = sys.modules if modules is None else modules
    if "google.colab" in modules or environ.get(STATIC_FIGURES_ENV) == "1":
        return "inline"
    if importlib.util.find_spec("ipympl") is None:
        return "inline"
    return "ipympl"


def start_notebook(*, crop_figures: bool = True, names_path: str | os.PathLike[str] | None = None) -> Path:
    """Fetch and verify ``names.txt``, pick the figure mode, and return the file's path.

    The file goes to :func:`names_txt_path` (or ``names_path``) and is downloaded only
    when no verified copy is there (see :func:`bigram_helpers.fetch.fetch_names`; set
    ``NAMES_TXT_SOURCE`` to use a local copy). Inside IPython the matplotlib backend
    becomes :func:`figure_backend`'s choice. ``crop_figures=False`` saves plain pictures
    uncropped: cropping a picture to its contents draws the figure twice, which a notebook
    with one slow, full-bleed figure (02's heatmap) can skip. Outside IPython only the
    file is fetched.
    """
    path = fetch_names(names_txt_path() if names_path is None else names_path)
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python: no figures to configure
        return path
    shell = get_ipython()
    if shell is None:
        return path
    backend = figure_backend()
    if backend == "inline" and not crop_figures:
        shell.run_line_magic("config", "InlineBackend.print_figure_kwargs = {'bbox_inches': None}")
    shell.run_line_magic("matplotlib", backend)
    return path


def figure_bundle(fig: Figure, alt: str, formatter: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """The output a plain picture of ``fig`` is stored as: its data by MIME type, and metadata.

    ``formatter`` is IPython's display formatter (``get_ipython().display_formatter``),
    which draws the picture (``image/png`` inline). ``alt`` becomes every picture's
    ``alt`` metadata, which nbconvert's HTML and the book (``book/figures.py``) write into
    ``<img alt>``, and the output's ``text/plain``, the form a frontend falls back to
    when it shows no picture. Raises ``ValueError`` for an empty ``alt``.
    """
    if not alt.strip():
        raise ValueError("alt must say what the figure shows; it is empty")
    data, metadata = formatter.format(fig)
    data = {**data, "text/plain": alt}
    metadata = dict(metadata)
    for mime in data:
        if mime.startswith("image/"):
            metadata[mime] = {**metadata.get(mime, {}), "alt": alt}
    return data, metadata


def show_figure(fig: Figure, alt: str | None = None) -> None:
    """Show ``fig`` with its text alternative ``alt``, in the cell's output; then it is done.

    Without ``alt``, the text a ``plot_*`` function of :mod:`bigram_helpers.plotting` left
    on the figure is used; a figure drawn otherwise needs ``alt`` (``ValueError``).

    A plain picture (Colab, test runs, ``make notebooks``) is stored with ``alt`` as its
    ``alt`` metadata and its plain-text form (:func:`figure_bundle`) and the figure is
    closed. An ipympl widget is followed by a "Described in words" section holding
    ``alt``, to open (a widget has no alt of its own; ipywidgets 8's ``tooltip`` breaks
    ipympl's view, which has no ``description``). Outside IPython the figure is shown as
    ``plt.show()`` would.
    """
    import matplotlib
    import matplotlib.pyplot as plt

    from .plotting import ALT_ATTRIBUTE

    if alt is None:
        alt = getattr(fig, ALT_ATTRIBUTE, None)
        if alt is None:
            raise ValueError(
                "show_figure needs alt, a sentence saying what the figure shows (a describe_* "
                "function of bigram_helpers.plotting writes one), unless a plot_* function drew it"
            )
    if not alt.strip():
        raise ValueError("alt must say what the figure shows; it is empty")
    try:
        from IPython import get_ipython
        from IPython.display import HTML, display
    except ImportError:
        plt.show()
        return
    shell = get_ipython()
    if shell is None:
        plt.show()
        return
    if "ipympl" in matplotlib.get_backend() or matplotlib.get_backend() == "widget":
        plt.figure(fig)  # the active figure is the one plt.show() displays
        plt.show()
        text = html.escape(alt)
        display(
            HTML(f'<details class="figure-description"><summary>Described in words</summary>{text}</details>')
        )
        return
    data, metadata = figure_bundle(fig, alt, shell.display_formatter)
    display(data, raw=True, metadata=metadata)
    plt.close(fig)
