// name: supply_chains_into
// purpose: Which supply chains end at this actor, up to N hops, as paths?
// param actor (actor, required): The actor at the end of the chains (an id; the CLI also takes a name or alias). Example: wagner-group
// param max_hops (int 1..6, default 3): The longest chain, in supply links. Example: 2
// columns: hops, path, names, statuses, source_counts, denied, claims
// Neo4j Browser: :params {actor: "wagner-group", max_hops: 3}
// Variable-length bounds cannot be parameters: expand to the largest allowed, then filter.
MATCH p = (:Entity)-[:SUPPLIES*1..6]->(:Entity {id: $actor})
WHERE length(p) <= $max_hops
  AND all(r IN relationships(p) WHERE r.projected)
  AND all(i IN range(0, length(p) - 1) WHERE NOT nodes(p)[i] IN nodes(p)[i + 1..])
RETURN length(p) AS hops,
       [n IN nodes(p) | n.id] AS path,
       [n IN nodes(p) | n.name] AS names,
       [r IN relationships(p) | r.status] AS statuses,
       [r IN relationships(p) | r.source_count] AS source_counts,
       any(r IN relationships(p) WHERE r.denied) AS denied,
       COLLECT {
         UNWIND relationships(p) AS r
         UNWIND r.claims AS claim
         RETURN DISTINCT claim ORDER BY claim
       } AS claims
ORDER BY hops, path
