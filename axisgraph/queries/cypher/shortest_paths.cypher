// name: shortest_paths
// purpose: How are two actors connected: every shortest path over projected relationships between actors, either direction, with the claims along it?
// param source (actor, required): One end (an id; the CLI also takes a name or alias). Example: north-korea
// param target (actor, required): The other end (an id; the CLI also takes a name or alias). Example: hezbollah
// param max_hops (int 1..6, default 6): The longest path to look for. Example: 4
// columns: hops, path, names, links, claims, denied
// Neo4j Browser: :params {source: "north-korea", target: "hezbollah", max_hops: 6}
// Shortest over projected relationships between actors, in either direction; one row per
// distinct node sequence, with every projected relationship along each hop.
MATCH (a:Entity {id: $source}), (b:Entity {id: $target})
MATCH p = allShortestPaths((a)-[*..6]-(b))
WHERE all(n IN nodes(p) WHERE n:Actor) AND all(r IN relationships(p) WHERE r.projected)
WITH DISTINCT nodes(p) AS ns
WHERE size(ns) - 1 <= $max_hops
WITH ns, [i IN range(0, size(ns) - 2) | COLLECT {
         WITH ns[i] AS u, ns[i + 1] AS v
         MATCH (u)-[r]-(v)
         WHERE r.projected
         RETURN r ORDER BY startNode(r).id + ' ' + type(r) + ' ' + endNode(r).id
       }] AS by_hop
RETURN size(ns) - 1 AS hops,
       [n IN ns | n.id] AS path,
       [n IN ns | n.name] AS names,
       reduce(acc = [], hop IN by_hop |
         acc + [r IN hop | startNode(r).id + ' ' + type(r) + ' ' + endNode(r).id]) AS links,
       COLLECT {
         UNWIND by_hop AS hop
         UNWIND hop AS r
         UNWIND r.claims AS claim
         RETURN DISTINCT claim ORDER BY claim
       } AS claims,
       any(hop IN by_hop WHERE any(r IN hop WHERE r.denied)) AS denied
ORDER BY path
