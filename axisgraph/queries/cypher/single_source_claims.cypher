// name: single_source_claims
// purpose: Which claims rest on a single independent source (sources that cite one another count once)?
// param predicate (one of supplies|designates|operates_in|leads|owns|speaks_for|represents|member_of|backs|allied_with|fights_alongside|directs|rivals|condemns|attacks|produces|possesses|component_of|party_to|restricts|part_of|located_in|investigates|directorship|family|associate|employs|holds_position|linked_to|pays, optional): Only claims with this predicate. Example: supplies
// param actor (actor, optional): Only claims with this actor as subject or object (an id; the CLI also takes a name or alias). Example: north-korea
// columns: claim, subject_id, predicate, object_id, status, stated_on, sources, summary
// Neo4j Browser: :params {predicate: null, actor: null}
// Independent sources (as axisgraph.graph.projection.independent_sources counts them): a
// source that relies on another of the claim's sources (cites it, directly or through other
// documents) does not count; sources that cite each other in a circle count once, through
// the one with the smallest id.
MATCH (c:Claim)-[:HAS_SUBJECT]->(s:Entity), (c)-[:HAS_OBJECT]->(o:Entity)
WHERE ($predicate IS NULL OR c.predicate = $predicate)
  AND ($actor IS NULL OR $actor IN [s.id, o.id])
WITH c, s, o, COLLECT { MATCH (c)-[:REPORTED_IN]->(src:Source) RETURN DISTINCT src } AS sources
WHERE size([doc IN sources WHERE
         all(other IN sources WHERE NOT EXISTS { MATCH (doc)-[:CITES*1..]->(other) }
             OR EXISTS { MATCH (other)-[:CITES*1..]->(doc) })
         AND none(other IN sources WHERE other.id < doc.id
             AND EXISTS { MATCH (doc)-[:CITES*1..]->(other) }
             AND EXISTS { MATCH (other)-[:CITES*1..]->(doc) })
       ]) = 1
RETURN c.id AS claim,
       s.id AS subject_id,
       c.predicate AS predicate,
       o.id AS object_id,
       c.status AS status,
       c.stated_on AS stated_on,
       COLLECT { UNWIND sources AS src RETURN src.id AS src ORDER BY src } AS sources,
       c.summary AS summary
ORDER BY subject_id, predicate, object_id, claim
