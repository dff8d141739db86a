"""Section 6: the CPU time of ``import licensing`` in a fresh interpreter, against bare Python.

Each figure is the child process's own CPU time (user + system, from
``resource.getrusage(RUSAGE_CHILDREN)``), the best of several runs interleaved with
the baselines: ``python -c pass`` (the interpreter's start) and ``python -c "import
attrs"`` (the floor: every value class of the library is an attrs class). Byte code is
cached first (``PYTHONPYCACHEPREFIX`` in a temporary folder), as it is in an
installed package, so no figure includes compiling the sources.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile

from _common import Row, verdict

SECTION = "import"
TITLE = "6. import licensing: CPU ms of a fresh interpreter (child user + system), byte code cached"
HEADER = ("command", "CPU", "python -c pass", "difference", "target", "result")
IMPORT_TARGET_MS = 80.0

_COMMANDS = {
    "import licensing": "import licensing",
    "python -c pass": "pass",
    "import attrs (the floor)": "import attrs",
    "import licensing; licensing.to_data (serialization, cattrs)": "import licensing; licensing.to_data",
    "import licensing, licensing.billing (the billing run)": "import licensing, licensing.billing",
}


def _cpu(code: str, env: dict[str, str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def rows(repeats: int, quick: bool) -> list[Row]:
    """Best CPU ms of each command over interleaved runs."""
    runs = 5 if quick else max(9, 2 * repeats)
    with tempfile.TemporaryDirectory() as cache:
        env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = cache
        for code in _COMMANDS.values():
            _cpu(code, env)  # writes the byte code
        best = {name: _cpu(code, env) for name, code in _COMMANDS.items()}
        for _ in range(runs - 1):
            for name, code in _COMMANDS.items():
                best[name] = min(best[name], _cpu(code, env))
    bare = best["python -c pass"] * 1e3
    result = []
    for name in _COMMANDS:
        ms = best[name] * 1e3
        target = name == "import licensing"
        limit = f"<= {IMPORT_TARGET_MS:.0f} ms" if target else ""
        passed = verdict(ms <= IMPORT_TARGET_MS, quick) if target else ""
        result.append(Row(name, f"{ms:.0f} ms", f"{bare:.0f} ms", f"+{ms - bare:.0f} ms", limit, passed))
    return result
