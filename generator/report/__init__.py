"""Reports of a check run, one module per output format."""
