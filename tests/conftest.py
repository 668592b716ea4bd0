"""Shared test set-up: every test gets its own wpslint cache folder.

Without this, command-line tests would write ``.wpslint_cache/`` into the working directory
(the checkout) and could answer one test from another's results.
"""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WPSLINT_CACHE_DIR", str(tmp_path_factory.mktemp("wpslint-cache")))
