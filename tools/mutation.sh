#!/usr/bin/env bash
# The mutation score of pricing, policies and billing (docs/testing.md records it).
#
#   tools/mutation.sh                  # all three packages, one after the other
#   tools/mutation.sh billing          # one package
#   tools/mutation.sh 'billing.due'    # one module (several targets go to one mutmut run)
#   tools/mutation.sh --score          # only print the score of the verdicts kept in mutants/
#   tools/mutation.sh --table          # the same, as the rows of docs/testing.md's table
#
# Needs the `mutation` extra (pip install -e ".[mutation,test]"). mutmut's settings are in
# pyproject.toml [tool.mutmut]; it works in mutants/ (git-ignored) and remembers verdicts
# there, so a second run only retests what changed. CPU is scarce on shared machines:
# MUTATION_CHILDREN (default 2) workers, at low priority.
set -euo pipefail
cd "$(dirname "$0")/.."

children="${MUTATION_CHILDREN:-2}"
run=1
table=0
if [ "${1:-}" = "--score" ]; then run=0; shift; fi  # only print the score of the verdicts kept
if [ "${1:-}" = "--table" ]; then run=0; table=1; shift; fi  # the same, as markdown rows
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(billing policies pricing)

if [ "$run" = 1 ]; then
    # One mutmut run for all targets: one clean run of the tests they reach, not one each.
    patterns=()
    for target in "${targets[@]}"; do patterns+=("licensing.${target}.*"); done
    nice -n 15 mutmut run --max-children "$children" "${patterns[@]}" >/dev/null || true
fi

# The score per module and package from mutmut's verdicts: killed (a test failed, timed
# out, or the suite refused the mutant) over every mutant run; "no tests" counts as
# survived; mutants not run yet are left out and counted apart.
python3 - "$table" "${targets[@]}" <<'PY'
import collections, json, pathlib, sys

table = sys.argv.pop(1) == "1"

KILLED = {1, 3, 24, -24, 36, 37, 152, 255}
rows: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
for meta in sorted(pathlib.Path("mutants/src").rglob("*.py.meta")):
    module = ".".join(meta.relative_to("mutants/src").with_suffix("").with_suffix("").parts)
    if not any(module.startswith(f"licensing.{target}") for target in sys.argv[1:]):
        continue
    for code in json.loads(meta.read_text())["exit_code_by_key"].values():
        verdict = "not run" if code is None else "killed" if code in KILLED else "survived"
        rows[module][verdict] += 1
        rows[".".join(module.split(".")[:2]) + " (all)"][verdict] += 1


def line(name: str, count: collections.Counter[str]) -> str:
    run = count["killed"] + count["survived"]
    score = f"{100 * count['killed'] / run:5.1f} %" if run else "    - "
    return f"{name:40} killed {count['killed']:4}  survived {count['survived']:4}  not run {count['not run']:4}  {score}"


def row(name: str, count: collections.Counter[str]) -> str:
    run = count["killed"] + count["survived"]
    total = run + count["not run"]
    score = f"{100 * count['killed'] / run:.1f} %" if run else "–"
    if name.endswith(" (all)"):
        return f"| **{name[len('licensing.'):-len(' (all)')]}** | {count['killed']} | {count['survived']} | {run} of {total} | **{score}** |"
    return f"| `{name[len('licensing.'):]}` | {count['killed']} | {count['survived']} | {run} of {total} | {score} |"


for name in sorted(rows):
    print(row(name, rows[name]) if table else line(name, rows[name]))
PY
