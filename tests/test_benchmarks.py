"""The benchmarks still run against the package as it is now (they are measurements, never tests of speed)."""

from __future__ import annotations

import importlib.util
import sys

import pytest
from lesson_reference import NAMES, ROOT


def load_benchmark(name: str):
    spec = importlib.util.spec_from_file_location(f"benchmark_{name}", ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(sys.platform == "win32", reason="the benchmark forks and reads wait4's peak memory")
def test_the_scale_benchmark_runs_on_a_small_list(capsys):
    """`make bench`'s 10M-word section, on 20,000 words: both commands run, both give the same loss."""
    scale = load_benchmark("scale")
    scale.scale_section(NAMES, 20_000, 1)
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if line.startswith(("train --order 3", "evaluate "))]
    assert len(rows) == 2, out
    assert all("same mean NLL" in row for row in rows), out
