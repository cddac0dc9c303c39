// name: supply_chains_into
// purpose: Which supply chains end at this actor, up to N hops, as paths?
// param actor (actor, required): The actor at the end of the chains (an id; the CLI also takes a name or alias). Example: wagner-group
// param max_hops (int 1..6, default 3): The longest chain, in supply links. Example: 2
// columns: hops, path, names, statuses, source_counts, denied, claims
// Neo4j Browser: :params {actor: "wagner-group", max_hops: 3}
// Path bounds cannot be parameters, so there is one branch per bound; only the branch whose
// bound matches runs, and the expansion stops there instead of going to the largest bound.
CALL () {
  WITH $max_hops AS max_hops WHERE max_hops = 1
  MATCH p = (:Entity)-[r:SUPPLIES WHERE r.projected]->{1,1}(:Entity {id: $actor})
  RETURN p
  UNION ALL
  WITH $max_hops AS max_hops WHERE max_hops = 2
  MATCH p = (:Entity)-[r:SUPPLIES WHERE r.projected]->{1,2}(:Entity {id: $actor})
  RETURN p
  UNION ALL
  WITH $max_hops AS max_hops WHERE max_hops = 3
  MATCH p = (:Entity)-[r:SUPPLIES WHERE r.projected]->{1,3}(:Entity {id: $actor})
  RETURN p
  UNION ALL
  WITH $max_hops AS max_hops WHERE max_hops = 4
  MATCH p = (:Entity)-[r:SUPPLIES WHERE r.projected]->{1,4}(:Entity {id: $actor})
  RETURN p
  UNION ALL
  WITH $max_hops AS max_hops WHERE max_hops = 5
  MATCH p = (:Entity)-[r:SUPPLIES WHERE r.projected]->{1,5}(:Entity {id: $actor})
  RETURN p
  UNION ALL
  WITH $max_hops AS max_hops WHERE max_hops = 6
  MATCH p = (:Entity)-[r:SUPPLIES WHERE r.projected]->{1,6}(:Entity {id: $actor})
  RETURN p
}
WITH p
WHERE all(i IN range(0, length(p) - 1) WHERE NOT nodes(p)[i] IN nodes(p)[i + 1..])
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
