"""Kernels that do not start: ``bigram_helpers.notebook``'s retry, and how the repository's
``conftest.py`` puts it under ``pytest --nbval`` as typed (nbval's kernels) while the notebook
rerun test and the book's drawings start theirs through nbclient with ``start_kernel``."""

from __future__ import annotations

import importlib.util
import os
import types
import warnings

import nbformat
import nbval.kernel
import pytest
from lesson_reference import ROOT

from bigram_helpers.notebook import KERNEL_ENV, KERNEL_STARTS, retry_kernel_start, start_kernel


def root_conftest() -> types.ModuleType:
    """The top-level conftest.py, loaded under its own name (tests/ has a conftest.py too)."""
    spec = importlib.util.spec_from_file_location("root_conftest", ROOT / "conftest.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class FakeConfig:
    """What pytest_configure reads of pytest's config: the nbval options, and the markers line."""

    def __init__(self, nbval: bool) -> None:
        self.option = types.SimpleNamespace(nbval=nbval, nbval_lax=False)

    def addinivalue_line(self, name: str, line: str) -> None:
        pass


class FlakyStart:
    """Stands in for nbval's ``start_new_kernel``: raises ``error`` on its first ``failures`` calls."""

    def __init__(self, failures: int, error: Exception | None = None) -> None:
        self.failures, self.calls = failures, []
        self.error = error or RuntimeError("Kernel didn't respond in 60 seconds")

    def __call__(self, *args, **kwargs):
        self.calls.append((args, kwargs))
        if len(self.calls) <= self.failures:
            raise self.error
        return "manager", "client"


def test_a_kernel_that_does_not_start_is_started_again_with_a_warning() -> None:
    start = FlakyStart(failures=2)
    with pytest.warns(UserWarning) as caught:
        result = retry_kernel_start(start, tries=3)(startup_timeout=60, kernel_name="python3")
    assert result == ("manager", "client")
    assert start.calls == [((), {"startup_timeout": 60, "kernel_name": "python3"})] * 3
    messages = [str(w.message) for w in caught if w.category is UserWarning]  # not a stray ResourceWarning
    assert len(messages) == 2
    assert "Kernel didn't respond in 60 seconds" in messages[0]
    assert "try 2 of 3" in messages[0] and "try 3 of 3" in messages[1]


def test_the_last_failure_is_raised_after_every_try() -> None:
    start = FlakyStart(failures=99)
    with pytest.warns(UserWarning), pytest.raises(RuntimeError, match="didn't respond"):
        retry_kernel_start(start)()
    assert len(start.calls) == KERNEL_STARTS == 3


def test_a_kernel_that_starts_at_once_is_started_once_without_a_warning() -> None:
    start = FlakyStart(failures=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        retry_kernel_start(start)()
    assert len(start.calls) == 1


def test_other_errors_are_not_retried() -> None:
    """A missing kernel spec, say, fails the same way every time: it is raised at the first call."""
    start = FlakyStart(failures=99, error=FileNotFoundError("no kernel named python3"))
    with pytest.raises(FileNotFoundError):
        retry_kernel_start(start)()
    assert len(start.calls) == 1


def test_with_nbval_on_the_kernel_that_nbval_starts_goes_through_the_retry(monkeypatch) -> None:
    """pytest_configure wraps the very function nbval's RunningKernel calls, and only once."""
    conftest = root_conftest()
    start = FlakyStart(failures=99)
    monkeypatch.setattr(nbval.kernel, "start_new_kernel", start)
    for name in KERNEL_ENV:
        monkeypatch.delenv(name, raising=False)
    for _ in range(2):
        conftest.pytest_configure(FakeConfig(nbval=True))
    with pytest.warns(UserWarning), pytest.raises(RuntimeError):
        nbval.kernel.RunningKernel("python3")
    assert len(start.calls) == KERNEL_STARTS


def test_without_nbval_nothing_is_wrapped(monkeypatch) -> None:
    start = FlakyStart(failures=0)
    monkeypatch.setattr(nbval.kernel, "start_new_kernel", start)
    root_conftest().pytest_configure(FakeConfig(nbval=False))
    assert nbval.kernel.start_new_kernel is start


class FlakyClient:
    """Stands in for an nbclient ``NotebookClient`` whose kernel answers only from start ``answers_at`` on.

    As nbclient does, a kernel that does not answer is shut down and the client's kernel
    manager and client are set to None before ``RuntimeError`` is raised.
    """

    def __init__(self, answers_at: int) -> None:
        self.answers_at, self.km, self.kc, self.managers, self.envs = answers_at, None, None, 0, []

    def create_kernel_manager(self) -> str:
        self.managers += 1
        return f"manager {self.managers}"

    def start_new_kernel(self, **kwargs) -> None:
        assert self.km is not None, "a kernel is started only through a kernel manager"
        self.envs.append(kwargs["env"])

    def start_new_kernel_client(self) -> None:
        if len(self.envs) < self.answers_at:
            self.km = self.kc = None
            raise RuntimeError("Kernel didn't respond in 60 seconds")
        self.kc = f"client of {self.km}"


def test_an_nbclient_kernel_that_does_not_answer_is_started_again_with_a_new_manager() -> None:
    client = FlakyClient(answers_at=3)
    with pytest.warns(UserWarning) as caught:
        start_kernel(client, env={"OMP_NUM_THREADS": "1"})
    tries = [str(w.message)[-12:] for w in caught if w.category is UserWarning]  # not a stray ResourceWarning
    assert tries == ["(try 2 of 3)", "(try 3 of 3)"]
    assert (client.managers, client.km, client.kc) == (3, "manager 3", "client of manager 3")
    assert client.envs == [{"OMP_NUM_THREADS": "1"}] * 3


def test_an_nbclient_kernel_that_never_answers_fails_after_every_try() -> None:
    client = FlakyClient(answers_at=99)
    with pytest.warns(UserWarning), pytest.raises(RuntimeError, match="didn't respond"):
        start_kernel(client, env={})
    assert client.managers == KERNEL_STARTS


@pytest.mark.maintainer  # a real kernel: some seconds
def test_the_kernel_started_is_the_one_setup_kernel_runs_cells_in_and_shuts_down() -> None:
    from nbclient import NotebookClient

    cell = nbformat.v4.new_code_cell("import os; print(os.environ['BIGRAM_CHECK'])")
    client = NotebookClient(nbformat.v4.new_notebook(cells=[cell]), timeout=60, kernel_name="python3")
    start_kernel(client, env={**os.environ, "BIGRAM_CHECK": "started here"})
    manager = client.km
    with client.setup_kernel():
        client.execute_cell(cell, 0)
        assert client.km is manager
    assert cell.outputs[0]["text"] == "started here\n"
    assert not manager.has_kernel  # shut down on leaving setup_kernel
