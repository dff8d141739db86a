"""`import licensing` loads the arithmetic only; the heavy parts load on first use (issue 13).

Checked in a fresh interpreter by the modules it holds, never by timing anything.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import licensing

#: Modules `import licensing` must not load: babel (formatting), e-mail and domain checks,
#: html's entity table, cattrs (the JSON shape), the billing run, the domain, what-if and the
#: rarer pricing modules.
HEAVY = (
    "babel",
    "ipaddress",
    "html",
    "cattrs",
    "licensing.serialization",
    "licensing.billing",
    "licensing.domain",
    "licensing.policies",
    "licensing.whatif",
    "licensing.strategies",
    "licensing.pricing.taxes",
    "licensing.pricing.pricebook",
    "licensing.pricing.phases",
    "licensing.pricing.discounts",
    "licensing.pricing.exchange",
    "licensing.pricing.concurrency",
    "licensing.pricing.daycount",
)


def _loaded_after(code: str) -> set[str]:
    script = f"import sys\n{code}\nprint('\\n'.join(sys.modules))"
    # The child imports the same tree as this test run, not whatever is installed.
    tree = str(Path(licensing.__file__).parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [tree, os.environ.get("PYTHONPATH")]))}
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env)
    return set(out.stdout.split())


def test_import_licensing_loads_none_of_the_heavy_parts() -> None:
    loaded = _loaded_after("import licensing")
    assert "licensing.pricing.money" in loaded  # the check sees what was imported
    assert sorted(loaded & set(HEAVY)) == []


@pytest.mark.parametrize(
    ("code", "module"),
    [
        ("from licensing.pricing import TaxRate", "licensing.pricing.taxes"),
        ("import licensing.pricing as p; p.PriceBook", "licensing.pricing.pricebook"),
        ("from licensing import Money; Money('1', 'USD').format()", "babel"),
        ("from licensing import Money; Money('1', 'USD').format('de-DE')", "babel.numbers"),
        ("from licensing._checks import email; email('ada@acme.example')", "ipaddress"),
        ("from licensing import Invoice, Period; import datetime as d; "
         "Invoice('a', Period(d.date(2025, 1, 1), d.date(2025, 2, 1)), 'USD').to_html()", "html"),
    ],
)
def test_a_heavy_part_loads_on_first_use(code: str, module: str) -> None:
    assert module in _loaded_after(code)


def test_lazy_pricing_names_are_the_modules_own() -> None:
    from licensing import pricing
    from licensing.pricing import taxes

    assert pricing.TaxRate is taxes.TaxRate
    assert {"TaxRate", "PriceBook", "DeviceSpan"} <= set(dir(pricing))
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        pricing.Nope  # noqa: B018
