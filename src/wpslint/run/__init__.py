"""Checking a repository of documents: files, settings, cache, workers and waivers.

``wpslint.run.checker.check`` ties the parts together for ``wpslint check`` and ``wpslint
waive``. This package imports spaCy only when a document has to be analysed (in
``pool``/``worker``), so a run answered entirely from the cache never loads it.
"""
