"""The browser tests' screenshots and reports land where git ignores them unless a run asks."""

import subprocess

from tests.e2e.outputs import BASE_DIR, RECORD_VARIABLE, results_dir, screenshots_dir


def _ignored(path):
    probe = path / "probe.png"
    found = subprocess.run(["git", "check-ignore", "-q", str(probe)], cwd=BASE_DIR, check=False)
    return found.returncode == 0


def test_a_plain_run_writes_only_where_git_ignores(monkeypatch):
    monkeypatch.delenv(RECORD_VARIABLE, raising=False)
    assert _ignored(screenshots_dir()) and _ignored(results_dir())
    assert screenshots_dir() != BASE_DIR / "docs" / "screenshots"


def test_a_recording_run_writes_the_committed_files(monkeypatch):
    monkeypatch.setenv(RECORD_VARIABLE, "1")
    assert screenshots_dir() == BASE_DIR / "docs" / "screenshots"
    assert results_dir() == BASE_DIR / "bench" / "results"


def test_make_test_does_not_record_and_make_screenshots_does():
    makefile = (BASE_DIR / "Makefile").read_text()
    test_recipe = makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]
    screenshots_recipe = makefile.split("\nscreenshots:", 1)[1].split("\n\n", 1)[0]
    assert RECORD_VARIABLE not in test_recipe
    assert f"{RECORD_VARIABLE}=1" in screenshots_recipe and "tests/e2e" in screenshots_recipe
