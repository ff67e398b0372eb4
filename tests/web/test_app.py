"""The application factory: what a served process does at start that a test app must not."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tocsin.config import Settings
from tocsin.db import Database
from tocsin.web import create_app


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()  # frozen objects are never freed: give the rest of the suite its heap back


@pytest.mark.usefixtures("unfrozen")
def test_a_served_app_freezes_its_startup_heap_and_a_test_app_does_not(
    web_settings: Settings, seeded: Database
) -> None:
    with TestClient(create_app(web_settings, database=seeded, start_worker=False)):
        assert gc.get_freeze_count() == 0
    served = create_app(web_settings, database=seeded, start_worker=False, freeze_startup_heap=True)
    with TestClient(served) as client:
        assert gc.get_freeze_count() > 0
        assert client.get("/healthz").status_code == 200


def test_starting_the_web_app_does_not_load_the_triage_model_libraries() -> None:
    """Triage (an embedding model, scikit-learn's classifiers) loads only where it runs: a web
    process that merely queues triage jobs starts faster and carries a smaller heap."""
    probe = (
        "import sys, tocsin.web, tocsin.cli, tocsin.intake as intake\n"
        "assert 'tocsin.intake.triage' not in sys.modules, 'triage loaded at start'\n"
        "assert 'onnxruntime' not in sys.modules, 'the encoder runtime loaded at start'\n"
        "intake.triage_runs\n"
        "assert 'tocsin.intake.triage' in sys.modules\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-500:]
