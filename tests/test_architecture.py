"""The package's structure: the layers of docs/architecture.md hold, and no import cycle exists.

The layers and the forbidden imports are import-linter contracts in pyproject.toml
(``[tool.importlinter]``); this test runs them, checks the module graph (grimp, import-linter's
engine) for cycles, and keeps docs/architecture.md's table of layers the same as the contract.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]


def _contracts() -> list[dict]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]


def test_the_import_contracts_hold():
    lint = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    done = subprocess.run([lint, "--config", str(ROOT / "pyproject.toml"), "--no-cache"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert f"Contracts: {len(_contracts())} kept, 0 broken." in done.stdout


def test_no_module_imports_one_that_imports_it_back():
    graph = grimp.build_graph("diplokg", cache_dir=None)
    cycles = [(module, imported) for module in sorted(graph.modules)
              for imported in sorted(graph.find_modules_directly_imported_by(module))
              if graph.find_shortest_chain(importer=imported, imported=module)]
    assert cycles == []


def test_every_module_is_in_a_layer():
    layers = next(c for c in _contracts() if c["type"] == "layers")["layers"]
    parts = {name.strip() for line in layers for name in line.split("|")}
    graph = grimp.build_graph("diplokg", cache_dir=None)
    top = {".".join(m.split(".")[:2]) for m in graph.modules if m != "diplokg"}
    assert top == parts, f"not in a layer: {sorted(top - parts)}; no such part: {sorted(parts - top)}"


def test_the_architecture_document_lists_the_contract_layers():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    layers = next(c for c in _contracts() if c["type"] == "layers")["layers"]
    rows = re.findall(r"^\| (\d+) \| ([^|]+) \|", text, flags=re.MULTILINE)
    documented = [sorted(p.strip().strip("`") for p in row.split(",")) for _n, row in rows]
    assert documented == [sorted(p.strip().removeprefix("diplokg.") for p in line.split("|")) for line in layers]


def test_every_package_is_installed():
    """pyproject lists the packages setuptools installs: a new subpackage missing there imports in a
    checkout (editable install) and fails in a wheel."""
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    src = ROOT / "src"
    found = {".".join(init.parent.relative_to(src).parts) for init in src.glob("diplokg/**/__init__.py")}
    assert found <= listed, f"not installed: {sorted(found - listed)}"
