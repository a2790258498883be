"""The layering of ../shared/DESIGN.md, checked by scanning imports and calls.

Layer 0 (vocabulary) imports only the standard library; layer 1 pure stages import layer 0
and their libraries; input/output imports layer 0 only (never a pure stage: a format that
needs a language label gets it on the data); composition imports layers 0–1; nothing
imports the CLI. Relative imports are resolved like absolute ones. Pure stages and the
vocabulary neither print, exit, read the environment nor touch files (shipped data is read
with ``importlib.resources``). The checker is itself tested on injected violations.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "align"

LAYER0 = {"model", "errors", "config", "langcodes", "signature", "settings"}
LAYER1_PURE = {"segment", "aligner", "terms", "evaluate"}
LAYER1_IO = {"io", "formats"}
LAYER2 = {"pipeline", "job", "batch", "report", "review", "runtime"}

FORBIDDEN_CALLS = {"print", "open", "exit", "quit", "input", "breakpoint"}
FORBIDDEN_ATTRS = {
    ("sys", "exit"), ("sys", "stdout"), ("sys", "stderr"), ("sys", "stdin"), ("sys", "argv"),
    ("os", "environ"), ("os", "getenv"), ("os", "putenv"), ("os", "remove"), ("os", "unlink"), ("os", "listdir"),
    ("os", "scandir"), ("os", "walk"), ("os", "makedirs"), ("os", "mkdir"), ("os", "chdir"), ("os", "system"),
    ("os", "popen"), ("os", "replace"), ("os", "rename"), ("os", "getcwd"), ("io", "open"),
}
FILE_METHODS = {"read_text", "read_bytes", "write_text", "write_bytes", "open", "unlink", "mkdir", "touch",
                "iterdir", "glob", "rglob"}
FORBIDDEN_MODULES = {"subprocess", "shutil", "tempfile", "socket", "urllib", "http", "glob", "requests", "click",
                     "logging"}


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


def _package_parts(path: Path) -> list[str]:
    """``align/formats/tmx.py`` → ["align", "formats"] (the package a relative import starts from)."""
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    return parts if parts[-1] == "__init__" and parts.pop() is not None else parts[:-1]


def align_imports(tree: ast.AST, package: list[str]) -> set[str]:
    """The top-level ``align`` modules a module imports, relative imports resolved."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
                names = [module + "." + a.name for a in node.names] if not node.module else [module]
            else:
                names = [node.module or ""]
                if node.module == "align":
                    names = ["align." + a.name for a in node.names]
            out.update(n.split(".")[1] for n in names if n.startswith("align.") and n.count(".") >= 1)
        elif isinstance(node, ast.Import):
            out.update(a.name.split(".")[1] for a in node.names if a.name.startswith("align."))
    return out


def layer_violations(top: str, tree: ast.AST, package: list[str]) -> list[str]:
    mine, found = _layer(top), []
    for imported in align_imports(tree, package):
        if imported == "__version__" or imported == top:
            continue
        if imported == "cli" and top != "console":  # console: the program's entry point, which loads the CLI
            found.append("imports the CLI")
        elif top in LAYER1_PURE and imported in LAYER1_IO:
            found.append(f"pure stage {top} imports input/output module {imported}")
        elif top in LAYER1_IO and imported in LAYER1_PURE:
            found.append(f"input/output module {top} imports pure stage {imported}")
        elif _layer(imported) > mine:
            found.append(f"(layer {mine}) imports {imported} (layer {_layer(imported)})")
    return found


def _from_resources(node: ast.AST) -> bool:
    """``resources.files(…)…read_text()``: shipped data, the one file access a pure stage may make."""
    while isinstance(node, ast.Attribute | ast.Call):
        if isinstance(node, ast.Call):
            f = node.func
            if (isinstance(f, ast.Attribute) and f.attr == "files") or (isinstance(f, ast.Name) and f.id == "files"):
                return True
            node = f
        else:
            node = node.value
    return False


def purity_violations(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FORBIDDEN_CALLS:
            found.append(f"calls {node.func.id}()")
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                and (node.value.id, node.attr) in FORBIDDEN_ATTRS:
            found.append(f"uses {node.value.id}.{node.attr}")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in FILE_METHODS \
                and not _from_resources(node.func.value) and not isinstance(node.func.value, ast.Constant):
            found.append(f"calls .{node.func.attr}() on a file")
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            relative = getattr(node, "level", 0)
            found += [f"imports {n}" for n in names if n.split(".")[0] in FORBIDDEN_MODULES and not relative]
    return found


@pytest.mark.parametrize(("top", "path"), list(_modules()), ids=lambda v: str(v).split("align/")[-1])
def test_imports_respect_layers(top, path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert layer_violations(top, tree, _package_parts(path)) == [], path


@pytest.mark.parametrize(("top", "path"), [m for m in _modules() if m[0] in LAYER1_PURE | LAYER0],
                         ids=lambda v: str(v).split("align/")[-1])
def test_pure_layers_do_not_print_exit_or_open_files(top, path):
    assert purity_violations(ast.parse(path.read_text(encoding="utf-8"))) == [], path


INJECTED_IMPORTS = [
    ("formats", ["align", "formats"], "from align.terms import check_document"),
    ("formats", ["align", "formats"], "from ..segment.langid import detect"),
    ("formats", ["align", "formats"], "from .. import terms"),
    ("segment", ["align", "segment"], "from ..formats.srx import parse_srx"),
    ("model", ["align"], "from .pipeline import run_pair"),
    ("report", ["align", "report"], "import align.cli"),
    ("terms", ["align", "terms"], "from align.job import run_job"),
]
INJECTED_CALLS = [
    "print('x')", "open('f')", "import os\nos.environ['A']", "import os\nos.getenv('A')",
    "import sys\nsys.stdout.write('x')", "import sys\nsys.exit(1)", "from pathlib import Path\nPath('f').read_text()",
    "import subprocess", "from tempfile import mkstemp", "input()",
]


@pytest.mark.parametrize(("top", "package", "source"), INJECTED_IMPORTS)
def test_the_checker_catches_injected_import_violations(top, package, source):
    assert layer_violations(top, ast.parse(source), package)


@pytest.mark.parametrize("source", INJECTED_CALLS)
def test_the_checker_catches_injected_impure_code(source):
    assert purity_violations(ast.parse(source))


def test_the_checker_lets_shipped_data_and_allowed_imports_through():
    ok = "from importlib import resources\nresources.files('align.segment').joinpath('data', 'x').read_text()"
    assert purity_violations(ast.parse(ok)) == []
    assert layer_violations("formats", ast.parse("from ..model import Sentence\nfrom .tsv import x"),
                            ["align", "formats"]) == []
