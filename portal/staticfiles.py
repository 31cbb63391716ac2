"""
WhiteNoise's compressed manifest storage, remembering each static file's URL (issue #9).

Finding a file's hashed name in the manifest and building its URL took ~60 µs, and an admin page
links some twenty static files. The manifest is read once when the process starts and never
changes while it runs, so neither does a URL.
"""

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls = {}

    def url(self, name, force=False):
        if force or settings.DEBUG:  # DEBUG serves the unhashed names
            return super().url(name, force)
        try:
            return self._urls[name]
        except KeyError:
            url = self._urls[name] = super().url(name)
            return url
