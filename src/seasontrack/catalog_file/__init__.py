"""The catalog file: what `export` writes and `import` reads (JSON, and CSV sheets of seasons).

It sits below the services: it knows the models and the value rules (``seasontrack.inputs``),
never the store. ``writing`` turns shows into the file's JSON; ``reading`` and ``sheet`` read
a file back into :class:`~seasontrack.catalog_file.reading.ShowImport` items for the import
service to merge.
"""

FORMAT_NAME = "seasontrack-catalog"
FORMAT_VERSION = 1
