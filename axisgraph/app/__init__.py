"""The verbs: one library function per CLI command, in a module named after it.

The CLI (``axisgraph.cli``) only parses arguments and prints; notebooks call these too.
"""
