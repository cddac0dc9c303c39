// name: neighbourhood
// purpose: What lies within N projected relationships of this actor, either direction?
// param actor (actor, required): The centre (an id; the CLI also takes a name or alias). Example: hezbollah
// param depth (int 1..4, default 1): How many relationships away. Example: 2
// columns: node_id, name, kind, hops
// Neo4j Browser: :params {actor: "hezbollah", depth: 1}
// Variable-length bounds cannot be parameters: expand to the largest allowed, then filter.
MATCH (a:Entity {id: $actor})
MATCH (a)-[rs*1..4]-(n:Entity)
WHERE size(rs) <= $depth AND n <> a AND all(r IN rs WHERE r.projected)
WITH n, min(size(rs)) AS hops
RETURN n.id AS node_id,
       n.name AS name,
       [l IN labels(n) WHERE NOT l IN ['Entity', 'Actor']][0] AS kind,
       hops
ORDER BY hops, node_id
