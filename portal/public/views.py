from django.shortcuts import render


def home(request):
    """Show the services the portal offers, one line each."""
    return render(request, "portal/home.html")
