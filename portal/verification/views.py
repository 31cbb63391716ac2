from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from .models import IssuedDocument


@never_cache
def verify(request, token):
    """Show what a document is, without any personal data, so anyone can check it is genuine."""
    document = get_object_or_404(IssuedDocument.objects.select_related("content_type"), token=token)
    return render(request, "portal/verify.html", {"document": document})
