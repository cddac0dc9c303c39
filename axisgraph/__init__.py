"""axisgraph: arms-supply and sanctions networks as a sourced knowledge graph."""

__version__ = "0.1.0"
