"""Every check code, in one place: its default severity, what it checks, why, a bad example and the fix.

The rules are declared by area in :mod:`generator.diagnostics.rules` (one module per check module),
as constants the checks import; this module collects them. ``aftersales explain CODE`` prints an
entry; ``site_config.yml`` may change a code's severity under ``rules:``. Tests hold a failing and a
passing fixture for each code (tests/fixtures/<code>/) and prove each example fails.
"""

from __future__ import annotations

from generator.diagnostics.diagnostic import Rule
from generator.diagnostics.rules import (
    brand,
    changes,
    coverage,
    documents,
    files,
    identity,
    markup,
    measurements,
    products,
    references,
    register,
    schema,
    search,
    standards,
    translations,
    warranty,
)

__all__ = ["RULES", "Rule", "rule"]

_RULES: list[Rule] = [
    *files.RULES,
    *schema.RULES,
    *identity.RULES,
    *references.RULES,
    *products.RULES,
    *coverage.RULES,
    *coverage.WAIVER_RULES,
    *warranty.RULES,
    *standards.RULES,
    *documents.RULES,
    *changes.RULES,
    *markup.RULES,
    *measurements.RULES,
    *translations.RULES,
    *register.RULES,
    *brand.RULES,
    *search.RULES,
]

RULES: dict[str, Rule] = {rule.code: rule for rule in _RULES}
assert len(RULES) == len(_RULES), "a code is declared twice"


def rule(code: str) -> Rule:
    """The rule for a code; an unknown code is a programming error, caught by the tests."""
    return RULES[code]
