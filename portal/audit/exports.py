"""
What the portal holds about a person, for the "Data saya" download (UU 27/2022). Service apps
register a provider in AppConfig.ready(): `personal_data_register(name, fn)` where fn(user) returns
JSON-serialisable data.
"""

PROVIDERS = {}


def personal_data_register(*, name: str, provider):
    PROVIDERS[name] = provider


def personal_data_collect(*, user) -> dict:
    """Return everything the portal holds about `user`, section by section."""
    data = {
        "akun": {
            "email": user.email,
            "nama": user.name,
            "terdaftar": user.date_joined.isoformat(),
            "terakhir_masuk": user.last_login.isoformat() if user.last_login else None,
        }
    }
    for name, provider in PROVIDERS.items():
        data[name] = provider(user)
    return data
