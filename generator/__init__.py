"""aftersales: an after-sales service knowledge base, validated and published."""

__version__ = "0.1.0"
