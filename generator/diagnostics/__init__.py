"""Diagnostics: one problem found in the content, and the catalogue of check codes.

Below every stage: load, validate and report all speak in diagnostics."""
