"""Shared pieces of the benchmark scripts: the environment, gunicorn, a small browser, TOTP codes."""

import base64
import hashlib
import hmac
import os
import struct
import subprocess  # nosec B404
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
RESULTS = BASE_DIR / "bench" / "results"
# Public keys for the benchmark's fake personal numbers: `bench/run --seed` encrypts with them and
# the server under test reads with them. Never use them for real data.
BENCH_PERSONAL_DATA_KEYS = "YmVuY2gtb25seS1wZXJzb25hbC1kYXRhLWtleS0wMDE="
BENCH_PERSONAL_DATA_HASH_KEY = "bench-only-personal-data-hash-key-never-real"
# The benchmark's own master key for sealing bids. Never use it for real tenders.
BENCH_BID_KEYS = "YmVuY2gtb25seS10ZW5kZXItYmlkLXNlYWwta2V5LTE="
DEMO_PASSWORD = "Demo-Tulungagung-2026"
DEMO_TOTP_SECRET = "KRUWY3TBM5QWO5LOM5QWK3TBMFXGG3DF"


def production_env(*, database_url, redis_url, port, static_root, extra=None):
    """Return the environment of a production-settings server for the benchmark."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CELERY_", "GUNICORN_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DJANGO_SECRET_KEY="bench-" + "k" * 60,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_CSRF_TRUSTED_ORIGINS=f"https://127.0.0.1:{port}",
        DATABASE_URL=database_url,
        CACHE_URL=redis_url,
        CELERY_BROKER_URL=redis_url,
        EMAIL_URL="dummymail://",
        SITE_URL=f"https://127.0.0.1:{port}",
        # As behind nginx terminating TLS: the benchmark sends X-Forwarded-Proto: https, so the
        # HTTPS redirect, secure cookies and HSTS stay exactly as in production.
        DJANGO_BEHIND_TLS_PROXY="true",
        DJANGO_STATIC_ROOT=str(static_root),
        DJANGO_STATIC_MANIFEST="true",
        PERSONAL_DATA_KEYS=BENCH_PERSONAL_DATA_KEYS,
        PERSONAL_DATA_HASH_KEY=BENCH_PERSONAL_DATA_HASH_KEY,
        PENGADAAN_BID_KEYS=BENCH_BID_KEYS,
        # All load comes from one address: the per-address tracking limit would answer 429 to all.
        TRACK_RATE_PER_IP="1000000/m",
        TRACK_RATE_PER_REFERENCE="1000000/m",
        DJANGO_LOG_LEVEL="WARNING",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        PYTHONPATH=str(BASE_DIR),
    )
    env.update(extra or {})
    return env


def database_recreate(database_url):
    """Drop and create the (benchmark's own) PostgreSQL database of database_url."""
    import psycopg2

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    conn = psycopg2.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username, password=parts.password,
        dbname="postgres",
    )  # fmt: skip
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    conn.close()


class Gunicorn:
    """`with Gunicorn(env, log) as server:` runs portal.wsgi with portal/gunicorn.conf.py."""

    def __init__(self, env, log_path):
        self.env, self.log_path = env, log_path
        self.port = int(env["GUNICORN_BIND"].rsplit(":", 1)[1])
        self.process = None

    def __enter__(self):
        self.log = open(self.log_path, "w")  # noqa: SIM115 - closed in __exit__
        self.process = subprocess.Popen(  # nosec B603
            [str(VENV_BIN / "gunicorn"), "-c", "portal/gunicorn.conf.py", "portal.wsgi"],
            cwd=BASE_DIR,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        browser = Browser(self.port)
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log_path}")
            try:
                if browser.get("/healthz/live").status_code == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer /healthz/live within 60 s")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()


def totp_code(secret, at=None):
    """Return the RFC 6238 code (SHA-1, 30 s, 6 digits) of a base32 secret, as allauth checks it."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = int((at or time.time()) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


class _FormParser(HTMLParser):
    """Collect the fields of the first form that posts (or of the form with the given action)."""

    def __init__(self):
        super().__init__()
        self.forms, self._form, self._select, self._textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {
                "action": a.get("action", ""),
                "method": a.get("method", "get").lower(),
                "fields": [],
            }
            self.forms.append(self._form)
        if self._form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind in ("submit", "button", "file"):
                return
            self._form["fields"].append((name, a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self._select = [name, None, None]
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._select[2] is None:
                self._select[2] = value
            if "selected" in a:
                self._select[1] = value
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select" and self._select is not None:
            name, selected, first = self._select
            self._form["fields"].append((name, selected if selected is not None else first or ""))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self._form["fields"].append(tuple(self._textarea))
            self._textarea = None
        elif tag == "form":
            self._form = None


def form_fields(html, *, action_contains=None):
    """Return the (name, value) pairs of a page's main POST form.

    That is the form whose action contains `action_contains` if given, else the largest form that
    posts back to the page itself (no action), else the largest POST form.
    """
    parser = _FormParser()
    parser.feed(html)
    forms = [f for f in parser.forms if f["method"] == "post"]
    if action_contains is not None:
        forms = [f for f in forms if action_contains in f["action"]]
    else:
        forms = [f for f in forms if f["action"] in ("", ".")] or forms
    if not forms:
        raise LookupError(f"no POST form with action containing {action_contains!r}")
    return max(forms, key=lambda f: len(f["fields"]))["fields"]


class Browser:
    """A client of the benchmark server as seen through a TLS proxy: cookies kept by hand."""

    def __init__(self, port):
        import requests

        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.http = requests.Session()
        self.cookies = {}
        self.timeout = 60

    @property
    def origin(self):
        return f"https://127.0.0.1:{self.port}"

    def headers(self, extra=None):
        headers = {"X-Forwarded-Proto": "https", "Host": f"127.0.0.1:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        headers.update(extra or {})
        return headers

    def _keep(self, response):
        for cookie in response.cookies:
            if cookie.value == "" or (cookie.expires is not None and cookie.expires < time.time()):
                self.cookies.pop(cookie.name, None)
            else:
                self.cookies[cookie.name] = cookie.value

    def request(self, method, path, *, data=None, follow=True, headers=None):
        url = urljoin(self.base, path)
        for _ in range(10):
            response = self.http.request(
                method,
                url,
                data=data,
                headers=self.headers(headers),
                allow_redirects=False,
                timeout=self.timeout,
            )
            self._keep(response)
            if not follow or response.status_code not in (301, 302, 303):
                return response
            location = response.headers["Location"].replace(self.origin, self.base)
            url, method, data = urljoin(url, location), "GET", None
        raise RuntimeError(f"too many redirects from {path}")

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data, **kwargs):
        headers = {"Origin": self.origin, "Referer": self.origin + path}
        return self.request("POST", path, data=data, headers=headers, **kwargs)

    def submit(self, path, *, action_contains=None, overrides=None, follow=True):
        """GET path, fill its POST form with what it shows plus overrides, POST it."""
        page = self.get(path)
        try:
            fields = dict(form_fields(page.text, action_contains=action_contains))
        except LookupError as exc:
            raise RuntimeError(f"{path} answered {page.status_code} ({page.url}) without the form") from exc
        fields.update(overrides or {})
        return self.post(path, fields, follow=follow)

    def login(self, email, password=DEMO_PASSWORD, totp_secret=None):
        response = self.submit("/akun/login/", overrides={"login": email, "password": password})
        if "2fa" in response.url or 'name="code"' in response.text:
            path = response.url.replace(self.base, "")
            response = self.submit(path, overrides={"code": totp_code(totp_secret or DEMO_TOTP_SECRET)})
        if "sessionid" not in self.cookies:
            raise RuntimeError(f"login of {email} failed: {response.status_code} {response.url}")
        return self

    def cookie_header(self):
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())
