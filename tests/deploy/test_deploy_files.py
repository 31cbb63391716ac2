"""The files of deploy/ agree with the code: every setting documented, units that run what the README says."""

import configparser
import re
import subprocess
from pathlib import Path

import pytest

from deploy.render import Nginx, body_limit, render, site, standalone

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DEPLOY = BASE_DIR / "deploy"


def _variables_read(path, pattern):
    return set(re.findall(pattern, (BASE_DIR / path).read_text()))


def test_the_environment_file_names_every_variable_the_settings_and_gunicorn_read():
    settings = r'env(?:\.\w+)?\(\s*"([A-Z0-9_]+)"'
    read = _variables_read("portal/settings/base.py", settings)
    read |= _variables_read("portal/settings/production.py", settings)
    read |= _variables_read("portal/gunicorn.conf.py", r'os\.environ\.get\(\s*"([A-Z0-9_]+)"')
    lines = (DEPLOY / "portal.env").read_text().splitlines()
    documented = {m.group(1) for line in lines if (m := re.match(r"#?([A-Z0-9_]+)=", line))}
    assert len(read) > 50
    assert read - documented == set()
    active = dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))
    assert active["DOCUMENT_SERVE_METHOD"] == "x-accel"
    assert active["RATELIMIT_IP_META_KEY"] == "HTTP_X_REAL_IP"
    assert active["DJANGO_BEHIND_TLS_PROXY"] == "true"


@pytest.mark.parametrize("name", ["portal-web", "portal-worker", "portal-beat"])
def test_the_systemd_units_run_as_a_service_user_from_the_environment_file_and_restart(name):
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str
    unit.read(DEPLOY / "systemd" / f"{name}.service")
    service = unit["Service"]
    assert service["User"] == "portal" and service["Group"] == "portal"
    assert service["EnvironmentFile"] == "/etc/portal/portal.env"
    assert service["Restart"] == "on-failure"
    assert unit["Install"]["WantedBy"] == "multi-user.target"
    command = service["ExecStart"]
    expected = {
        "portal-web": "gunicorn -c portal/gunicorn.conf.py portal.wsgi",
        "portal-worker": "celery -A portal worker",
        "portal-beat": "celery -A portal beat",
    }[name]
    assert expected in command


def test_the_template_fills_every_placeholder_and_keeps_the_right_blocks():
    text = "a {{ x }}\n{{#tls}}\nonly tls {{ y }}\n{{/tls}}\n{{^tls}}\nonly plain\n{{/tls}}\nend\n"
    assert render(text, {"x": 1, "y": 2}, {"tls": True}) == "a 1\nonly tls 2\nend\n"
    assert render(text, {"x": 1, "y": 2}, {"tls": False}) == "a 1\nonly plain\nend\n"
    with pytest.raises(KeyError):
        render("{{ missing }}", {}, {})


def test_the_production_site_has_tls_the_redirect_and_the_document_limit():
    conf = site(
        server_name="layanan.tulungagung.go.id",
        upstreams=["10.0.0.11:8000", "10.0.0.12:8000"],
        static_root="/srv/portal/static",
        private_root="/srv/portal/private",
        document_max_bytes=5 * 1024 * 1024,
    )
    assert "{{" not in conf and "}}" not in conf
    assert "listen 443 ssl" in conf and "return 301 https://$host$request_uri;" in conf
    # Other host names are dropped by nginx, before Django logs them as disallowed.
    assert "listen 443 ssl default_server;" in conf and "return 444;" in conf
    assert "server 10.0.0.11:8000" in conf and "server 10.0.0.12:8000" in conf
    assert f"client_max_body_size {body_limit(5 * 1024 * 1024)};" in conf
    assert body_limit(5 * 1024 * 1024) > 11 * 5 * 1024 * 1024
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in conf
    assert "alias /srv/portal/private/;" in conf and "internal;" in conf
    # HSTS is Django's (DJANGO_HSTS_SECONDS), sent on every page; nginx only passes on the view's
    # own header for documents.
    assert "add_header Strict-Transport-Security max-age" not in conf


@pytest.mark.nginx
def test_nginx_accepts_the_production_site_and_the_test_copy(tmp_path):
    certificate, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=portal"]
        + ["-keyout", str(key), "-out", str(certificate)],
        check=True,
        capture_output=True,
    )
    production = site(
        server_name="layanan.tulungagung.go.id",
        upstreams=["127.0.0.1:8000"],
        static_root=tmp_path,
        private_root=tmp_path,
        tls_certificate=str(certificate),
        tls_certificate_key=str(key),
        access_log=str(tmp_path / "access.log"),
    )
    conf = standalone(tmp_path / "plain", port=1, upstreams=["127.0.0.1:8000"], static_root=tmp_path,
                      private_root=tmp_path)  # fmt: skip
    Nginx(conf, 1).check()
    # The production site in the same http block the test copy has (Debian's nginx.conf has the same).
    (conf.parent / "portal.conf").write_text(production)
    Nginx(conf, 1).check()


def test_the_body_limit_holds_the_largest_form_the_portal_sends():
    from django.conf import settings

    from deploy.render import DEFAULT_FILES_PER_REQUEST
    from ktp.constants import Dokumen as DokumenKTP
    from pengadaan.bundle import BID_PARTS
    from perizinan.constants import Dokumen as DokumenIzin

    assert DEFAULT_FILES_PER_REQUEST == settings.DOCUMENTS_PER_REQUEST
    # A licence type's data may ask for every kind of document in one step.
    assert max(len(DokumenIzin), len(DokumenKTP), len(BID_PARTS)) <= settings.DOCUMENTS_PER_REQUEST
