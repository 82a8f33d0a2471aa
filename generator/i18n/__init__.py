"""The interface words of the portals, per language."""
