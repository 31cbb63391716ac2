"""Open Contracting Data Standard 1.1.5 output; the official schema is kept in schema/ (Apache-2.0)."""
