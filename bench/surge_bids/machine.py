"""What the machine did during the surge: its load, the CPU seconds of each part, the commit."""

import datetime
import os
import re
import subprocess  # nosec B404
from pathlib import Path

from bench.common import BASE_DIR


def git_head() -> str:
    command = ["git", "rev-parse", "--short", "HEAD"]
    return subprocess.run(command, cwd=BASE_DIR, capture_output=True, text=True).stdout.strip()  # nosec


def worker_nice() -> list[str]:
    """`nice -n N` as deploy/systemd/portal-worker.service runs the Celery worker (its Nice=), or nothing."""
    unit = (BASE_DIR / "deploy" / "systemd" / "portal-worker.service").read_text()
    match = re.search(r"^Nice=(-?[0-9]+)\s*$", unit, re.M)
    return ["nice", "-n", match.group(1)] if match else []


def _children(pid):
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _cpu_of(pid):
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def cpu_seconds(processes) -> dict:
    """CPU seconds used so far by each part: gunicorn (master + workers), celery, nginx, this client."""
    figures = {}
    for name, pid in processes.items():
        figures[name] = sum(_cpu_of(p) for p in [pid, *_children(pid)])
    times = os.times()
    figures["bench client"] = times.user + times.system
    with open("/proc/stat") as stat:
        values = [int(v) for v in stat.readline().split()[1:]]
    figures["machine busy"] = (sum(values) - values[3] - values[4]) / os.sysconf("SC_CLK_TCK")
    return figures


def cpu_used(before, after) -> dict:
    used = {name: round(after[name] - before[name], 1) for name in before}
    ours = sum(v for k, v in used.items() if k != "machine busy")
    used["others (other engineers' tests, PostgreSQL)"] = round(used["machine busy"] - ours, 1)
    return used


def load_average() -> str:
    """`uptime`'s figures, the time in UTC."""
    one, five, fifteen = os.getloadavg()
    now = datetime.datetime.now(datetime.UTC).strftime("%H:%M:%S UTC")
    return f"{now} load average: {one:.2f}, {five:.2f}, {fifteen:.2f}"
