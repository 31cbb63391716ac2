from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
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


class ServiceUnavailableMiddleware:
    """
    Answer a view that could not reach a service it needs with a page saying to try again, 503,
    instead of a server error: the document storage (a download while the object store is down),
    or the database (a request during its restart; nothing half-saved, each write is one
    transaction, and the next request connects again).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, StorageUnavailable):
            template, retry = "503_dokumen.html", "300"
        elif isinstance(exception, OperationalError | InterfaceError):
            template, retry = "503.html", "30"
        else:
            return None
        try:
            response = render(request, template, status=503)
        except Exception:  # the page itself may need the database (a signed-in user's menu)
            response = HttpResponse(_PLAIN_503, status=503, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = retry
        return response


class MethodNotAllowedPageMiddleware:
    """
    Answer a page opened for an action that only a button may do (a POST) with a page that says so and
    links the page the button is on, instead of Django's empty 405: a citizen whose session ended
    presses "Batalkan", signs in again and is sent back to the action's address.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 405 or response.content or request.method not in ("GET", "HEAD"):
            return response
        nearest = _nearest_page(request.path_info)
        prefix = request.path[: len(request.path) - len(request.path_info)]  # a deploy under a sub-path
        page = render(request, "405.html", {"parent": nearest and prefix + nearest}, status=405)
        page["Allow"] = response.get("Allow", "POST")
        return page


def _nearest_page(path):
    """Return the nearest address above `path` that is a page (…/1/jawab/ -> …/1/ or above), or None."""
    parts = path.strip("/").split("/")[:-1]
    while parts:
        candidate = "/" + "/".join(parts) + "/"
        try:
            resolve(candidate)
            return candidate
        except Resolver404:
            parts.pop()
    return None


_PLAIN_503 = "Layanan sedang terganggu. Coba lagi beberapa saat lagi. / Service disrupted; try again shortly."
