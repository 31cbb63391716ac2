"""
First-load weight of a page for bench/run: the bytes nginx sends for its HTML and for every
stylesheet, icon, script, image and font a browser fetches, asked for as a browser asks (gzip, br).
"""

import re
from html.parser import HTMLParser
from urllib.parse import urljoin

CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")


class _Assets(HTMLParser):
    """Collect what a browser fetches on first load: stylesheets, icons, preloads, scripts, images."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        rel = set((a.get("rel") or "").split())
        if tag == "link" and rel & {"stylesheet", "icon", "preload", "modulepreload"} and a.get("href"):
            self.urls.append(a["href"])
        elif tag in ("script", "img") and a.get("src"):
            self.urls.append(a["src"])


def _wire_size(browser, path):
    """Return the body bytes on the wire for path, asking for brotli or gzip like a browser."""
    response = browser.http.get(
        urljoin(browser.base, path),
        headers={**browser.headers(), "Accept-Encoding": "br, gzip"},
        stream=True,
        timeout=30,
    )
    body = response.raw.read(decode_content=False)
    return response.status_code, len(body), response.headers.get("Content-Encoding", ""), response


def page_weight(page):
    """Return the compressed first-load size of a page and what it is made of."""
    browser = page["browser"]
    status, size, encoding, response = _wire_size(browser, page["path"])
    if status != 200:
        raise RuntimeError(f"{page['path']} answered {status}")
    html = browser.get(page["path"]).text
    parts = [{"url": page["path"], "bytes": size, "encoding": encoding or "identity", "status": status}]
    assets = _Assets()
    assets.feed(html)
    seen, queue = set(), [u for u in assets.urls if u.startswith("/")]
    while queue:
        url = queue.pop(0)
        if url in seen or url.startswith("data:"):
            continue
        seen.add(url)
        status, size, encoding, response = _wire_size(browser, url)
        parts.append({"url": url, "bytes": size, "encoding": encoding or "identity", "status": status})
        if url.endswith(".css") and status == 200:
            css = browser.http.get(urljoin(browser.base, url), headers=browser.headers(), timeout=30).text
            queue += [urljoin(url, u) for u in CSS_URL.findall(css) if not u.startswith("data:")]
    return {"bytes": sum(p["bytes"] for p in parts), "html_raw_bytes": len(html.encode()), "parts": parts}
