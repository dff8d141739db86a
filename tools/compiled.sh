#!/usr/bin/env bash
# The optional compiled build, tested: compile the hot modules with mypyc in place
# (setup.py's COMPILED list), run the whole suite against them, then remove what the
# build left, so that the tree is pure Python again.
#
#   tools/compiled.sh                  # the whole suite, as the README runs it
#   tools/compiled.sh -q -x tests/unit/test_money.py    # any pytest arguments instead
#
# Needs mypy (the test extra), setuptools >= 77 and a C compiler. Each built extension
# module shadows its .py (Python imports an extension before a source file of the same
# name); pytest's header says which build it ran, and the suite fails if this script
# asked for the compiled build and got the pure one (tests/unit/test_compiled_build.py).
set -euo pipefail
cd "$(dirname "$0")/.."

clean() { rm -rf build; find src -name '*.so' -delete; }  # with two modules, mypyc's shared library lands in src/
trap clean EXIT
clean

LICENSING_MYPYC=1 nice python setup.py --quiet build_ext --inplace
python -c 'import sys; sys.path.insert(0, "src"); from licensing.pricing import money; from licensing.serialization import _invoices; print("built:", money.__file__, _invoices.__file__); sys.exit(not money.COMPILED or _invoices.__file__.endswith(".py"))'
# The doctests of a compiled module are collected from its .py, imported as the extension.
LICENSING_EXPECT_COMPILED=1 PY_IGNORE_IMPORTMISMATCH=1 python -m pytest "$@"
