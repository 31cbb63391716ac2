"""
Where the browser tests write their screenshots and result files.

A plain test run writes them under var/e2e/, which git ignores, so `make test` leaves a clean
checkout. E2E_RECORD=1 (what `make screenshots` sets) writes them where the README and the
benchmark notes read them: docs/screenshots/ and bench/results/.
"""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
RECORD_VARIABLE = "E2E_RECORD"


def recording() -> bool:
    """Return whether this run was asked to update the committed screenshots and results."""
    return os.environ.get(RECORD_VARIABLE) == "1"


def screenshots_dir() -> Path:
    """Return the folder for page screenshots, created if missing."""
    path = BASE_DIR / "docs" / "screenshots" if recording() else BASE_DIR / "var" / "e2e" / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


def results_dir() -> Path:
    """Return the folder for the axe and weak-connection reports, created if missing."""
    path = BASE_DIR / "bench" / "results" if recording() else BASE_DIR / "var" / "e2e" / "results"
    path.mkdir(parents=True, exist_ok=True)
    return path
