"""newsgraph: sourced knowledge graphs from entertainment news."""

__version__ = "0.1.0"
