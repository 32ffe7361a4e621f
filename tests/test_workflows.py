"""The GitHub workflows, checked offline: schema, security lint, and in step with `.ci/run`.

GitHub Actions cannot run here, so the workflows are checked statically with two real
linters from PyPI that work offline: ``check-jsonschema`` against the vendored GitHub
workflow schema, and ``zizmor --offline`` (security audits: pinned actions, permissions,
credentials). The CI workflow must also run exactly the parts that ``.ci/run`` defines,
so that the project's public home checks what CI here checks.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from lesson_reference import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
CI_RUN = ROOT / ".ci" / "run"
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        pytest.fail(f"{name} is missing from {BIN}: run `make setup` (it is in requirements.txt)")
    return str(path)


def ci_parts() -> list[str]:
    """The parts `.ci/run` runs when given none: its default list."""
    m = re.search(r"^\s*set -- (.+)$", CI_RUN.read_text(), re.M)
    assert m, ".ci/run no longer lists its default parts with `set -- ...`"
    return m.group(1).split()


def load(path: Path) -> dict:
    # YAML reads the key `on` as True; the tests only look at jobs
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_there_is_a_ci_workflow():
    assert ROOT / ".github" / "workflows" / "ci.yml" in WORKFLOWS


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_workflow_matches_githubs_schema(workflow):
    r = subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stdout + r.stderr


def test_workflows_pass_zizmor_offline():
    r = subprocess.run(
        [tool("zizmor"), "--offline", "--no-progress", str(ROOT / ".github" / "workflows")],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stdout + r.stderr


def test_ci_workflow_runs_every_part_of_ci_run_on_python_311():
    ci = load(ROOT / ".github" / "workflows" / "ci.yml")
    triggers = ci.get("on", ci.get(True))
    assert {"push", "pull_request"} <= set(triggers)
    parts = []
    for name, job in ci["jobs"].items():
        steps = job["steps"]
        setup = [s for s in steps if s.get("uses", "").startswith("actions/setup-python@")]
        assert setup, f"job {name} does not set up Python"
        assert str(setup[0]["with"]["python-version"]) == "3.11"
        assert setup[0]["with"].get("cache") == "pip"
        runs = [s["run"] for s in steps if "run" in s]
        assert "make setup data" in runs, f"job {name} skips the README's set-up"
        for run in runs:
            m = re.fullmatch(r"bash \.ci/run (.+)", run.strip())
            if m:
                parts += m.group(1).split()
        if "browser" in " ".join(runs):
            upload = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@")]
            assert upload, f"job {name} runs the browser tests but keeps no screenshots"
            assert upload[0]["with"]["path"].rstrip("/") == "artifacts"
            assert upload[0].get("if") == "always()", "screenshots matter most when a test failed"
    assert sorted(parts) == sorted(ci_parts()), "the workflow and .ci/run must run the same parts"
    assert len(parts) == len(set(parts)), "a part runs twice"


def test_ci_run_names_the_readme_test_command():
    assert re.search(r"^\s*test\) make test ;;", CI_RUN.read_text(), re.M)
    assert "make test" in (ROOT / "README.md").read_text(encoding="utf-8")
