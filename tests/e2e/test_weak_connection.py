"""
Citizen pages on a weak village connection: Chromium's network emulation at 400 kbit/s and 400 ms.

The pages are served the way production sends them: through deploy/'s nginx (Debian's package, the
same configuration rendered for a temporary directory) in front of the test server, which gzips the
HTML and serves the collected static files itself. The test measures the bytes on the wire (CDP
Network.loadingFinished encodedDataLength: headers plus compressed body) with an empty cache.
"""

import json
import os
import time

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from deploy.render import Nginx, free_port, nginx_binary, standalone
from ktp.constants import Jenis
from ktp.services import permohonan_submit
from perizinan.models import Izin
from portal.accounts.roles import Role
from portal.public.dashboard import dashboard_refresh
from portal.verification.models import IssuedDocument
from tests.e2e.audit import PHONE
from tests.e2e.helpers import log_in
from tests.e2e.outputs import results_dir
from tests.factories import UserFactory
from tests.factories.ktp import permohonan_complete_draft
from tests.factories.perizinan import izin_issued

pytestmark = [pytest.mark.browser, pytest.mark.nginx, pytest.mark.django_db(transaction=True)]

KBIT_PER_S = 400
LATENCY_MS = 400
MAX_BYTES = 60 * 1024
MAX_SECONDS = 5.0


@pytest.fixture
def nginx_server(live_server, settings, tmp_path):
    """deploy/'s nginx in front of the test server (same database); yield its URL."""
    if nginx_binary() is None:
        reason = "nginx not found (apt-get install --no-install-recommends nginx)"
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(f"REQUIRE_SERVICES=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    settings.STATIC_ROOT = tmp_path / "static"
    call_command("collectstatic", interactive=False, verbosity=0)
    port = free_port()
    conf = standalone(
        tmp_path / "nginx",
        port=port,
        upstreams=[f"127.0.0.1:{live_server.thread.port}"],
        static_root=settings.STATIC_ROOT,
        private_root=settings.PRIVATE_MEDIA_ROOT,
        document_max_bytes=settings.DOCUMENT_MAX_BYTES,
    )
    with Nginx(conf, port):
        yield f"http://127.0.0.1:{port}"


def _citizen_pages():
    """Create what the citizen pages show; return (anonymous paths, logged-in paths)."""
    warga = UserFactory(email="warga@contoh.id", role=Role.WARGA)
    officer = UserFactory(email="izin@contoh.id", role=Role.PETUGAS_PERIZINAN, role__instansi="DPMPTSP")
    submitted = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    draft = permohonan_complete_draft(
        applicant=warga, jenis=Jenis.HILANG, documents=("kk", "surat_kehilangan"), nik="3504025005900002"
    )
    izin = izin_issued(applicant=warga, officer=officer)
    dashboard_refresh()
    receipt = IssuedDocument.objects.get(reference=submitted.reference)
    anonymous = [
        "/",
        "/ktp/",
        "/ktp/standar-pelayanan/",
        "/perizinan/",
        "/lacak/",
        "/transparansi/",
        "/informasi/",
        "/akun/login/",
        "/akun/signup/",
        receipt.get_absolute_url(),
    ]
    logged_in = [
        "/ktp/ajukan/",
        f"/ktp/permohonan/{draft.pk}/biodata/",
        f"/ktp/permohonan/{draft.pk}/dokumen/",
        f"/ktp/permohonan/{draft.pk}/jadwal/",
        f"/ktp/permohonan/{draft.pk}/periksa/",
        f"/ktp/permohonan/{submitted.pk}/konfirmasi/",
        "/ktp/permohonan/",
        f"/ktp/permohonan/{submitted.pk}/",
        "/perizinan/ajukan/",
        "/perizinan/ajukan/SIUP/",
        "/perizinan/permohonan/",
        f"/perizinan/permohonan/{Izin.objects.get(pk=izin.pk).permohonan.pk}/",
        "/akun/data-saya/",
    ]
    return anonymous, logged_in


def _first_load(browser, base_url, path, storage_state):
    """Open `path` in a fresh context (empty cache) on the emulated weak link; return its figures."""
    context = browser.new_context(
        base_url=base_url, viewport=PHONE, locale="id-ID", storage_state=storage_state
    )
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": LATENCY_MS,
            "downloadThroughput": KBIT_PER_S * 1000 / 8,
            "uploadThroughput": KBIT_PER_S * 1000 / 8,
        },
    )
    wire = {}
    cdp.on("Network.loadingFinished", lambda e: wire.__setitem__(e["requestId"], e["encodedDataLength"]))
    started = time.monotonic()
    response = page.goto(path, wait_until="commit")
    assert response.status == 200, f"{path}: HTTP {response.status}"
    # Usable: the stylesheets have arrived (the load event; the portal has no script or image to
    # wait for) and the heading and the main content are on screen.
    page.wait_for_load_state("load", timeout=30_000)
    expect(page.locator("h1").first).to_be_visible()
    expect(page.locator("main")).to_be_visible()
    usable = time.monotonic() - started
    paint = page.evaluate(
        "() => (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || null"
    )
    page.wait_for_load_state("networkidle")
    context.close()
    return {
        "page": path,
        "bytes": int(sum(wire.values())),
        "requests": len(wire),
        "usable_s": round(usable, 2),
        "first_contentful_paint_s": round(paint / 1000, 2) if paint else None,
    }


def test_each_citizen_page_is_usable_within_5_s_and_weighs_at_most_60_kb_on_a_weak_link(
    browser, nginx_server, open_page, capsys
):
    anonymous, logged_in = _citizen_pages()
    login = browser.new_context(base_url=nginx_server, locale="id-ID")
    log_in(login.new_page(), "warga@contoh.id")
    state = login.storage_state()
    login.close()

    rows = [_first_load(browser, nginx_server, path, None) for path in anonymous]
    rows += [_first_load(browser, nginx_server, path, state) for path in logged_in]

    # The same pages through the audit too (axe, and no sideways scrolling at 360 px).
    for paths, storage in ((anonymous, None), (logged_in, state)):
        phone = open_page(js=False, phone=True, storage_state=storage)
        for path in paths:
            phone.goto(path)

    report = {
        "network": f"{KBIT_PER_S} kbit/s down and up, {LATENCY_MS} ms latency (Chromium emulation)",
        "compression": "as deploy/'s nginx sends them (gzip -6 on HTML, gzip copies of static files)",
        "limits": {"bytes": MAX_BYTES, "usable_s": MAX_SECONDS},
        "pages": rows,
    }
    (results_dir() / "weak_connection.json").write_text(json.dumps(report, indent=1))
    with capsys.disabled():
        print(f"\nFirst load of citizen pages at {report['network']}, empty cache, {report['compression']}")
        print(f"{'page':<40} {'KB':>6} {'req':>4} {'usable s':>9} {'FCP s':>6}")
        for r in rows:
            print(
                f"{r['page'][:40]:<40} {r['bytes'] / 1024:6.1f} {r['requests']:4d} "
                f"{r['usable_s']:9.2f} "
                + (f"{r['first_contentful_paint_s']:6.2f}" if r["first_contentful_paint_s"] else "     –")
            )
    too_heavy = [(r["page"], r["bytes"]) for r in rows if r["bytes"] > MAX_BYTES]
    too_slow = [(r["page"], r["usable_s"]) for r in rows if r["usable_s"] > MAX_SECONDS]
    assert not too_heavy, f"heavier than {MAX_BYTES} bytes: {too_heavy}"
    assert not too_slow, f"not usable within {MAX_SECONDS} s: {too_slow}"
