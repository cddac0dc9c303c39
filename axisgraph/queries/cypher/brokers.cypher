// name: brokers
// purpose: Which actors broker the supply network (betweenness centrality on the directed SUPPLIES projection)?
// param limit (int 1..1000, default 10): How many actors to list. Example: 5
// param min_status (one of announced_action|official_statement|assessment|media_report|plan, optional): Keep only what is at least this strong (statuses run from announced_action down to plan). Example: media_report
// columns: source, source_name, source_kind, target, target_name, target_kind, status
// then ranked in Python into: rank, actor_id, actor, kind, betweenness, supplies_to, supplied_by
// Neo4j Browser: :params {limit: 10, min_status: null}
// Fetches the SUPPLIES projection; axisgraph ranks it by betweenness centrality with the
// same Python (networkx) that ranks the embedded engine's graph.
MATCH (a:Entity)-[r:SUPPLIES]->(b:Entity)
WHERE r.projected
RETURN a.id AS source,
       a.name AS source_name,
       [l IN labels(a) WHERE NOT l IN ['Entity', 'Actor']][0] AS source_kind,
       b.id AS target,
       b.name AS target_name,
       [l IN labels(b) WHERE NOT l IN ['Entity', 'Actor']][0] AS target_kind,
       r.status AS status
ORDER BY source, target
