"""The static storage gives the manifest's hashed URL, worked out once per file (portal/staticfiles.py)."""

from unittest import mock

from whitenoise.storage import CompressedManifestStaticFilesStorage

from portal.staticfiles import StaticFilesStorage


def storage(tmp_path):
    files = StaticFilesStorage(location=tmp_path, base_url="/static/")
    files.hashed_files = {"css/portal.css": "css/portal.0123456789ab.css"}
    return files


def test_the_url_is_the_manifests_hashed_url(tmp_path, settings):
    settings.DEBUG = False
    files = storage(tmp_path)
    assert files.url("css/portal.css") == "/static/css/portal.0123456789ab.css"
    plain = CompressedManifestStaticFilesStorage(location=tmp_path, base_url="/static/")
    plain.hashed_files = files.hashed_files
    assert files.url("css/portal.css") == plain.url("css/portal.css")


def test_the_url_is_worked_out_once(tmp_path, settings):
    settings.DEBUG = False
    files = storage(tmp_path)
    files.url("css/portal.css")
    with mock.patch.object(CompressedManifestStaticFilesStorage, "url", side_effect=AssertionError):
        assert files.url("css/portal.css") == "/static/css/portal.0123456789ab.css"


def test_debug_serves_the_unhashed_name(tmp_path, settings):
    settings.DEBUG = True
    assert storage(tmp_path).url("css/portal.css") == "/static/css/portal.css"
