from django.shortcuts import render
from django.views.decorators.cache import never_cache

from .models import IssuedDocument


@never_cache
def verify(request, token):
    """Show what a document is, without any personal data, so anyone can check it is genuine."""
    document = IssuedDocument.objects.select_related("content_type").filter(token=token).first()
    if document is None:
        # Still a 404, but not the page for a mistyped link: whoever checks a code the portal never
        # issued may be holding a forged document, and must be told so and whom to tell.
        return render(request, "portal/verify.html", {"document": None}, status=404)
    return render(request, "portal/verify.html", {"document": document})
