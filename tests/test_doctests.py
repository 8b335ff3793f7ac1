"""The docstring examples of the installed package run and hold (house style: examples that run),
and the public API's examples are the ones docs/api.md shows."""

from __future__ import annotations

import doctest
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import diplokg

MODULES = ["diplokg", *sorted(
    name for _finder, name, _ispkg in pkgutil.walk_packages(diplokg.__path__, "diplokg.")
    if not name.startswith(("diplokg.ontology", "diplokg.queries"))
)]


def test_the_package_has_modules_with_examples():
    assert len(MODULES) > 20


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"


# -- the public API: every function has an example, the same one in docs/api.md ----------------

API_DOC = Path(__file__).resolve().parents[1] / "docs" / "api.md"
#: The functions of the public API (``diplokg.__all__`` less the version and the options class).
API = ["build", "build_parallel", "read_inputs", "validate_graph", "open_store", "select", "prepare_query",
       "bundled_queries", "evaluate", "nlp_eval"]


def _function(name: str):
    """The public function itself."""
    obj = getattr(diplokg, name)
    assert callable(obj) and not inspect.ismodule(obj), f"diplokg.{name} is not a function"
    return obj


def _example_source(obj) -> str:
    """The docstring's examples as written (prompts and expected output), dedented."""
    doc = inspect.getdoc(obj) or ""
    return doc[doc.index(">>>"):].rstrip() if ">>>" in doc else ""


def test_the_public_api_is_exported():
    assert set(API) | {"RemoteOptions", "__version__"} == set(diplokg.__all__)
    from diplokg.builder import build
    from diplokg.query import select
    from diplokg.scoring import evaluate

    assert _function("build") is build and _function("evaluate") is evaluate and _function("select") is select
    assert diplokg.open_store.__module__ == "diplokg.identity"
    assert {name: getattr(diplokg, name).__module__ for name in diplokg._LAZY} == diplokg._LAZY


def test_no_public_name_is_a_submodule():
    """Importing ``diplokg.NAME`` would set the package's attribute NAME to the module, hiding the
    function for good (so ``diplokg.nlp_eval`` lives in ``diplokg.nlp_scoring``)."""
    submodules = {name for _finder, name, _ispkg in pkgutil.iter_modules(diplokg.__path__)}
    assert submodules.isdisjoint(diplokg.__all__)
    importlib.import_module("diplokg.nlp_scoring")
    assert callable(diplokg.nlp_eval) and not inspect.ismodule(diplokg.nlp_eval)


@pytest.mark.parametrize("name", API)
def test_each_public_function_has_an_example_that_runs_and_is_in_docs_api(name):
    function = _function(name)
    examples = doctest.DocTestFinder(recurse=False).find(function, name)
    assert examples and examples[0].examples, f"diplokg.{name} has no docstring example"
    # "from diplokg import NAME": the example uses the public API, not the defining module.
    assert any("from diplokg import" in e.source and name in e.source for e in examples[0].examples)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(examples[0])
    assert runner.failures == 0 and runner.tries == len(examples[0].examples) > 2
    assert _example_source(function) in API_DOC.read_text(encoding="utf-8"), f"docs/api.md lacks diplokg.{name}'s example"


def test_docs_api_examples_run():
    result = doctest.testfile(str(API_DOC), module_relative=False,
                              optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 30 and result.failed == 0
