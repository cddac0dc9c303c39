// name: designations_of
// purpose: Which sanctions, designations, listings or restrictions target this actor: by whom, under which instrument, when, with what status?
// param actor (actor, required): The targeted actor (an id; the CLI also takes a name or alias). Example: wagner-group
// param min_status (one of announced_action|official_statement|assessment|media_report|plan, optional): Keep only what is at least this strong (statuses run from announced_action down to plan). Example: plan
// columns: claim, by_id, by, predicate, instruments, status, stated_on, valid_from, valid_to, source_count, denied_by
// Neo4j Browser: :params {actor: "wagner-group", min_status: null}
// source_count: independent sources, counted as in single_source_claims.
WITH {announced_action: 5, official_statement: 4, assessment: 3, media_report: 2, plan: 1} AS rank
MATCH (c:Claim)-[:HAS_OBJECT]->(:Entity {id: $actor})
WHERE c.predicate IN ['designates', 'restricts']
  AND ($min_status IS NULL OR rank[c.status] >= rank[$min_status])
MATCH (c)-[:HAS_SUBJECT]->(by:Entity)
WITH c, by, COLLECT { MATCH (c)-[:REPORTED_IN]->(s:Source) RETURN DISTINCT s } AS sources
RETURN c.id AS claim,
       by.id AS by_id,
       by.name AS by,
       c.predicate AS predicate,
       COLLECT {
         MATCH (c)-[:UNDER]->(i:Entity) RETURN DISTINCT i.id AS i ORDER BY i
       } AS instruments,
       c.status AS status,
       c.stated_on AS stated_on,
       c.valid_from AS valid_from,
       c.valid_to AS valid_to,
       size([doc IN sources WHERE
         all(other IN sources WHERE NOT EXISTS { MATCH (doc)-[:CITES*1..]->(other) }
             OR EXISTS { MATCH (other)-[:CITES*1..]->(doc) })
         AND none(other IN sources WHERE other.id < doc.id
             AND EXISTS { MATCH (doc)-[:CITES*1..]->(other) }
             AND EXISTS { MATCH (other)-[:CITES*1..]->(doc) })
       ]) AS source_count,
       COLLECT {
         MATCH (d:Entity)-[:DENIES]->(c) RETURN DISTINCT d.id AS d ORDER BY d
       } AS denied_by
ORDER BY coalesce(valid_from, stated_on), claim
