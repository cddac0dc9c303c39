// name: neighbourhood
// purpose: What lies within N projected relationships of this actor, either direction?
// param actor (actor, required): The centre (an id; the CLI also takes a name or alias). Example: hezbollah
// param depth (int 1..4, default 1): How many relationships away. Example: 2
// columns: node_id, name, kind, hops
// Neo4j Browser: :params {actor: "hezbollah", depth: 1}
// Path bounds cannot be parameters, so there is one branch per depth; only the branch whose
// depth matches runs, and it finds each node once (breadth first) instead of every path to it.
CALL () {
  WITH $depth AS depth WHERE depth = 1
  MATCH (a:Entity {id: $actor})
  MATCH p = ANY SHORTEST (a)-[r WHERE r.projected]-{1,1}(n:Entity)
  WHERE n <> a
  RETURN n, length(p) AS hops
  UNION ALL
  WITH $depth AS depth WHERE depth = 2
  MATCH (a:Entity {id: $actor})
  MATCH p = ANY SHORTEST (a)-[r WHERE r.projected]-{1,2}(n:Entity)
  WHERE n <> a
  RETURN n, length(p) AS hops
  UNION ALL
  WITH $depth AS depth WHERE depth = 3
  MATCH (a:Entity {id: $actor})
  MATCH p = ANY SHORTEST (a)-[r WHERE r.projected]-{1,3}(n:Entity)
  WHERE n <> a
  RETURN n, length(p) AS hops
  UNION ALL
  WITH $depth AS depth WHERE depth = 4
  MATCH (a:Entity {id: $actor})
  MATCH p = ANY SHORTEST (a)-[r WHERE r.projected]-{1,4}(n:Entity)
  WHERE n <> a
  RETURN n, length(p) AS hops
}
WITH n, min(hops) AS hops
RETURN n.id AS node_id,
       n.name AS name,
       [l IN labels(n) WHERE NOT l IN ['Entity', 'Actor']][0] AS kind,
       hops
ORDER BY hops, node_id
