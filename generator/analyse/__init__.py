"""The analysis stage."""
