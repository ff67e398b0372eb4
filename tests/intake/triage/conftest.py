"""Fixtures shared by the triage tests: built once per session, since each takes seconds."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import shared_path
from tocsin.intake.triage.gazetteer import Gazetteer
from tocsin.intake.triage.gazetteer_sources import build_gazetteer, read_pcodes
from tocsin.intake.triage.model_store import seed_model
from tocsin.intake.triage.pipeline import TriagePipeline
from tocsin.intake.triage.triage_model import TriageModel

# A few real units of the P-code file's layout: BOM, header, HXL tag row, admin 1 then 2.
PCODES = (
    "\ufeffLocation,Admin Level,P-Code,Name,Parent P-Code,Valid from date\n"
    "#country+code,#geo+admin_level,#adm+code,#adm+name,#adm+code+parent,#date+start\n"
    "BFA,1,BF56,Sahel,BFA,2020-03-23\n"
    "BFA,1,BF52,Est,BFA,2020-03-23\n"
    "BFA,1,BF49,Centre-Nord,BFA,2020-03-23\n"
    "BFA,2,BF5601,Oudalan,BF56,2020-03-23\n"
    "BFA,2,BF5603,Soum,BF56,2020-03-23\n"
    "BFA,2,BF5202,Gourma,BF52,2020-03-23\n"
    "BFA,2,BF4903,Sanmatenga,BF49,2020-03-23\n"
    "CMR,1,CM002,Centre,CMR,2019-01-01\n"
    "EGY,1,EG31,North Sinai,EGY,2019-01-01\n"
    "MMR,1,MMR014,Shan (South),MMR,2019-01-01\n"
    "MMR,1,MMR015,Shan (North),MMR,2019-01-01\n"
    "MMR,1,MMR016,Shan (East),MMR,2019-01-01\n"
)


@pytest.fixture(scope="session")
def pcodes_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gazetteer") / "pcodes.csv"
    path.write_text(PCODES, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def small_gazetteer(pcodes_file: Path) -> Gazetteer:
    """Countries, our few units, and towns of 15,000 people or more (fast to build)."""
    return build_gazetteer(pcodes_file, min_city_population=15000)


@pytest.fixture(scope="session")
def untrained_model() -> TriageModel:
    return seed_model()


@pytest.fixture(scope="session")
def pipeline(untrained_model: TriageModel, small_gazetteer: Gazetteer) -> TriagePipeline:
    return TriagePipeline(untrained_model, small_gazetteer)


@pytest.fixture(scope="session")
def pcode_units() -> Gazetteer:
    """The units of the shared P-code file alone, under the names the file gives them."""
    gazetteer = Gazetteer()
    gazetteer.add_all(
        read_pcodes(shared_path("hxl", "hdx_real", "download-global-pcodes-adm-1-2.csv"))
    )
    return gazetteer
