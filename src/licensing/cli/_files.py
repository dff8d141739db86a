"""Where a scenario comes from: a file, standard input (``-``) or a bundled example's name.

The examples ship inside the package (``licensing/samples/scenarios/<command>/<name>.toml``),
so ``licensing quote postpaid-month`` works after a wheel install, with no repository.
"""

from __future__ import annotations

import sys
import tomllib
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Final, final

import attrs

from licensing._pickles import stable_pickle
from licensing.cli._values import one_line, problem

__all__ = ["COMMANDS", "STDIN", "Example", "example_names", "examples", "read_toml", "source_of"]

#: The argument that reads the scenario from standard input.
STDIN: Final = "-"
#: The commands that read a scenario, each with its folder of bundled examples.
COMMANDS: Final = ("quote", "compare")


@final
@stable_pickle("CliExample")
@attrs.frozen
class Example:
    """A bundled example scenario: its name, the command it is for, and its one-line summary."""

    name: str
    command: str
    summary: str


def _folder(command: str) -> Traversable:
    return files("licensing.samples").joinpath("scenarios", command)


def _summary(text: str) -> str:
    """The example's first comment paragraph, up to its first colon, bracket or full stop."""
    words: list[str] = []
    for line in text.splitlines():
        if not line.startswith("#") or not line.strip("# "):
            break
        words.append(line.strip("# "))
    summary = " ".join(words)
    for stop in (": ", " (", ". "):
        summary = summary.split(stop, 1)[0]
    return summary


def examples() -> tuple[Example, ...]:
    """Every bundled example, by command, then by name."""
    found: list[Example] = []
    for command in COMMANDS:
        for entry in sorted(_folder(command).iterdir(), key=lambda entry: entry.name):
            if entry.name.endswith(".toml"):
                summary = _summary(entry.read_text(encoding="utf-8"))
                found.append(Example(entry.name.removesuffix(".toml"), command, summary))
    return tuple(found)


def example_names(command: str) -> tuple[str, ...]:
    """The names of the examples bundled for ``command``."""
    return tuple(example.name for example in examples() if example.command == command)


def _example(name: str, command: str) -> Traversable | None:
    stem = name.removesuffix(".toml")
    if "/" in stem or "\\" in stem or not stem:
        return None
    for folder in (command, *(other for other in COMMANDS if other != command)):
        entry = _folder(folder).joinpath(f"{stem}.toml")
        if entry.is_file():
            return entry
    return None


def _read_bytes(argument: str, command: str) -> bytes:
    if argument == STDIN:
        try:
            return sys.stdin.buffer.read()
        except (AttributeError, OSError, ValueError) as error:  # no stdin at all, or a closed one
            raise problem(
                source_of(argument),
                f"cannot read standard input ({type(error).__name__}); pipe a scenario in, or pass a path",
            ) from None
    path = Path(argument)
    if not path.exists():
        example = _example(argument, command)
        if example is not None:
            return example.read_bytes()
    try:
        return path.read_bytes()
    except OSError as error:
        raise problem(
            argument,
            f"cannot read the scenario: {error.strerror or error}; pass the path of a .toml file, "
            f"{STDIN} for standard input, or an example's name (`licensing examples` lists them)",
        ) from None


def source_of(argument: str | Path) -> str:
    """How errors name the scenario ``argument``: its path or example name, or ``<stdin>``."""
    return "<stdin>" if str(argument) == STDIN else str(argument)


def read_toml(argument: str | Path, command: str) -> dict[str, object]:
    """The parsed TOML of ``argument`` (a path, ``-`` or an example's name), or a one-line error naming it.

    TOML nested too deeply for the parser is refused like any other bad TOML.
    """
    source = source_of(argument)
    data = _read_bytes(str(argument), command)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise problem(source, f"byte {error.start} is not UTF-8; save the scenario as UTF-8 text") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise problem(source, f"not valid TOML: {one_line(str(error))}; see `licensing {command} --help`") from None
    except RecursionError:
        raise problem(
            source, f"not valid TOML here: its tables or arrays nest too deeply; see `licensing {command} --help`"
        ) from None
