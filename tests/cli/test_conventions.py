"""CLI conventions: --version, bundled examples by name, ``-`` for stdin, ``de-DE``, write errors, hostile input."""

from __future__ import annotations

import argparse
import errno
import io
import json
import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

import licensing
from licensing.cli import examples, version
from tests.cli.helpers import GROWING, QUOTE_EXAMPLES, SCENARIOS, run

# -- --version -------------------------------------------------------------------------


def test_version_is_the_installed_distributions() -> None:
    # The distribution that installed the package, whatever its name on the index.
    distribution = metadata.packages_distributions()["licensing"][0]
    status, out, err = run("--version")
    assert (status, err) == (0, "")
    assert out == f"licensing {metadata.version(distribution)}\n"
    assert out.split()[1][0].isdigit()


def test_version_falls_back_to_the_package_attribute(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(metadata, "distributions", list)
    monkeypatch.setattr(metadata, "packages_distributions", dict)
    monkeypatch.setattr(licensing, "__version__", "9.8.7", raising=False)
    assert version() == "9.8.7"


# -- bundled examples -------------------------------------------------------------------


def test_examples_lists_every_bundled_scenario_with_its_command() -> None:
    status, out, err = run("examples")
    assert (status, err) == (0, "")
    on_disk = sorted(path.stem for path in SCENARIOS.glob("*/*.toml"))
    assert sorted(example.name for example in examples()) == on_disk
    assert len(on_disk) == 6
    for path in SCENARIOS.glob("*/*.toml"):
        assert f"licensing {path.parent.name} {path.stem}" in out
    assert "postpaid-month" in out
    assert "A post-paid month" in out  # the summary: the file's first comment, up to its colon


@pytest.mark.parametrize("example", examples(), ids=lambda example: example.name)
def test_every_example_runs_by_name_as_by_path(example: licensing.cli.Example) -> None:
    by_name = run(example.command, example.name, "--json")
    by_path = run(example.command, str(SCENARIOS / example.command / f"{example.name}.toml"), "--json")
    assert by_name[0] == 0, by_name[2]
    assert by_name == by_path


def test_a_path_wins_over_an_example_of_the_same_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "postpaid-month").write_text("not = [toml", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    status, _, err = run("quote", "postpaid-month")
    assert status == 2
    assert "not valid TOML" in err


def test_an_unknown_name_says_where_to_look() -> None:
    status, out, err = run("quote", "no-such-example")
    assert (status, out) == (2, "")
    assert err.count("\n") == 1
    assert "no-such-example" in err
    assert "`licensing examples` lists them" in err


def test_the_repository_keeps_no_copy_of_the_examples() -> None:
    root = Path(__file__).resolve().parents[2]
    assert not (root / "examples").exists()


# -- standard input ---------------------------------------------------------------------


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def test_dash_reads_the_scenario_from_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    path = QUOTE_EXAMPLES / "postpaid-month.toml"
    monkeypatch.setattr(sys, "stdin", _Stdin(path.read_bytes()))
    assert run("quote", "-", "--json") == run("quote", str(path), "--json")
    monkeypatch.setattr(sys, "stdin", _Stdin(GROWING.read_bytes()))
    assert run("compare", "-") == run("compare", str(GROWING))


def test_a_bad_scenario_on_stdin_is_named_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(b'customer = "acme"\n'))
    status, _, err = run("quote", "-")
    assert status == 2
    assert err.startswith("error: <stdin>: currency: missing")


@pytest.mark.parametrize("stdin", [None, io.StringIO("")], ids=["no-stdin", "text-only-stdin"])
def test_a_stdin_that_cannot_be_read_is_one_line(stdin: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", stdin)
    status, out, err = run("quote", "-")
    assert (status, out) == (2, "")
    assert err.startswith("error: <stdin>: cannot read standard input")
    assert err.count("\n") == 1


# -- locales as browsers write them -----------------------------------------------------


def test_a_locale_with_a_hyphen_is_the_same_locale() -> None:
    hyphen = run("quote", "prepaid-year", "--locale", "de-DE")
    assert hyphen[0] == 0
    assert hyphen == run("quote", "prepaid-year", "--locale", "de_DE")
    assert "1.200,00\xa0€" in hyphen[1]
    assert run("tour", "--locale", "fr-FR") == run("tour", "--locale", "fr_FR")


# -- output that cannot be written ------------------------------------------------------


class _FailingStdout(io.StringIO):
    def __init__(self, error: OSError) -> None:
        super().__init__()
        self.error = error

    def write(self, text: str) -> int:
        raise self.error


@pytest.mark.parametrize(
    "error",
    [OSError(errno.ENOSPC, "No space left on device"), BrokenPipeError(errno.EPIPE, "Broken pipe")],
    ids=["full-disk", "closed-pipe"],
)
def test_a_write_error_is_one_line_and_status_1(error: OSError, monkeypatch: pytest.MonkeyPatch) -> None:
    err = io.StringIO()
    monkeypatch.setattr(sys, "stdout", _FailingStdout(error))
    monkeypatch.setattr(sys, "stderr", err)
    assert licensing.cli.main(["quote", "postpaid-month"]) == 1
    assert err.getvalue() == f"error: cannot write the output: {error.strerror}\n"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
def test_a_full_disk_ends_the_process_with_one_line() -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "licensing", "tour"], stdout=full, stderr=subprocess.PIPE, text=True, check=False
        )
    assert done.returncode == 1
    assert done.stderr == "error: cannot write the output: No space left on device\n"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("argv", [["--help"], ["quote", "--help"], ["--version"], ["examples"]], ids=" ".join)
def test_help_and_lists_to_a_full_disk_fail_in_one_line(argv: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "licensing", *argv], stdout=full, stderr=subprocess.PIPE, text=True, check=False
        )
    assert done.returncode == 1
    assert done.stderr == "error: cannot write the output: No space left on device\n"


@pytest.mark.parametrize("argv", [["--help"], ["quote", "--help"]], ids=" ".join)
def test_help_that_argparse_cannot_write_is_one_line(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    # Python 3.11.2's argparse, writing to an unbuffered stdout (PYTHONUNBUFFERED) on a full
    # disk: the write error leaves print_help itself, not the later flush.
    def print_message(self: argparse.ArgumentParser, message: str, file: io.TextIOBase | None = None) -> None:
        (file or sys.stderr).write(message)

    err = io.StringIO()
    monkeypatch.setattr(argparse.ArgumentParser, "_print_message", print_message)
    monkeypatch.setattr(sys, "stdout", _FailingStdout(OSError(errno.ENOSPC, "No space left on device")))
    monkeypatch.setattr(sys, "stderr", err)
    assert licensing.cli.main(argv) == 1
    assert err.getvalue() == "error: cannot write the output: No space left on device\n"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
def test_help_to_a_full_disk_unbuffered_is_one_line() -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-u", "-m", "licensing", "--help"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert done.returncode == 1
    assert done.stderr == "error: cannot write the output: No space left on device\n"


def test_a_closed_pipe_ends_the_process_with_one_line() -> None:
    command = [sys.executable, "-m", "licensing", "quote", "postpaid-month"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.close()  # the reader goes away before the command writes
        err = process.stderr.read()
        status = process.wait()
    assert status == 1
    assert err == "error: cannot write the output: Broken pipe\n"


# -- hostile input: one line, never a traceback -----------------------------------------

_HEAD = """\
customer = "acme"
currency = "USD"
zone = "{zone}"

[period]
start = 2025-03-01
end = 2025-04-01

[plan]
policy = "postpaid"
schedule = {{ type = "flat", unit_price = "4.00" }}

[[usage]]
at = {at}
quantity = 3
"""


@pytest.mark.parametrize(
    "text",
    [
        "x = " + "[" * 2000 + "]" * 2000 + "\n",
        "x = " + "{ y = " * 2000 + "1" + " }" * 2000 + "\n",
        "[" + ".".join(["a"] * 2000) + "]\n",
    ],
    ids=["arrays", "inline-tables", "dotted-table"],
)
@pytest.mark.parametrize("command", ["quote", "compare"])
def test_toml_nested_2000_deep_is_one_line(text: str, command: str, tmp_path: Path) -> None:
    path = tmp_path / "deep.toml"
    path.write_text(text, encoding="utf-8")
    status, out, err = run(command, str(path))
    assert (status, out) == (2, "")
    assert err.count("\n") == 1
    assert err.startswith(f"error: {path}: ")


@pytest.mark.parametrize(
    ("at", "zone", "calendar"),
    [
        ("0001-01-01T00:00:00+01:00", "UTC", "UTC"),  # 23:00 on 31 December of year 0 in UTC
        ("9999-12-31T23:00:00-05:00", "UTC", "UTC"),  # 04:00 on 1 January 10000 in UTC
        ("0001-01-01T00:00:00+01:00", "Europe/Berlin", "UTC"),
        ("9999-12-31T20:00:00+00:00", "Pacific/Kiritimati", "Pacific/Kiritimati"),  # UTC+14: 10000-01-01 there
    ],
)
def test_an_instant_whose_billing_date_leaves_the_calendar_is_one_line(
    at: str, zone: str, calendar: str, tmp_path: Path
) -> None:
    path = tmp_path / "edge.toml"
    path.write_text(_HEAD.format(zone=zone, at=at), encoding="utf-8")
    status, out, err = run("quote", str(path), "--json")
    assert (status, out) == (2, "")
    assert err.count("\n") == 1
    assert err.startswith(f"error: {path}: usage[0].at: ")
    assert f"falls outside the calendar in {calendar}" in err


def test_an_instant_at_the_calendars_edge_that_stays_inside_prices(tmp_path: Path) -> None:
    # 9999-12-31T09:00-05:00 is 14:00 UTC, still 31 December 9999 in UTC and in New York.
    path = tmp_path / "edge.toml"
    path.write_text(_HEAD.format(zone="America/New_York", at="9999-12-31T09:00:00-05:00"), encoding="utf-8")
    status, out, err = run("quote", str(path), "--json")
    assert (status, err) == (0, "")
    # The change is long after March 2025: nothing in use then, 0 × 4.00 = 0.00.
    assert json.loads(out)["total"] == {"amount": "0.00", "currency": "USD"}


def test_hostile_input_from_the_entry_point_has_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "deep.toml"
    path.write_text("x = " + "[" * 2000 + "]" * 2000 + "\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "licensing", "quote", str(path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr
