"""Packaging: everything is in pyproject.toml but one mapping it cannot express beside automatic
package discovery. The top-level ``templates/`` folder (page and print templates, Material
overrides, the portal's CSS and scripts: the source of truth, one copy in git) ships inside the
package as ``generator/templates``, so an installed tool needs nothing from the repository
(``generator/render/templates.py`` finds either layout)."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["generator", "generator.*"]), "generator.templates"],
    package_dir={"generator.templates": "templates"},
)
