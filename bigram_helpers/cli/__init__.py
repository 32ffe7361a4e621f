"""The command line, ``makemore-bigram`` (or ``python -m bigram_helpers``): its own room of the package.

The lesson modules (one level up) are what the notebooks teach; these modules put them
to work on any word list, of any size, from a shell:

- :mod:`~bigram_helpers.cli.command`: argument parsing, the defaults (``DEFAULTS``),
  what each verb prints, and :func:`main`; it loads torch only once a verb that needs
  it runs (``evaluate`` of a counts model never does);
- :mod:`~bigram_helpers.cli.runs`: the verbs as library calls (``train_file``,
  ``evaluate_file``, ``sample_file``);
- :mod:`~bigram_helpers.cli.corpus`: the streaming corpus (a word list as one array of
  character ids, counted in chunks);
- :mod:`~bigram_helpers.cli.model`: the model file format (``Model``, ``save_model``,
  ``load_model``; also ``from bigram_helpers import Model, load_model, save_model``).
"""

from .command import main

__all__ = ["main"]
