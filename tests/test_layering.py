"""Layer rules from DESIGN.md, checked by reading imports.

- `domain` imports nothing of ours; `db` imports only `domain` (and `errors`);
- `jobs` imports no area: areas register their job kinds with it;
- an area package imports other areas only through their public `__init__`;
- `cli` and `web` import areas only through their public `__init__`.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "tocsin"
AREAS = {"accounts", "risk", "signals", "intake", "evidence", "action", "share", "brief"}
FOUNDATION = {"errors", "atomic", "config"}
SHELLS = {"cli", "web", "startup"}


def imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
            found += [f"{node.module}.{a.name}" for a in node.names]
    return [name for name in found if name == "tocsin" or name.startswith("tocsin.")]


def owner(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[0]


def violations() -> list[str]:
    problems = []
    for path in PACKAGE.rglob("*.py"):
        me = owner(path)
        for name in imports(path):
            parts = name.split(".")
            target = parts[1] if len(parts) > 1 else ""
            if target == me or not target:
                continue
            deep = len(parts) > 2 and parts[2] not in {"__init__"}
            if me == "domain":
                problems.append(f"{path}: domain imports {name}")
            elif me == "db" and target not in {"domain", "errors"}:
                problems.append(f"{path}: db imports {name}")
            elif me == "jobs" and target in AREAS:
                problems.append(f"{path}: jobs imports the area {name}")
            elif (me in AREAS or me in SHELLS) and target in AREAS and deep:
                # `from tocsin.risk import x` names x inside the public package: allowed only
                # when x is exported; a private module path is not.
                exported = _exported(target)
                if parts[2] not in exported:
                    problems.append(f"{path}: {me} reaches into {name}")
    return problems


def _exported(area: str) -> set[str]:
    init = PACKAGE / area / "__init__.py"
    tree = ast.parse(init.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            return {ast.literal_eval(e) for e in node.value.elts}  # type: ignore[attr-defined]
    return set()


def test_layers_are_respected() -> None:
    assert not violations()


def test_the_checker_catches_a_reach_into_a_private_module(tmp_path: Path) -> None:
    fake = tmp_path / "cli.py"
    fake.write_text("from tocsin.risk.backtest import score_table\n", encoding="utf-8")
    names = imports(fake)
    assert "tocsin.risk.backtest" in names
    assert "backtest" not in _exported("risk")
