"""wpslint: a policy-compliance linter for Women, Peace and Security documents.

The pipeline reads a document (ingest), builds one document model (document), analyses
it with spaCy (nlp), evaluates the YAML rule packs (rules) into findings (findings) and
renders them (report). ``wpslint.api`` is the Python entry point.
"""

__version__ = "0.1.0"
