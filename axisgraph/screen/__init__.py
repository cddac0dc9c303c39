"""Screening: names matched against the graph's actors, each hit with its network context."""
