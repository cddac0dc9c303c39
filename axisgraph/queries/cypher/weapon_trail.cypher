// name: weapon_trail
// purpose: Who produces, supplies, receives, holds and restricts this weapon, and where did its components come from?
// param weapon (weapon, required): The weapon (an id; the CLI also takes a name or alias). Example: shahed-136
// columns: role, via, node_id, name, kind, status, claims, denied
// Neo4j Browser: :params {weapon: "shahed-136"}
WITH {announced_action: 5, official_statement: 4, assessment: 3, media_report: 2, plan: 1} AS rank
MATCH (w:Entity {id: $weapon})
OPTIONAL MATCH (part:Entity)-[chain:COMPONENT_OF*1..]->(w)
WHERE all(x IN chain WHERE x.projected)
WITH rank, w, collect(DISTINCT part) AS parts
CALL (rank, w, parts) {
  MATCH (x:Entity)-[r:PRODUCES]->(w)
  WHERE r.projected
  RETURN 'produces' AS role, w.id AS via, x AS node, r.status AS status, r.claims AS claims,
         r.denied AS denied
  UNION ALL
  MATCH (c:Claim)-[:INVOLVES]->(w)
  WHERE c.predicate = 'supplies'
  WITH DISTINCT rank, w, c
  MATCH (c)-[:HAS_SUBJECT]->(s:Entity), (c)-[:HAS_OBJECT]->(o:Entity)
  UNWIND [['supplies', s], ['receives', o]] AS pair
  WITH rank, w, pair[0] AS role, pair[1] AS node, collect(c) AS cs
  RETURN role, w.id AS via, node,
         reduce(best = null, c IN cs |
           CASE WHEN best IS NULL OR rank[c.status] > rank[best] THEN c.status ELSE best END
         ) AS status,
         COLLECT { UNWIND cs AS c RETURN c.id AS id ORDER BY id } AS claims,
         any(c IN cs WHERE EXISTS { MATCH (c)<-[:DENIES]-(:Entity) }) AS denied
  UNION ALL
  MATCH (x:Entity)-[r:POSSESSES]->(w)
  WHERE r.projected
  RETURN 'possesses' AS role, w.id AS via, x AS node, r.status AS status, r.claims AS claims,
         r.denied AS denied
  UNION ALL
  MATCH (x:Entity)-[r:RESTRICTS]->(w)
  WHERE r.projected
  RETURN 'restricts' AS role, w.id AS via, x AS node, r.status AS status, r.claims AS claims,
         r.denied AS denied
  UNION ALL
  UNWIND parts AS part
  MATCH (part)-[r:COMPONENT_OF]->(parent:Entity)
  WHERE r.projected AND (parent = w OR parent IN parts)
  RETURN 'component' AS role, parent.id AS via, part AS node, r.status AS status,
         r.claims AS claims, r.denied AS denied
  UNION ALL
  UNWIND parts AS part
  MATCH (x:Entity)-[r:PRODUCES]->(part)
  WHERE r.projected
  RETURN 'produces component' AS role, part.id AS via, x AS node, r.status AS status,
         r.claims AS claims, r.denied AS denied
  UNION ALL
  UNWIND parts AS part
  MATCH (maker:Entity)-[made:PRODUCES]->(part)
  WHERE made.projected
  WITH DISTINCT maker
  MATCH (maker)-[r:LOCATED_IN]->(place:Entity)
  WHERE r.projected
  RETURN 'component maker located in' AS role, maker.id AS via, place AS node,
         r.status AS status, r.claims AS claims, r.denied AS denied
  UNION ALL
  UNWIND parts AS part
  MATCH (maker:Entity)-[made:PRODUCES]->(part)
  WHERE made.projected
  WITH DISTINCT maker
  MATCH (country:Entity {id: maker.country})
  RETURN 'component maker country' AS role, maker.id AS via, country AS node,
         null AS status, [] AS claims, false AS denied
}
RETURN role,
       via,
       node.id AS node_id,
       node.name AS name,
       [l IN labels(node) WHERE NOT l IN ['Entity', 'Actor']][0] AS kind,
       status,
       claims,
       denied
ORDER BY CASE role
           WHEN 'produces' THEN 1
           WHEN 'supplies' THEN 2
           WHEN 'receives' THEN 3
           WHEN 'possesses' THEN 4
           WHEN 'restricts' THEN 5
           WHEN 'component' THEN 6
           WHEN 'produces component' THEN 7
           WHEN 'component maker located in' THEN 8
           ELSE 9
         END,
         via,
         node_id
