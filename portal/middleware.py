from django.conf import settings
from django.utils import translation


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
