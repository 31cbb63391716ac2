import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "DJANGO_SECRET_KEY": "x7!Kq2@pLz9#Wm4$Vt8%Rn1^Yb6&Hc3*Jd5(Fg0)Ls-Ue+Io=Pa",
    "DJANGO_ALLOWED_HOSTS": "layanan.tulungagung.go.id",
    "DATABASE_URL": "sqlite:////tmp/portal-check.sqlite3",
    "EMAIL_URL": "smtp://mail.tulungagung.go.id:587",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "PERSONAL_DATA_KEYS": "cHJvZHVjdGlvbi10ZXN0LWtleS1ub3QtdGhlLWRldiE=",
    "PERSONAL_DATA_HASH_KEY": "production-test-hash-key-of-40-characters",
}


def _manage(*args, env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "CELERY_", "DATABASE_", "PERSONAL_DATA_", "PENGADAAN_"))
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_settings_pass_the_deploy_check_without_warnings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_settings_require_a_secret_key_and_allowed_hosts():
    for missing in (
        "DJANGO_SECRET_KEY",
        "DJANGO_ALLOWED_HOSTS",
        "CELERY_BROKER_URL",
        "PERSONAL_DATA_KEYS",
        "PERSONAL_DATA_HASH_KEY",
    ):
        env = {k: v for k, v in PRODUCTION.items() if k != missing}
        result = _manage("check", env=env)
        assert result.returncode != 0
        assert missing in result.stderr


def test_production_refuses_the_development_encryption_key_or_a_malformed_one():
    for key in ("ZGV2LW9ubHktcGVyc29uYWwtZGF0YS1rZXktMDAwMDE=", "not-a-fernet-key"):
        result = _manage("check", env={**PRODUCTION, "PERSONAL_DATA_KEYS": key})
        assert result.returncode != 0 and "PERSONAL_DATA_KEYS" in result.stderr, key
    result = _manage("check", env={**PRODUCTION, "PERSONAL_DATA_HASH_KEY": "short"})
    assert result.returncode != 0 and "PERSONAL_DATA_HASH_KEY" in result.stderr


def test_production_refuses_the_development_bid_key():
    result = _manage(
        "check", env={**PRODUCTION, "PENGADAAN_BID_KEYS": "ZGV2LW9ubHktdGVuZGVyLWJpZC1zZWFsLWtleS0wMDE="}
    )
    assert result.returncode != 0 and "PENGADAAN_BID_KEYS" in result.stderr
    assert (
        _manage(
            "check", env={**PRODUCTION, "PENGADAAN_BID_KEYS": PRODUCTION["PERSONAL_DATA_KEYS"]}
        ).returncode
        == 0
    )


def test_production_hashes_new_passwords_with_argon2():
    code = "from django.contrib.auth.hashers import get_hasher; print(get_hasher().algorithm)"
    result = _manage("shell", "-v", "0", "-c", code, env=PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "argon2"


def test_production_keeps_sessions_in_the_database_whatever_the_cache():
    """A session must outlive a cache outage, and a logout during one must not come back with it."""
    code = "import django; django.setup(); from django.conf import settings; print(settings.SESSION_ENGINE)"
    result = _manage(
        "shell", "-v", "0", "-c", code, env={**PRODUCTION, "CACHE_URL": "redis://127.0.0.1:6379/0"}
    )
    assert result.stdout.strip().splitlines()[-1] == "django.contrib.sessions.backends.db", result.stderr


def test_the_development_bypass_code_is_read_only_with_debug_on():
    """allauth refuses the code with DEBUG off: kept, it would make every officer's sign-in a 500."""
    code = "from django.conf import settings; print(settings.MFA_TOTP_INSECURE_BYPASS_CODE)"
    dev = {"DJANGO_SETTINGS_MODULE": "portal.settings.dev", "MFA_TOTP_INSECURE_BYPASS_CODE": "000000"}
    on = _manage("shell", "-v", "0", "-c", code, env=dev)
    off = _manage("shell", "-v", "0", "-c", code, env={**dev, "DJANGO_DEBUG": "false"})
    assert on.stdout.strip().splitlines()[-1] == "000000", on.stderr
    assert off.stdout.strip().splitlines()[-1] == "None", off.stderr
