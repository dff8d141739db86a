"""The optional compiled build: ``LICENSING_MYPYC=1`` compiles the hot modules with mypyc.

Without the variable (``pip install .``, ``pip install -e .``) this adds nothing: the
package stays pure Python and needs no C compiler. ``tools/compiled.sh`` builds the
compiled modules in place and runs the whole suite against them (docs/performance.md).
"""

import os

from setuptools import setup

#: The modules compiled, relative to the repository root; each falls back to its .py.
#: Money's arithmetic, and the invoice reader of from_data/from_json (interpreter overhead, issue 13).
COMPILED = ["src/licensing/pricing/money.py", "src/licensing/serialization/_invoices.py"]
#: The billing run's engine around the policies (bill(), lines_due): plain functions over checked values.
COMPILED += ["src/licensing/billing/_run.py"]

if os.environ.get("LICENSING_MYPYC") == "1":
    from mypyc.build import mypycify

    setup(ext_modules=mypycify(COMPILED, opt_level="3"))
else:
    setup()
