"""``python -m axisgraph`` runs the command line."""

from axisgraph.cli import run

run()
