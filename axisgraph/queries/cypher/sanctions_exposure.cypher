// name: sanctions_exposure
// purpose: Which actors that are not designated themselves sit within N ties (supply, ownership, leadership, backing, membership, ...) of a designated actor?
// param max_hops (int 1..4, default 2): How many ties away from a designated actor. Example: 2
// param actor (actor, optional): Only exposure to this designated actor (an id; the CLI also takes a name or alias). Example: wagner-group
// param min_status (one of announced_action|official_statement|assessment|media_report|plan, default media_report): Keep only what is at least this strong (statuses run from announced_action down to plan). Example: media_report
// columns: actor_id, actor, kind, hops, exposed_to
// Neo4j Browser: :params {max_hops: 2, actor: null, min_status: "media_report"}
// Designated: the object of a projected DESIGNATES or RESTRICTS at least $min_status strong.
// Ties: any projected relationship between two actors except the adversarial ones listed.
// Path bounds cannot be parameters, so there is one branch per bound; only the branch whose
// bound matches runs, searching breadth first from each designated actor.
WITH {announced_action: 5, official_statement: 4, assessment: 3, media_report: 2, plan: 1} AS rank
MATCH (d:Actor)<-[r:DESIGNATES|RESTRICTS]-(:Entity)
WHERE r.projected AND rank[r.status] >= rank[$min_status]
WITH rank, collect(DISTINCT d) AS designated
CALL (designated) {
  WITH designated WHERE $max_hops = 1
  UNWIND designated AS d
  WITH d WHERE $actor IS NULL OR d.id = $actor
  MATCH p = ANY SHORTEST (d)((:Actor)-[r WHERE r.projected AND NOT type(r) IN ['DESIGNATES', 'RESTRICTS', 'CONDEMNS', 'ATTACKS', 'RIVALS', 'INVESTIGATES']]-(:Actor)){1,1}(x:Actor)
  RETURN x, d, length(p) AS hops
  UNION ALL
  WITH designated WHERE $max_hops = 2
  UNWIND designated AS d
  WITH d WHERE $actor IS NULL OR d.id = $actor
  MATCH p = ANY SHORTEST (d)((:Actor)-[r WHERE r.projected AND NOT type(r) IN ['DESIGNATES', 'RESTRICTS', 'CONDEMNS', 'ATTACKS', 'RIVALS', 'INVESTIGATES']]-(:Actor)){1,2}(x:Actor)
  RETURN x, d, length(p) AS hops
  UNION ALL
  WITH designated WHERE $max_hops = 3
  UNWIND designated AS d
  WITH d WHERE $actor IS NULL OR d.id = $actor
  MATCH p = ANY SHORTEST (d)((:Actor)-[r WHERE r.projected AND NOT type(r) IN ['DESIGNATES', 'RESTRICTS', 'CONDEMNS', 'ATTACKS', 'RIVALS', 'INVESTIGATES']]-(:Actor)){1,3}(x:Actor)
  RETURN x, d, length(p) AS hops
  UNION ALL
  WITH designated WHERE $max_hops = 4
  UNWIND designated AS d
  WITH d WHERE $actor IS NULL OR d.id = $actor
  MATCH p = ANY SHORTEST (d)((:Actor)-[r WHERE r.projected AND NOT type(r) IN ['DESIGNATES', 'RESTRICTS', 'CONDEMNS', 'ATTACKS', 'RIVALS', 'INVESTIGATES']]-(:Actor)){1,4}(x:Actor)
  RETURN x, d, length(p) AS hops
}
WITH rank, x, min(hops) AS hops, collect(DISTINCT d.id) AS designated_ids
WHERE NOT EXISTS {
  MATCH (x)<-[r:DESIGNATES|RESTRICTS]-(:Entity)
  WHERE r.projected AND rank[r.status] >= rank[$min_status]
}
RETURN x.id AS actor_id,
       x.name AS actor,
       [l IN labels(x) WHERE NOT l IN ['Entity', 'Actor']][0] AS kind,
       hops,
       COLLECT { UNWIND designated_ids AS i RETURN i ORDER BY i } AS exposed_to
ORDER BY hops, actor_id
