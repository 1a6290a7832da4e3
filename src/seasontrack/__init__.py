"""seasontrack: a command-line tracker for the next seasons of TV shows."""

__version__ = "0.1.0"
