"""The dataset spec: which columns identify a row, which are outcomes, which are predictors.

A spec is configuration (a TOML file), not code, so that a later EWP edition with other
predictors loads without a code change: write a new spec and pass it with `--spec`.
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from tocsin.errors import TocsinError

DEFAULT_SPEC = "ewp-2024"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class IdColumns(_Frozen):
    country: str
    year: str
    code: str | None = None


class YearRange(_Frozen):
    min: int
    max: int


class OutcomeColumns(_Frozen):
    target: str
    onset: str
    required: tuple[str, ...] = ()


class PredictorColumns(_Frozen):
    names: tuple[str, ...] = Field(min_length=1)
    calendar: tuple[str, ...] = ()


class DatasetSpec(_Frozen):
    """A validated dataset spec."""

    name: str
    description: str = ""
    source: str = ""
    ids: IdColumns
    years: YearRange
    outcomes: OutcomeColumns
    predictors: PredictorColumns
    labels: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _consistent(self) -> DatasetSpec:
        names = self.predictors.names
        if len(set(names)) != len(names):
            dup = sorted({n for n in names if names.count(n) > 1})
            raise ValueError(f"predictors listed twice: {', '.join(dup)}")
        stray = set(self.predictors.calendar) - set(names)
        if stray:
            raise ValueError(f"calendar columns not among predictors: {', '.join(sorted(stray))}")
        if self.years.min > self.years.max:
            raise ValueError("years.min is greater than years.max")
        return self

    @property
    def outcome_columns(self) -> tuple[str, ...]:
        """Every outcome column, target and onset first, without repeats."""
        cols = [self.outcomes.target, self.outcomes.onset, *self.outcomes.required]
        return tuple(dict.fromkeys(cols))

    @property
    def numeric_columns(self) -> tuple[str, ...]:
        """Columns that must hold numbers (or be empty)."""
        cols = [self.ids.year, *self.predictors.names, *self.outcome_columns]
        if self.ids.code:
            cols.append(self.ids.code)
        return tuple(dict.fromkeys(cols))

    @property
    def required_columns(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys([self.ids.country, *self.numeric_columns]))

    def label(self, column: str) -> str:
        """A readable name for a column, engineered ones included ("change3y:x" and the like)."""
        if ":" in column:
            kind, base = column.split(":", 1)
            return f"{self.labels.get(base, base)}: {_describe(kind)}"
        return self.labels.get(column, column)


def _describe(kind: str) -> str:
    match = re.fullmatch(r"(change|max)(\d+)y", kind)
    if match:
        what = "change over" if match[1] == "change" else "highest in"
        return f"{what} {match[2]} years"
    return kind


def load_spec(path_or_name: str | Path | None = None) -> DatasetSpec:
    """Load a spec from a TOML file, or a bundled one by name (default `ewp-2024`)."""
    if path_or_name is None:
        path_or_name = DEFAULT_SPEC
    path = Path(path_or_name)
    if path.suffix == ".toml" or path.exists():
        source = str(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise TocsinError(f"spec {source}: cannot read: {exc}") from exc
    else:
        source = f"bundled spec '{path_or_name}'"
        bundled = resources.files("tocsin.risk").joinpath("specs", f"{path_or_name}.toml")
        if not bundled.is_file():
            raise TocsinError(
                f"spec '{path_or_name}': no such file and no bundled spec of that name"
            )
        text = bundled.read_text(encoding="utf-8")
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TocsinError(f"spec {source}: not valid TOML: {exc}") from exc
    try:
        return DatasetSpec.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "spec"
        raise TocsinError(f"spec {source}: {where}: {first['msg']}") from exc
