"""The GitHub workflows, checked offline: schema, security lint, and in step with `.ci/run`.

GitHub Actions cannot run here, so the workflows are checked statically with two real
linters from PyPI that work offline: ``check-jsonschema`` against the vendored GitHub
workflow schema, and ``zizmor --offline`` (security audits: pinned actions, permissions,
credentials). The CI workflow must also run exactly the parts that ``.ci/run`` defines,
so that the project's public home checks what CI here checks, and run the tests on
Linux, macOS and Windows; the runtime workflow must run weekly and on demand, on
Colab's Python and package list and on the newest releases, and open an issue when a
notebook breaks.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from lesson_reference import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
CI_RUN = ROOT / ".ci" / "run"
BIN = Path(sys.executable).parent

# A maintainer's test (conftest.py): `python dev.py check` and CI run it.
pytestmark = pytest.mark.maintainer


def tool(name: str) -> str:
    path = shutil.which(name, path=str(BIN))  # finds name.exe on Windows too
    if path is None:
        pytest.fail(f"{name} is missing from {BIN}: run `python dev.py setup --maintainer`")
    return path


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


def setup_python(job: dict) -> dict:
    steps = [s for s in job["steps"] if s.get("uses", "").startswith("actions/setup-python@")]
    assert steps, "the job does not set up Python"
    return steps[0]["with"]


def test_ci_workflow_runs_every_part_of_ci_run_on_python_311():
    ci = load(ROOT / ".github" / "workflows" / "ci.yml")
    triggers = ci.get("on", ci.get(True))
    assert {"push", "pull_request"} <= set(triggers)
    parts = []
    for name, job in ci["jobs"].items():
        steps = job["steps"]
        setup = setup_python(job)
        assert str(setup["python-version"]) == "3.11"
        assert setup.get("cache") == "pip"
        runs = [s["run"] for s in steps if "run" in s]
        assert "python dev.py data" in runs, f"job {name} skips the README's set-up"
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


def test_ci_workflow_runs_the_tests_on_linux_macos_and_windows():
    job = load(ROOT / ".github" / "workflows" / "ci.yml")["jobs"]["test"]
    assert job["runs-on"] == "${{ matrix.os }}"
    assert set(job["strategy"]["matrix"]["os"]) == {"ubuntu-latest", "macos-latest", "windows-latest"}
    assert job["strategy"].get("fail-fast") is False, "one platform failing must not hide the others"
    runs = [s.get("run", "").strip() for s in job["steps"]]
    assert runs.index("bash .ci/run test") < runs.index("bash .ci/run check"), (
        "the learner's test first, on a learner's packages; then the maintainer's check adds theirs"
    )
    for step in job["steps"]:
        if step.get("run", "").startswith("bash "):
            assert step.get("shell") == "bash", "Windows runs steps in PowerShell unless told"
    assert job["env"]["PYTHON"] == "python", "Windows has python, not python3"


def test_the_book_workflow_builds_the_book_with_ci_run():
    book = load(ROOT / ".github" / "workflows" / "book.yml")
    runs = [s["run"].strip() for s in book["jobs"]["build"]["steps"] if "run" in s]
    assert runs == ["bash .ci/run book"], "one place says how the book is built: .ci/run"


def test_ci_run_names_the_readme_test_command():
    assert re.search(r'^\s*test\) "\$PYTHON" dev\.py test ;;', CI_RUN.read_text(), re.M)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "\npython dev.py test\n" in readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]


def test_runtime_workflow_runs_weekly_on_colab_and_the_newest_releases():
    wf = load(ROOT / ".github" / "workflows" / "runtimes.yml")
    triggers = wf.get("on", wf.get(True))
    assert "workflow_dispatch" in triggers
    (cron,) = [t["cron"] for t in triggers["schedule"]]
    _minute, _hour, day, month, weekday = cron.split()
    assert (day, month) == ("*", "*") and weekday.isdigit(), f"{cron!r} is not once a week"
    job = wf["jobs"]["notebooks"]
    assert set(job["strategy"]["matrix"]["runtime"]) == {"colab", "newest"}
    assert str(setup_python(job)["python-version"]) == "3.13", "Colab's Python"
    runs = [s.get("run", "").strip() for s in job["steps"] if "run" in s]
    assert runs == ['bash .ci/run "runtime-${RUNTIME}"'], "one place says the commands: .ci/run"
    assert {f"runtime-{r}" for r in job["strategy"]["matrix"]["runtime"]} <= set(
        re.findall(r"^\s*(runtime-\w+)\)", CI_RUN.read_text(), re.M)
    )
    script = CI_RUN.read_text().split("\nruntime() {", 1)[1].split("\n}\n", 1)[0]
    assert "googlecolab/backend-info/main/pip-freeze.txt" in script
    assert ".github/runtimes.py colab-requirements" in script
    assert "--upgrade --index-url https://download.pytorch.org/whl/cpu torch" in script
    assert "--upgrade numpy matplotlib" in script
    assert "--nbval-lax notebooks/" in script, "every cell must run and every assert hold"
    assert "mark-unstable notebooks/*.ipynb" in script and "--nbval notebooks/" in script


def test_runtime_workflow_opens_an_issue_when_a_notebook_breaks():
    wf = load(ROOT / ".github" / "workflows" / "runtimes.yml")
    assert wf["permissions"] == {}, "no job gets more than it asks for"
    report = wf["jobs"]["report"]
    assert report["needs"] == "notebooks" and report["if"] == "failure()"
    assert report["permissions"] == {"issues": "write"}
    script = report["steps"][0]["run"]
    assert "gh issue create" in script and "gh issue comment" in script
    assert wf["jobs"]["notebooks"]["permissions"] == {"contents": "read"}
