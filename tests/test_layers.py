"""The layers import downward only: the contract in pyproject.toml holds, and it
would catch each of the import cycles the code once had."""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path

import grimp
import pytest
from importlinter.contracts.layers import LayersContract

ROOT = Path(__file__).resolve().parents[1]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
# importer -> imported: each was in the code before the layers (issue #17)
FORMER_CYCLES = [
    ("intake.models", "connectors.registry"),  # the kernel wiring channels in
    ("connectors.hotfolder", "runtime.app"),  # a channel reaching the wiring
    ("routing.rules", "classify.topics"),  # one stage importing another
    ("classify.model", "runtime.app"),  # a stage reaching the wiring
    ("storage.records", "outbound.config"),  # a stage importing delivery
    ("runtime.app", "web.settings"),  # the wiring importing the web app
    ("outbound.stage", "runtime.bus"),  # delivery importing the wiring
    ("intake.settings", "cli.config"),  # the kernel importing a CLI
]


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph(*CONFIG["root_packages"], include_external_packages=False)


def _check(graph: grimp.ImportGraph):
    (options,) = CONFIG["contracts"]
    contract = LayersContract(options["name"], {"root_packages": CONFIG["root_packages"]},
                              {"layers": options["layers"], "containers": []})
    return contract.check(graph, verbose=False)


def test_no_module_imports_from_a_layer_above_it(graph):
    assert _check(graph).kept


@pytest.mark.parametrize(("importer", "imported"), FORMER_CYCLES)
def test_the_contract_fails_on_an_import_that_points_up_a_layer(graph, importer, imported):
    broken = copy.deepcopy(graph)
    broken.add_import(importer=importer, imported=imported, line_number=1, line_contents=f"import {imported}")
    assert not _check(broken).kept


def test_the_kernel_imports_nothing_of_the_project(graph):
    kernel = {m for m in graph.modules if m == "intake" or m.startswith("intake.")}
    ours = set(CONFIG["root_packages"]) - {"intake"}
    imported = {i.split(".")[0] for m in kernel for i in graph.find_modules_directly_imported_by(m)}
    assert not imported & ours
