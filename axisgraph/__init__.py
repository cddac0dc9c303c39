"""axisgraph: arms-supply and sanctions networks as a sourced knowledge graph."""

__version__ = "0.2.0.dev0"
