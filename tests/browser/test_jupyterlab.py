"""What a learner sees: the notebooks run in JupyterLab, in a real (headless) browser.

nbval proves the kernel side with static figures. Here JupyterLab opens a notebook, runs
all its cells, and the interactive ipympl figure must render as a live, non-blank canvas,
which needs ipympl's JupyterLab extension (jupyter-matplotlib) and the widget manager.
Opt-in: see conftest.py (`make test-browser`).
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

# The notebooks with an ipympl figure, and how long each may take to run all its cells.
NOTEBOOKS = ["02_heatmap.ipynb", "04_neural_bigram.ipynb"]
TEST_BUDGET_S = 240  # the whole test, whatever hangs (it takes about 40 s)
KERNEL_TIMEOUT_MS = 120_000  # the kernel starts and is idle
RUN_TIMEOUT_MS = 180_000  # run all cells, from a cold kernel (importing torch)
CANVAS_TIMEOUT_MS = 45_000  # the widget shows up and ipympl has drawn into it
UI_TIMEOUT_MS = 30_000  # any single click or page load
README_SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "jupyterlab-heatmap.png"

# Progress of "Run All Cells", read from the page: prompts "[*]:" (running) or "[n]:" (done),
# error outputs, and the kernel status of the notebook's toolbar.
RUN_STATE_JS = """
() => {
  const nb = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  if (!nb) return null;
  const prompts = [...nb.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')]
    .map(p => p.textContent.trim());
  const errors = [...nb.querySelectorAll(
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]')]
    .map(e => e.innerText);
  const status = nb.querySelector('.jp-Notebook-ExecutionIndicator');
  return {
    prompts,
    running: prompts.filter(p => p.includes('*')).length,
    done: prompts.filter(p => /\\[\\d+\\]/.test(p)).length,
    errors,
    kernel: status ? (status.getAttribute('data-status') || status.innerText) : '',
  };
}
"""

# Pixel statistics of every ipympl canvas (the figure, not the transparent rubber-band layer).
CANVAS_STATS_JS = """
() => [...document.querySelectorAll('.jp-NotebookPanel .jupyter-matplotlib-canvas-div')].map(div => {
  const c = div.querySelector('canvas');
  if (!c || !c.width || !c.height) return {width: 0, height: 0, colours: 0, nonWhite: 0};
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  const colours = new Set();
  let nonWhite = 0;
  for (let i = 0; i < d.length; i += 4 * 7) {  // every 7th pixel is plenty
    colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2] | (d[i + 3] << 24));
    if (d[i + 3] > 0 && (d[i] < 240 || d[i + 1] < 240 || d[i + 2] < 240)) nonWhite++;
  }
  return {width: c.width, height: c.height, colours: colours.size,
          nonWhite: nonWhite / Math.ceil(d.length / 28)};
})
"""


# The "Described in words" section of each live figure's cell (show_figure), as text.
FIGURE_WORDS_JS = """
() => [...document.querySelectorAll('.jp-NotebookPanel .jupyter-matplotlib')].map(f => {
  const details = f.closest('.jp-Cell')?.querySelector('details.figure-description');
  return details ? details.textContent.replace(/^Described in words/, '').trim() : '';
})
"""


def _code_cells(path: Path) -> int:
    """The number of non-empty code cells: JupyterLab does not execute empty ones."""
    nb = json.loads(path.read_text())
    return sum(1 for c in nb["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip())


# The notebook's kernel has started and is idle: its name is in the toolbar, the execution
# indicator says idle and no dialog (e.g. "Select Kernel") is open.
KERNEL_READY_JS = """
() => {
  const nb = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  if (!nb || document.querySelector('.jp-Dialog')) return false;
  const name = nb.querySelector('.jp-KernelName');
  const status = nb.querySelector('.jp-Notebook-ExecutionIndicator');
  return !!(name && /python/i.test(name.innerText) && status
            && status.getAttribute('data-status') === 'idle');
}
"""


class _Budget:
    """Time left for the test: every wait is capped by its own timeout and by what is left."""

    def __init__(self, seconds: float) -> None:
        self.seconds, self.end = seconds, time.monotonic() + seconds

    def ms(self, cap_ms: float) -> float:
        left = (self.end - time.monotonic()) * 1000
        if left <= 0:
            raise TimeoutError(f"the test ran out of its {self.seconds:.0f} s budget")
        return min(cap_ms, left)


def _wait_for_kernel(page, timeout_ms: float) -> None:
    """Wait until the notebook's kernel is up and idle (twice, a second apart: not a flicker)."""
    deadline = time.monotonic() + timeout_ms / 1000
    stable = 0
    while stable < 2:
        if time.monotonic() > deadline:
            raise TimeoutError(f"the kernel was not ready within {timeout_ms / 1000:.0f}s")
        dialog = page.locator(".jp-Dialog")
        if dialog.count():  # e.g. "Select Kernel": take the notebook's own kernel
            print(f"dialog: {dialog.first.inner_text()!r}; accepting it")
            dialog.locator(".jp-Dialog-button.jp-mod-accept").first.click()
        stable = stable + 1 if page.evaluate(KERNEL_READY_JS) else 0
        page.wait_for_timeout(1000)


def _menu(page, top: str, item: str) -> None:
    page.locator(".lm-MenuBar-item", has_text=top).first.click()
    page.locator(".lm-Menu-item:not(.lm-mod-hidden)", has_text=item).first.click()


def _hover(page, figure, scroll: bool = True) -> str:
    """Move the mouse over the middle of the visible part of an ipympl figure; its readout."""
    canvas = figure.locator("canvas").first
    if scroll:
        canvas.evaluate("c => c.scrollIntoView({block: 'center'})")
    footer = figure.locator(".jupyter-matplotlib-footer")
    before = footer.inner_text()
    box, view = canvas.bounding_box(), page.viewport_size
    if not box:
        return ""
    top, bottom = max(box["y"], 0), min(box["y"] + box["height"], view["height"])
    left, right = max(box["x"], 0), min(box["x"] + box["width"], view["width"])
    page.mouse.move((left + right) / 2 - 7, (top + bottom) / 2 - 5)
    with contextlib.suppress(Exception):
        page.wait_for_function(
            "([f, before]) => f.innerText.trim() && f.innerText !== before",
            arg=[footer.element_handle(), before],
            timeout=15_000,
        )
    return footer.inner_text().strip()


WIDGET_OUTPUTS_JS = """
() => {
  const outs = [...document.querySelectorAll('.jp-NotebookPanel .jp-OutputArea-output')]
    .filter(o => o.getAttribute('data-mime-type') === 'application/vnd.jupyter.widget-view+json'
                 || /widget|javascript error/i.test(o.textContent));
  if (outs.length) outs[0].scrollIntoView({block: 'center'});  // for the failure screenshot
  return outs.map(o => o.innerText.split('\\n').slice(0, 3).join(' / ').trim());
}
"""


def _widget_outputs(page) -> str:
    """The text of the outputs that should be widgets (hidden error details included)."""
    error = page.locator(".jp-NotebookPanel .jupyter-widgets-error-widget")
    if error.count():  # "Click to show javascript error.": the details come on a click
        with contextlib.suppress(Exception):
            error.first.click(timeout=5_000)
            page.wait_for_timeout(500)
    outs = page.evaluate(WIDGET_OUTPUTS_JS)
    if not outs:  # e.g. no widget manager at all: the figure's plain-text repr is shown
        return _outputs_text(page)[-3000:]
    return "\n".join(f"- {t[:400]}" for t in outs)


def _outputs_text(page) -> str:
    return page.evaluate(
        "() => [...document.querySelectorAll('.jp-NotebookPanel .jp-OutputArea-output')]"
        ".map(o => o.innerText.trim()).filter(t => t).join('\\n---\\n')"
    )


@contextlib.contextmanager
def _explain_failure(lab, page, console: list[str], artifacts: Path, stem: str):
    """On any failure: screenshot, browser console and JupyterLab's log, for the test report."""
    try:
        yield
    except BaseException:
        with contextlib.suppress(Exception):
            page.screenshot(path=artifacts / f"{stem}-FAILED.png", timeout=10_000)
            print(f"screenshot: {artifacts / f'{stem}-FAILED.png'}")
        with contextlib.suppress(Exception):
            print(f"--- cell outputs ---\n{_outputs_text(page)[-6000:]}")
        print("--- browser console ---\n" + "\n".join(console[-80:]))
        print(f"--- JupyterLab log ({lab.log}) ---\n{lab.log_text()}")
        raise


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_with_live_figure(lab, browser, artifacts_dir, name):
    path = lab.notebooks / name
    if not path.is_file():
        pytest.fail(f"notebooks/{name} does not exist")
    expected = _code_cells(path)
    stem = f"jupyterlab-{path.stem}"
    (artifacts_dir / f"{stem}-FAILED.png").unlink(missing_ok=True)
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, device_scale_factor=1)
    context.set_default_timeout(UI_TIMEOUT_MS)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
    t0, budget = time.monotonic(), _Budget(TEST_BUDGET_S)
    try:
        with _explain_failure(lab, page, console, artifacts_dir, stem):
            # ?reset: a clean workspace; the token in the URL logs the browser in.
            page.goto(f"{lab.url}/lab/tree/{name}?reset&token={lab.token}", timeout=UI_TIMEOUT_MS)
            page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").first.wait_for()
            _wait_for_kernel(page, budget.ms(KERNEL_TIMEOUT_MS))
            _menu(page, "Edit", "Clear Outputs of All Cells")
            _menu(page, "Run", "Run All Cells")
            page.wait_for_function(
                f"""() => {{ const s = ({RUN_STATE_JS})();
                  return s && s.running === 0 && (s.done >= {expected} || s.errors.length > 0)
                    && /idle/i.test(s.kernel); }}""",
                timeout=budget.ms(RUN_TIMEOUT_MS),
            )
            state = page.evaluate(RUN_STATE_JS)
            print(f"{name}: ran {state['done']}/{expected} cells in {time.monotonic() - t0:.0f}s")
            assert not state["errors"], f"{name}: a cell shows an error:\n" + "\n\n".join(state["errors"])
            assert state["done"] >= expected, f"{name}: only {state['done']}/{expected} cells ran"

            figure = page.locator(".jp-NotebookPanel .jupyter-matplotlib")
            canvas_wait = budget.ms(CANVAS_TIMEOUT_MS)
            try:
                figure.first.locator("canvas").first.wait_for(state="attached", timeout=canvas_wait)
            except Exception:
                pytest.fail(
                    f"{name}: the ipympl figure did not render as a live canvas in JupyterLab. Is "
                    "ipympl's front end (lab extension jupyter-matplotlib, see `jupyter labextension list`) "
                    f"installed? The widget outputs show:\n{_widget_outputs(page)}"
                )
            # The live canvas is there; no other widget output may show a widget error either.
            text = _outputs_text(page)
            for sign in ("Error displaying widget", "javascript error", "Failed to load model class"):
                assert sign not in text, f"{name}: a widget failed to display:\n{_widget_outputs(page)}"
            # ipympl draws asynchronously (the kernel sends the image): wait for real pixels.
            page.wait_for_function(
                f"() => {{ const s = ({CANVAS_STATS_JS})(); return s.length > 0 && "
                "s.every(c => c.colours > 8 && c.nonWhite > 0.01); }",
                timeout=budget.ms(CANVAS_TIMEOUT_MS),
            )
            stats = page.evaluate(CANVAS_STATS_JS)
            print(f"{name}: {len(stats)} live figure(s): {stats}")
            # Each live figure says what it shows (show_figure): in words, to open below it.
            for k, words in enumerate(page.evaluate(FIGURE_WORDS_JS)):
                assert len(words) > 40, f"{name}: figure {k + 1} is not described in words: {words!r}"
                print(f"{name}: figure {k + 1} described as {words[:80]!r}...")

            # Room for the figures: hide the file browser (a click on its open tab).
            page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current").first.click()
            # Hover each figure, as a learner would: ipympl (through the kernel) writes the
            # coordinates under the mouse in the figure's footer, so the figure is live.
            for k in range(figure.count()):
                readout = _hover(page, figure.nth(k))
                assert readout, f"{name}: hovering figure {k + 1} shows no coordinates: it is not live"
                print(f"{name}: figure {k + 1} hover readout {readout!r}")
                figure.nth(k).screenshot(path=artifacts_dir / f"{stem}-figure{k + 1}.png")
            # The screenshot: the largest figure (the full heatmap in 02), its cell at the top.
            largest = max(range(len(stats)), key=lambda k: stats[k]["width"] * stats[k]["height"])
            figure.nth(largest).evaluate("f => f.closest('.jp-Cell').scrollIntoView({block: 'start'})")
            _hover(page, figure.nth(largest), scroll=False)
            page.screenshot(path=artifacts_dir / f"{stem}.png")
            print(f"screenshot: {artifacts_dir / f'{stem}.png'}")
            if name == "02_heatmap.ipynb" and os.environ.get("BIGRAM_README_SCREENSHOT") == "1":
                README_SCREENSHOT.parent.mkdir(exist_ok=True)
                page.screenshot(path=README_SCREENSHOT)
                print(f"README screenshot: {README_SCREENSHOT} ({README_SCREENSHOT.stat().st_size} bytes)")
    finally:
        context.close()
