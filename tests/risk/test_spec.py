from __future__ import annotations

from pathlib import Path

import pytest

from tests.synthetic import SPEC_TOML
from tocsin.errors import TocsinError
from tocsin.risk.spec import load_spec


def test_bundled_ewp_spec_lists_the_39_predictors_year_included() -> None:
    spec = load_spec()
    names = spec.predictors.names
    assert len(names) == 39
    assert names[0] == "widetargeting" and names[-1] == "includesnonstate"
    assert "year" in names and "year_sq" in names
    assert spec.outcomes.target == "mk_onset_1or2"
    assert set(spec.predictors.calendar) == {"year", "year_sq"}
    assert all(spec.label(n) != n for n in names), "every EWP predictor has a label"


def test_a_spec_file_loads_without_code(tmp_path: Path) -> None:
    path = tmp_path / "other.toml"
    path.write_text(SPEC_TOML.replace('"x1", "x2", "year"', '"x1", "year"'), encoding="utf-8")
    spec = load_spec(path)
    assert spec.predictors.names == ("x1", "year")
    assert spec.numeric_columns == ("year", "x1", "onset_1or2", "onset")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not = [toml", "not valid TOML"),
        ('name = "x"', "ids: Field required"),
        (SPEC_TOML.replace('calendar = ["year"]', 'calendar = ["nope"]'), "calendar columns"),
        (SPEC_TOML.replace('"x1", "x2"', '"x1", "x1"'), "listed twice"),
        (SPEC_TOML.replace("max = 2100", "max = 1800"), "years.min is greater"),
        ("surprise = 1\n" + SPEC_TOML, "surprise: Extra inputs"),
    ],
)
def test_bad_specs_fail_in_one_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TocsinError, match=message) as caught:
        load_spec(path)
    assert "\n" not in str(caught.value)


def test_unknown_bundled_name_is_refused() -> None:
    with pytest.raises(TocsinError, match="no bundled spec"):
        load_spec("ewp-1999")


def test_labels_cover_engineered_features() -> None:
    spec = load_spec()
    assert spec.label("discrimpop").startswith("Share of population")
    assert spec.label("change3y:discrimpop").endswith(": change over 3 years")
    assert spec.label("max3y:battledeaths.log2") == "Battle deaths (log2): highest in 3 years"
    assert spec.label("unknown") == "unknown"
