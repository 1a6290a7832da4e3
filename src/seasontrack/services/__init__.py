"""Domain services: plain functions over the catalog's dataclasses, called by the CLI."""
