import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_live_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz/live")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_ready_answers_200_in_eager_mode_without_a_broker(client, settings):
    settings.CELERY_BROKER_URL = ""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    response = client.get("/healthz/ready")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": True, "broker": True, "cache": True}}


def test_ready_answers_503_when_the_broker_is_unreachable(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz/ready")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": True, "broker": False, "cache": True}


def test_ready_answers_503_when_the_database_is_unreachable(client, settings, monkeypatch):
    settings.CELERY_BROKER_URL = ""
    settings.CELERY_TASK_ALWAYS_EAGER = True

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("django.db.backends.base.base.BaseDatabaseWrapper.cursor", refuse)
    response = client.get("/healthz/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] is False


@pytest.mark.redis
def test_ready_answers_200_with_a_real_redis_broker(client, settings):
    from tests.conftest import REDIS_URL

    settings.CELERY_BROKER_URL = REDIS_URL
    response = client.get("/healthz/ready")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": True, "broker": True, "cache": True}


def test_health_urls_are_not_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz/live").status_code == 200
    assert client.get("/").status_code == 301


def test_ready_reports_a_dead_cache_as_degraded_and_stays_ready(client, settings):
    settings.CELERY_BROKER_URL = ""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.CACHES = {"default": {"BACKEND": "portal.cache.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}
    response = client.get("/healthz/ready")
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "checks": {"database": True, "broker": True, "cache": False},
    }


@pytest.mark.redis
def test_ready_reports_a_live_redis_cache(client, settings):
    from tests.conftest import REDIS_URL

    settings.CACHES = {"default": {"BACKEND": "portal.cache.RedisCache", "LOCATION": REDIS_URL}}
    assert client.get("/healthz/ready").json()["checks"]["cache"] is True
