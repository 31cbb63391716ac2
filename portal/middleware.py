from django.conf import settings
from django.shortcuts import render
from django.utils import translation

from portal.documents.storage import StorageUnavailable


class LanguageMiddleware:
    """
    Activate the language chosen with the switch (its cookie), else Bahasa Indonesia.

    Django's LocaleMiddleware would follow the browser's Accept-Language, but many residents'
    phones are set to English while they expect their regency's portal in Indonesian.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if code not in self.languages:
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = code
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", code)
        return response


class StorageUnavailableMiddleware:
    """
    Answer a view that could not reach the document storage (a download while the object store is
    down) with a page saying to try again later, 503, instead of a server error.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, StorageUnavailable):
            return None
        response = render(request, "503_dokumen.html", status=503)
        response["Retry-After"] = "300"
        return response
