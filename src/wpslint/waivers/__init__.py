"""Waivers: reviewed findings that no longer fail a run.

``model`` reads and validates the waivers file, ``fingerprint`` identifies findings,
``apply`` marks waived findings in a run, ``write`` produces waivers for ``wpslint waive``.
The package imports nothing itself, so a report format can import ``fingerprint`` alone.
"""
