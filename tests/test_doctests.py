"""The docstring examples of the installed package run and hold (house style: examples that run)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import diplokg

MODULES = sorted(
    name for _finder, name, _ispkg in pkgutil.walk_packages(diplokg.__path__, "diplokg.")
    if not name.startswith(("diplokg.ontology", "diplokg.queries"))
)


def test_the_package_has_modules_with_examples():
    assert len(MODULES) > 20


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
