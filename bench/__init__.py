"""axisgraph benchmarks: ``python -m bench`` (full) or ``python -m bench --quick``.

See ``bench/RESULTS.md`` for the latest results and ``bench/__main__.py`` for the runner.
"""
