"""The optional compiled build: ``LICENSING_MYPYC=1`` compiles the hot modules with mypyc.

Without the variable (``pip install .``, ``pip install -e .``) this adds nothing: the
package stays pure Python and needs no C compiler. ``tools/compiled.sh`` builds the
compiled modules in place and runs the whole suite against them (docs/performance.md).
"""

import os

from setuptools import setup

#: The modules compiled, relative to the repository root; each falls back to its .py.
#: Money's arithmetic, the invoice reader of from_data/from_json (interpreter overhead, issue 13),
#: the post-paid invoice's path: its lines and invoice (native classes: fields stored in C), a
#: line's amount, the request and post-paid policy, and the text checks. Not _invoice_checks: its
#: checks run off the hot path, and compiled, Correction's reads of its own fields would be checked
#: as their types first (mypyc's TypeError instead of the library's).
COMPILED = [
    "src/licensing/pricing/money.py",
    "src/licensing/serialization/_invoices.py",
    "src/licensing/pricing/_invoice_line.py",
    "src/licensing/pricing/invoice.py",
    "src/licensing/pricing/_line_amount.py",
    "src/licensing/policies/_request.py",
    "src/licensing/policies/postpaid.py",
    # The text checks every line's texts pass (a third of a compiled line's cost as Python calls).
    "src/licensing/_checks.py",
    "src/licensing/_cards.py",
    # The billing run's engine around the policies (bill(), lines_due): plain functions over checked values.
    "src/licensing/billing/_run.py",
]

if os.environ.get("LICENSING_MYPYC") == "1":
    from mypyc.build import mypycify

    setup(ext_modules=mypycify(COMPILED, opt_level="3"))
else:
    setup()
