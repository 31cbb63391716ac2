"""
Checks run on every page a browser test shows: axe-core, and on a phone, sideways scrolling and a
header taking more than a third of the first screen.

A test's pages are wrapped in AuditedPage. Each time a document has loaded, the next call the test
makes on the page first runs axe-core on it (the bundled axe.min.js of axe-playwright-python, no
download), and, at a phone's width, measures whether a citizen page scrolls sideways. Pages without
JavaScript get it switched on through the DevTools protocol for the length of the check only.
"""

import json
import re
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError

from tests.e2e.outputs import results_dir

BLOCKING = {"serious", "critical"}
# WCAG 2.0, 2.1 and 2.2, levels A and AA (2.2 adds the 24 px target size phones need), plus axe's
# best practices (reported; they block only when serious or critical).
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
PHONE = {"width": 360, "height": 640}
# Pages for officers, not for citizens: the phone-width rule does not apply to them.
OFFICER_PATHS = ("/admin/", "/koordinasi/")

_axe = Axe()

_STATE_JS = """() => ({
  h1: (document.querySelector('h1') || {}).textContent || '',
  invalid: document.querySelectorAll('.is-invalid, [aria-invalid="true"], .errorlist').length,
  scrollWidth: document.documentElement.scrollWidth,
  innerWidth: window.innerWidth,
  header: (document.querySelector('body > header') || {getBoundingClientRect: () => ({height: 0})})
    .getBoundingClientRect().height,
  innerHeight: window.innerHeight,
})"""


def page_kind(url):
    """Return the path with numbers and tokens folded, so one template counts as one page."""
    path = urlsplit(url).path
    path = re.sub(r"/verifikasi/[^/]+/", "/verifikasi/<token>/", path)
    path = re.sub(r"/akun/confirm-email/[^/]+/", "/akun/confirm-email/<key>/", path)
    return re.sub(r"/\d+(?=/|$|\.)", "/<n>", path)


class AuditLog:
    """Every page checked in the session, and what axe found on it."""

    def __init__(self):
        self.pages = {}  # key -> record
        self.overflow = {}  # page kind -> (scrollWidth, innerWidth)

    def seen(self, key):
        return key in self.pages

    def add(self, key, record):
        self.pages[key] = record

    def blocking(self, keys):
        return [(key, v) for key in keys for v in self.pages[key]["violations"] if v["impact"] in BLOCKING]

    def write(self):
        counts = {}
        for record in self.pages.values():
            for v in record["violations"]:
                counts[v["impact"]] = counts.get(v["impact"], 0) + 1
        summary = {
            "pages_checked": len(self.pages),
            "page_kinds": sorted({r["kind"] for r in self.pages.values()}),
            "violations_by_impact": counts,
            "phone_pages_checked": sorted(self.overflow),
            "phone_pages_scrolling_sideways": sorted(k for k, (sw, iw) in self.overflow.items() if sw > iw),
            "pages": sorted(self.pages.values(), key=lambda r: r["kind"]),
        }
        (results_dir() / "axe_e2e.json").write_text(json.dumps(summary, indent=1, ensure_ascii=False))
        return summary


def describe(violations):
    lines = []
    for key, v in violations:
        targets = "; ".join(", ".join(n["target"]) for n in v["nodes"][:5])
        lines.append(f"{key[0]} [{v['impact']}] {v['id']}: {v['help']} -> {targets}")
    return "\n".join(lines)


class AuditedPage:
    """A Playwright page that checks each new document before the test touches it again."""

    def __init__(self, page, *, log, js, keys):
        self._page = page
        self._log = log
        self._js = js
        self._keys = keys  # the keys this test checked, to fail the test on its own findings
        self._phone_problems = []
        self._loads = 0
        self._checked = 0
        self._cdp = None
        page.on("load", self._on_load)
        if not js:
            self._cdp = page.context.new_cdp_session(page)
            self._cdp.send("Emulation.setScriptExecutionDisabled", {"value": True})

    @property
    def raw(self):
        """The Playwright page itself (for expect(page) and CDP sessions)."""
        return self._page

    def _on_load(self, _page):
        self._loads += 1

    def __getattr__(self, name):
        if self._loads != self._checked:
            self.audit()
        attr = getattr(self._page, name)
        if name in ("goto", "reload", "go_back", "go_forward"):

            def navigate(*args, **kwargs):
                response = attr(*args, **kwargs)
                self.audit()
                return response

            return navigate
        return attr

    def audit(self):
        """Check the page now shown, unless a page like it was already checked in this session."""
        self._checked = self._loads
        page = self._page
        url = page.url
        if not url.startswith("http"):
            return
        try:
            page.wait_for_load_state()
            state = page.evaluate(_STATE_JS)
        except PlaywrightError:
            return  # navigating away already: the next document is checked in its turn
        kind = page_kind(url)
        width = page.viewport_size["width"] if page.viewport_size else None
        if width == PHONE["width"] and not kind.startswith(OFFICER_PATHS):
            self._log.overflow[kind] = (state["scrollWidth"], state["innerWidth"])
            if state["scrollWidth"] > state["innerWidth"]:
                self._phone_problems.append(
                    f"{kind} scrolls sideways: {state['scrollWidth']}px > {state['innerWidth']}px"
                )
            if state["header"] > state["innerHeight"] / 3:
                self._phone_problems.append(
                    f"{kind}'s header takes {state['header']:.0f}px of the first {state['innerHeight']}px"
                )
        key = (kind, state["h1"].strip(), bool(state["invalid"]), width)
        self._keys.add(key)
        if self._log.seen(key):
            return
        if self._cdp is not None:
            self._cdp.send("Emulation.setScriptExecutionDisabled", {"value": False})
        try:
            results = _axe.run(page, options=AXE_OPTIONS).response
        except PlaywrightError:
            # A navigation started meanwhile (a redirect or a refresh): check the page it led to.
            page.wait_for_load_state()
            results = _axe.run(page, options=AXE_OPTIONS).response
        finally:
            if self._cdp is not None:
                self._cdp.send("Emulation.setScriptExecutionDisabled", {"value": True})
        self._log.add(
            key,
            {
                "kind": kind,
                "h1": key[1],
                "with_errors": key[2],
                "width": width,
                "javascript": self._js,
                "violations": [
                    {
                        "id": v["id"],
                        "impact": v["impact"],
                        "help": v["help"],
                        "nodes": [{"target": n["target"], "html": n["html"][:200]} for n in v["nodes"]],
                    }
                    for v in results["violations"]
                ],
            },
        )

    def finish(self):
        """Check the last document, and return the phone-layout problems that fail the test."""
        if self._loads != self._checked and not self._page.is_closed():
            self.audit()
        return self._phone_problems
