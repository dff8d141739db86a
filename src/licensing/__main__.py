"""``python -m licensing``: the command line of :mod:`licensing.cli`."""

from licensing.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
