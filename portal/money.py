"""Money as the regency writes it, for every service."""


def rupiah(amount) -> str:
    """Return integer rupiah as the regency writes it: Rp1.500.000 (a dash when unknown)."""
    if amount is None:
        return "–"
    return f"Rp{int(amount):,}".replace(",", ".")
