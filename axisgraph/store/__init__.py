"""The Neo4j store: the local server, the driver, the schema and the writer."""
