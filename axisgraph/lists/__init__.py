"""Readers for official sanctions lists (OFAC, UN Security Council, UK, Canada)."""
