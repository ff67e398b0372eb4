"""Getting EWP's published files into the data directory, from the web or a local copy.

Machines without internet (ours, and many field offices) import a local copy with `--from`.
Either way a file is validated before it replaces anything, written atomically, and recorded in
`provenance.json` with where it came from, when, and its SHA-256, so every forecast can say which
data it was made from.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tocsin.atomic import write_text_atomic
from tocsin.errors import TocsinError
from tocsin.risk.dataset import load_panel
from tocsin.risk.spec import DatasetSpec

EWP_DIR = "ewp"
PROVENANCE = "provenance.json"
DOWNLOAD_TIMEOUT_S = 60


@dataclass(frozen=True)
class EwpFile:
    """One of EWP's replication files: where it lives upstream, what we call it locally."""

    role: str
    remote_path: str
    local_name: str
    pattern: str  # how to recognise it in a local folder
    required: bool


EWP_FILES = (
    EwpFile(
        "predictors",
        "3.Modeling/prepared2024predictors-2025-09-03.csv",
        "predictors.csv",
        "prepared*predictors*.csv",
        required=True,
    ),
    EwpFile(
        "foos", "3.Modeling/FOOSforecasts_3Sep2025.csv", "foos.csv", "FOOSforecasts*.csv", False
    ),
    EwpFile(
        "forecasts",
        "3.Modeling/final_forecasts_data_3Sep2025.csv",
        "forecasts.csv",
        "final_forecasts_data*.csv",
        required=False,
    ),
)


def ewp_path(data_dir: Path, role: str) -> Path:
    """Where the imported file of `role` ('predictors', 'foos', 'forecasts') lives."""
    for spec in EWP_FILES:
        if spec.role == role:
            return data_dir / EWP_DIR / spec.local_name
    raise KeyError(role)


def read_provenance(data_dir: Path) -> dict[str, Any]:
    path = data_dir / EWP_DIR / PROVENANCE
    if not path.exists():
        return {}
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise TocsinError(f"{path}: unreadable provenance record: {exc}") from None
    return data


def _find_local(folder: Path, spec: EwpFile) -> Path | None:
    matches = sorted(folder.glob(spec.pattern))
    return matches[-1] if matches else None  # the latest edition sorts last by its date


def _download(url: str, dest: Path) -> None:
    if not url.startswith(("https://", "http://", "file://")):
        raise TocsinError(f"{url}: only http(s) and file URLs can be fetched")
    try:
        with (
            urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT_S) as response,  # noqa: S310
            dest.open("wb") as out,
        ):
            shutil.copyfileobj(response, out)
    except urllib.error.HTTPError as exc:
        raise TocsinError(f"cannot download {url}: HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise TocsinError(
            f"cannot download {url}: {reason}; without internet use --from PATH"
        ) from None


def fetch_ewp(
    data_dir: Path,
    spec: DatasetSpec,
    *,
    source: Path | None = None,
    base_url: str,
    on_file: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Import EWP's files into `data_dir/ewp`; return the updated provenance record.

    `source` may be the predictors CSV itself or a folder holding EWP's files; without it the
    files are downloaded from `base_url`. Optional files missing from a local folder are skipped.
    """
    if source is not None and not source.exists():
        raise TocsinError(f"{source}: no such file or folder")
    target_dir = data_dir / EWP_DIR
    target_dir.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[EwpFile, Path, str]] = []
    with tempfile.TemporaryDirectory(dir=target_dir, prefix=".incoming-") as tmp:
        for item in EWP_FILES:
            if source is not None and source.is_file():
                if item.role != "predictors":
                    continue
                origin: Path | None = source
            elif source is not None:
                origin = _find_local(source, item)
                if origin is None:
                    if item.required:
                        raise TocsinError(
                            f"{source}: no file matching {item.pattern} (EWP's predictors CSV)"
                        )
                    continue
            else:
                origin = None
            dest = Path(tmp) / item.local_name
            if origin is not None:
                shutil.copyfile(origin, dest)
                where = str(origin.resolve())
            else:
                where = f"{base_url.rstrip('/')}/{item.remote_path}"
                _download(where, dest)
            if on_file:
                on_file(item.role)
            staged.append((item, dest, where))
        # Validate before anything replaces the current copy: a bad file changes nothing.
        predictors = next(dest for item, dest, _ in staged if item.role == "predictors")
        first, last = load_panel(predictors, spec).years()
        record = read_provenance(data_dir)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        for item, dest, where in staged:
            digest = _sha256(dest)
            dest.replace(target_dir / item.local_name)
            record[item.role] = {
                "file": item.local_name,
                "source": where,
                "sha256": digest,
                "bytes": (target_dir / item.local_name).stat().st_size,
                "imported_at": now,
            }
        record["predictors"]["years"] = [first, last]
        record["predictors"]["spec"] = spec.name
        text = json.dumps(record, indent=2, sort_keys=True) + "\n"
        write_text_atomic(target_dir / PROVENANCE, text)
    return record


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
