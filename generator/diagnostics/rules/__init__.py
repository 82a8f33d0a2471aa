"""The check codes by area, one module per check module of load and validate.

Each module declares its rules (code, default severity, summary, why, bad example, fix) as
constants that the detecting module imports; :mod:`generator.diagnostics.codes` collects them
into the one catalogue that ``explain``, ``site_config.yml``'s ``rules:`` and SARIF read.

They live here, below the load stage, rather than beside each check: ``site_config.yml`` is
validated against the whole catalogue while loading, and the load stage may not import the
validate stage (pyproject.toml, import-linter).
"""
