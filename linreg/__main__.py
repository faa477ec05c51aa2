"""``python -m linreg``: see :mod:`linreg.cli`."""

import sys


def _run() -> int:
    # Imported here, inside the guard, so that Ctrl-C while Python is still loading
    # linreg ends quietly with status 130, as it does once the run has begun.
    try:
        from .cli import main
    except KeyboardInterrupt:
        print("python -m linreg: interrupted", file=sys.stderr)
        return 130
    return main()


if __name__ == "__main__":
    sys.exit(_run())
