"""``python -m kzquiz``: the same as the ``kzquiz`` command."""

from kzquiz.cli import run

if __name__ == "__main__":
    run()
