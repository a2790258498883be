"""The layering of ../shared/DESIGN.md, checked by scanning imports.

Layer 0 (vocabulary) imports only the standard library; layer 1 pure stages import layer 0
and their libraries; input/output imports layer 0; composition imports layers 0–1; nothing
imports the CLI. A stage that starts reading files or printing shows up here first.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "align"

LAYER0 = {"model", "errors", "config", "langcodes", "signature", "settings"}
LAYER1_PURE = {"segment", "aligner", "terms", "evaluate"}
LAYER1_IO = {"io", "formats"}
LAYER2 = {"pipeline", "job", "batch", "report", "review"}


def _layer(top: str) -> int:
    if top in LAYER0 or top == "__init__":
        return 0
    if top in LAYER1_PURE | LAYER1_IO:
        return 1
    if top in LAYER2:
        return 2
    return 3


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).with_suffix("")
        yield rel.parts[0], path


def _align_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("align."):
            out.add(node.module.split(".")[1])
        elif isinstance(node, ast.ImportFrom) and node.module == "align":
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.Import):
            out.update(a.name.split(".")[1] for a in node.names if a.name.startswith("align."))
    return out


@pytest.mark.parametrize(("top", "path"), list(_modules()), ids=lambda v: str(v).split("align/")[-1])
def test_imports_respect_layers(top, path):
    mine = _layer(top)
    for imported in _align_imports(path):
        if imported == "__version__":
            continue
        assert imported != "cli" or top == "cli", f"{path.name} imports the CLI"
        theirs = _layer(imported)
        if top in LAYER1_PURE and imported in LAYER1_IO:
            pytest.fail(f"{path.name}: pure stage {top} imports input/output module {imported}")
        assert theirs <= mine or imported == top, f"{path.name} (layer {mine}) imports {imported} (layer {theirs})"


@pytest.mark.parametrize(("top", "path"), [m for m in _modules() if m[0] in LAYER1_PURE | LAYER0])
def test_pure_layers_do_not_print_exit_or_open_files(top, path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id not in {"print", "open", "exit", "input"}, f"{path.name} calls {node.func.id}()"
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            assert (node.value.id, node.attr) not in {("sys", "exit"), ("os", "environ")}, path.name
