"""
deploy/'s nginx in front of two gunicorn nodes (production settings, one database, one Redis, one
document directory): what one node changes, the other shows at once, and nginx does its part
(compression, static files, private documents, size limit, buffering, the visitor's address).
"""

import http.client
import socket
import time
from urllib.parse import urljoin

import pytest
from django.contrib.auth.models import Group

from bench.common import form_fields
from deploy.render import body_limit
from koordinasi.models import Naskah
from ktp.constants import Status
from ktp.models import LayananKecamatan, PermohonanKTP
from ktp.services import (
    permohonan_biodata_update,
    permohonan_draft_create,
    permohonan_slot_book,
    permohonan_submit,
    slot_days_offered,
)
from portal.accounts.roles import Role
from portal.audit.models import AksesData
from portal.documents.samples import sample_pdf_bytes
from portal.wilayah.models import Instansi
from tests.deploy.conftest import DOCUMENT_MAX_BYTES
from tests.factories import UserFactory
from tests.factories.accounts import PASSWORD, TOTP_SECRET
from tests.factories.ktp import biodata, permohonan_complete_draft

# Each test's database is emptied and refilled while the nodes keep running: with the sequences reset,
# the refilled reference rows (content types above all, which every process caches by id) keep their ids.
pytestmark = [
    pytest.mark.nginx,
    pytest.mark.django_db(transaction=True, reset_sequences=True),
    pytest.mark.usefixtures("shared_keys"),
]

QUEUE = "/admin/ktp/permohonanktp/?status__exact=diajukan"


def _login(stack, node, user):
    return stack.browser(node).login(user.email, PASSWORD, totp_secret=TOTP_SECRET)


def _same_session(stack, browser, node):
    """Return a client of `node` (or nginx) carrying `browser`'s cookies: the same session."""
    other = stack.browser(node)
    other.cookies = dict(browser.cookies)
    return other


def _post(browser, path, fields, files=None):
    """POST fields (a list of pairs) and files as a browser on this origin does; no redirect followed."""
    headers = browser.headers({"Origin": browser.origin, "Referer": browser.origin + path})
    url = urljoin(browser.base, path)
    response = browser.http.post(
        url, data=fields, files=files, headers=headers, allow_redirects=False, timeout=browser.timeout
    )
    browser._keep(response)
    return response


def _form(browser, path, *, action_contains=None, drop=(), **values):
    """The fields of the page's form, without `drop` (names or prefixes), with `values` set."""
    page = browser.get(path)
    assert page.status_code == 200, f"{path}: {page.status_code}"
    fields = form_fields(page.text, action_contains=action_contains)
    fields = [(k, v) for k, v in fields if k not in values and not k.startswith(tuple(drop) or ("\0",))]
    return fields + [(k, str(v)) for k, v in values.items()]


def _submitted(warga):
    return permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)


def test_a_session_made_on_node_a_works_on_node_b(stack):
    warga = UserFactory(email="warga@contoh.id", role=Role.WARGA)
    a = _login(stack, "a", warga)
    b = _same_session(stack, a, "b")
    mine = b.get("/ktp/permohonan/", follow=False)
    assert mine.status_code == 200
    assert b.get("/akun/data-saya/", follow=False).status_code == 200
    # And signing out on B ends it on A.
    logout = _form(b, "/akun/logout/")
    assert _post(b, "/akun/logout/", logout).status_code == 302
    assert a.get("/ktp/permohonan/", follow=False).status_code == 302


def test_a_status_change_on_node_a_shows_on_node_b_at_once(stack):
    warga = UserFactory(email="warga@contoh.id", role=Role.WARGA)
    officer = UserFactory(email="petugas@contoh.id", role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    permohonan = _submitted(warga)
    a = _login(stack, "a", officer)
    b = _same_session(stack, a, "b")
    citizen_b = _login(stack, "b", warga)
    detail = f"/ktp/permohonan/{permohonan.pk}/"
    # Node B has shown (and cached) the queue and the citizen's page before the change.
    assert permohonan.reference in b.get(QUEUE).text
    assert str(Status.DIVERIFIKASI.label) not in citizen_b.get(detail).text

    change = f"/admin/ktp/permohonanktp/{permohonan.pk}/change/"
    action = f"/admin/ktp/permohonanktp/{permohonan.pk}/aksi/verifikasi/"
    fields = _form(a, change, action_contains="/aksi/verifikasi/")
    assert _post(a, action, fields).status_code == 302
    permohonan.refresh_from_db()
    assert permohonan.status == Status.DIVERIFIKASI

    assert permohonan.reference not in b.get(QUEUE).text
    assert str(Status.DIVERIFIKASI.label) in citizen_b.get(detail).text


def test_an_officers_search_by_nik_stays_out_of_nginxs_access_log(stack):
    officer = UserFactory(email="petugas@contoh.id", role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    front = _login(stack, None, officer)
    assert front.get("/admin/ktp/permohonanktp/?q=3504020512880003").status_code == 200
    log = (stack.directory / "nginx" / "access.log").read_text()
    assert "/admin/ktp/permohonanktp/" in log and "3504020512880003" not in log


def test_a_memo_sent_on_node_a_is_in_the_inbox_on_node_b_at_once(stack):
    sender = UserFactory(email="pengirim@contoh.id", role=Role.PETUGAS_INSTANSI, role__instansi="DPMPTSP")
    other = Instansi.objects.exclude(code="DPMPTSP").order_by("code").first()
    recipient = UserFactory(email="penerima@contoh.id", role=Role.PETUGAS_INSTANSI, role__instansi=other.code)
    inbox_b = _login(stack, "b", recipient)
    assert inbox_b.get("/koordinasi/").status_code == 200

    a = _login(stack, "a", sender)
    fields = _form(
        a,
        "/koordinasi/tulis/",
        drop=("kepada_", "tembusan_", "lampiran"),
        jenis="nota_dinas",
        sifat="biasa",
        klasifikasi="biasa",
        perihal="Rapat dua node pelayanan",
        isi="Mohon hadir.",
        format="teks",
        kepada_pegawai=recipient.pk,
        kirim="1",
    )
    response = _post(a, "/koordinasi/tulis/", fields)
    assert response.status_code == 302, response.text[-2000:]
    assert Naskah.objects.filter(perihal="Rapat dua node pelayanan").exists()

    assert "Rapat dua node pelayanan" in inbox_b.get("/koordinasi/").text


def test_a_reference_data_edit_on_node_a_shows_on_node_b_at_once(stack):
    officer = UserFactory(email="dukcapil@contoh.id", role=Role.PETUGAS_DISPENDUKCAPIL)
    layanan = LayananKecamatan.objects.select_related("kecamatan").get(kecamatan__code="35.04.02")
    anonymous_b = stack.browser("b")
    before = anonymous_b.get("/ktp/standar-pelayanan/").text
    assert layanan.office_address in before and "Jl. Uji Dua Node 7" not in before

    a = _login(stack, "a", officer)
    path = f"/admin/ktp/layanankecamatan/{layanan.pk}/change/"
    response = _post(a, path, _form(a, path, office_address="Jl. Uji Dua Node 7"))
    assert response.status_code == 302, response.text[-2000:]
    layanan.refresh_from_db()
    assert layanan.office_address == "Jl. Uji Dua Node 7"

    assert "Jl. Uji Dua Node 7" in anonymous_b.get("/ktp/standar-pelayanan/").text


def test_a_role_change_and_a_deactivation_on_node_a_hold_on_node_b_at_once(stack):
    admin = UserFactory(email="admin@contoh.id", role=Role.ADMIN)
    officer = UserFactory(email="petugas@contoh.id", role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    warga = UserFactory(email="warga@contoh.id", role=Role.WARGA)
    officer_b, warga_b = _login(stack, "b", officer), _login(stack, "b", warga)
    assert officer_b.get(QUEUE, follow=False).status_code == 200
    assert warga_b.get("/ktp/permohonan/", follow=False).status_code == 200

    a = _login(stack, "a", admin)
    path = f"/admin/accounts/user/{officer.pk}/change/"
    fields = _form(a, path, drop=("is_staff",), groups=Group.objects.get(name=Role.WARGA).pk)
    assert _post(a, path, fields).status_code == 302
    assert officer_b.get(QUEUE, follow=False).status_code in (302, 403)

    path = f"/admin/accounts/user/{warga.pk}/change/"
    assert _post(a, path, _form(a, path, drop=("is_active",))).status_code == 302
    response = warga_b.get("/ktp/permohonan/", follow=False)
    assert response.status_code == 302 and "/akun/login/" in response.headers["Location"]


def test_a_document_uploaded_through_node_a_downloads_through_node_b_and_nginx(stack):
    warga = UserFactory(email="warga@contoh.id", role=Role.WARGA)
    officer = UserFactory(email="petugas@contoh.id", role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    draft = permohonan_biodata_update(
        permohonan=permohonan_draft_create(applicant=warga, jenis="baru"), data=biodata()
    )
    pdf = sample_pdf_bytes()
    a = _login(stack, "a", warga)
    path = f"/ktp/permohonan/{draft.pk}/dokumen/"
    response = _post(a, path, _form(a, path), files={"kk": ("kk-saya.pdf", pdf, "application/pdf")})
    assert response.status_code == 302, response.text[-2000:]
    dokumen = draft.dokumen_set.get(kind="kk")
    stored = stack.private_root / dokumen.file.name
    assert stored.read_bytes() == pdf

    layanan = LayananKecamatan.objects.get(kecamatan=draft.kecamatan)
    permohonan_slot_book(permohonan=draft, date=slot_days_offered(layanan=layanan)[0])
    submitted = permohonan_submit(permohonan=PermohonanKTP.objects.get(pk=draft.pk), actor=warga)
    url = f"/admin/ktp/permohonanktp/{draft.pk}/dokumen/{dokumen.pk}/"

    # Node B itself answers with the permission checked and nginx's internal location to send.
    b = _login(stack, "b", officer)
    direct = b.get(url)
    assert direct.status_code == 200, direct.text[-2000:]
    assert direct.headers.get("X-Accel-Redirect") == f"/_private/{dokumen.file.name}", direct.text[:2000]
    assert direct.content == b""
    # Through nginx (both nodes in turn): the file's bytes, still private and inert.
    through = _same_session(stack, b, None)
    for _ in range(2):
        response = through.get(url)
        assert response.status_code == 200
        assert response.content == pdf
        assert response.headers["Content-Type"] == "application/pdf"
        assert f'filename="{submitted.reference}-kk.pdf"' in response.headers["Content-Disposition"]
        assert {"private", "no-store"} <= set(response.headers["Cache-Control"].split(", "))
        # The view's own security headers, which nginx would otherwise drop with X-Accel-Redirect.
        for name in ("Content-Security-Policy", "X-Content-Type-Options", "Strict-Transport-Security"):
            assert response.headers[name] == direct.headers[name]
        assert response.headers["Content-Security-Policy"] == "sandbox"
        assert "X-Accel-Redirect" not in response.headers
    # The internal location is not reachable from outside, even with a name that exists.
    assert stack.browser().get(f"/_private/{dokumen.file.name}").status_code == 404
    # Nor without the officer's session.
    assert stack.browser().get(url, follow=False).status_code == 302


def test_nginx_compresses_pages_and_sends_hashed_static_files_with_long_cache_headers(stack):
    browser = stack.browser()
    page = browser.get("/", headers={"Accept-Encoding": "gzip"})
    assert page.status_code == 200
    assert page.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in page.headers["Vary"]
    # Django takes the request as HTTPS (nginx's X-Forwarded-Proto), so HSTS is Django's to send.
    assert "max-age=" in page.headers["Strict-Transport-Security"]
    css = next(u for u in _assets(page.text) if u.endswith(".css"))
    response = browser.http.get(
        urljoin(browser.base, css), headers=browser.headers({"Accept-Encoding": "gzip"}), stream=True
    )
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.headers["Content-Encoding"] == "gzip"
    # The precompressed copy (gzip_static), byte for byte.
    compressed = response.raw.read(decode_content=False)
    assert compressed == (stack.static_root / (css.removeprefix("/static/") + ".gz")).read_bytes()
    # A name nginx does not have goes to Django (whitenoise, then a 404 page).
    assert browser.get("/static/tidak-ada.css").status_code == 404


def _assets(html):
    import re

    return re.findall(r'(?:href|src)="(/static/[^"]+)"', html)


def test_nginx_refuses_a_body_over_the_limit_with_413_before_any_node_reads_it(stack):
    limit = body_limit(DOCUMENT_MAX_BYTES)
    connection = http.client.HTTPConnection("127.0.0.1", stack.nginx_port, timeout=10)
    connection.putrequest("POST", "/ktp/permohonan/1/dokumen/")
    connection.putheader("Content-Type", "multipart/form-data; boundary=x")
    connection.putheader("Content-Length", str(limit + 1))
    connection.endheaders()
    response = connection.getresponse()
    body = response.read().decode()
    connection.close()
    assert response.status == 413
    assert "Berkas terlalu besar" in body and f"{DOCUMENT_MAX_BYTES // 1024 // 1024} MB" in body


def test_idle_uploads_do_not_hold_the_nodes_sync_workers(stack):
    """Each node has one sync worker: clients that stall mid-request must not reach them."""
    browser = stack.browser()
    browser.timeout = 10
    browser.get("/lacak/")
    # A form post Django would read to the end (same origin, CSRF cookie), whose body never comes.
    head = (
        f"POST /lacak/ HTTP/1.1\r\nHost: 127.0.0.1:{stack.nginx_port}\r\n"
        f"Origin: {browser.origin}\r\nCookie: {browser.cookie_header()}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n"
        "csrfmiddlewaretoken="
    )
    stalled = []
    try:
        for _ in range(4):
            s = socket.create_connection(("127.0.0.1", stack.nginx_port), timeout=5)
            s.sendall(head.encode())
            stalled.append(s)
        time.sleep(0.5)
        started = time.monotonic()
        for path in ("/healthz/live", "/", "/lacak/", "/healthz/live"):
            assert browser.get(path).status_code == 200
        assert time.monotonic() - started < 5
    finally:
        for s in stalled:
            s.close()


def test_django_sees_the_visitors_address_as_nginx_saw_it_not_as_the_client_claims(stack):
    officer = UserFactory(email="petugas@contoh.id", role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    permohonan = _submitted(UserFactory(email="warga@contoh.id", role=Role.WARGA))
    cookies = _login(stack, None, officer).cookie_header()
    # From another loopback address than nginx's own, claiming to be someone else.
    connection = http.client.HTTPConnection(
        "127.0.0.1", stack.nginx_port, timeout=30, source_address=("127.0.0.7", 0)
    )
    connection.request(
        "GET",
        f"/admin/ktp/permohonanktp/{permohonan.pk}/change/",
        headers={
            "Host": f"127.0.0.1:{stack.nginx_port}",
            "Cookie": cookies,
            "X-Real-IP": "203.0.113.9",
            "X-Forwarded-For": "203.0.113.9",
        },
    )
    response = connection.getresponse()
    response.read()
    connection.close()
    assert response.status == 200
    assert AksesData.objects.filter(actor=officer).latest("pk").ip == "127.0.0.7"
