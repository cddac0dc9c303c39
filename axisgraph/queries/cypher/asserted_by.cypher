// name: asserted_by
// purpose: What has this person or body asserted?
// param actor (actor, required): The person or body (an id; the CLI also takes a name or alias). Example: john-kirby
// columns: claim, subject_id, predicate, object_id, status, stated_on, summary, sources, denied
// Neo4j Browser: :params {actor: "john-kirby"}
MATCH (:Entity {id: $actor})-[:ASSERTS]->(c:Claim)
WITH DISTINCT c
MATCH (c)-[:HAS_SUBJECT]->(s:Entity), (c)-[:HAS_OBJECT]->(o:Entity)
RETURN c.id AS claim,
       s.id AS subject_id,
       c.predicate AS predicate,
       o.id AS object_id,
       c.status AS status,
       c.stated_on AS stated_on,
       c.summary AS summary,
       COLLECT {
         MATCH (c)-[:REPORTED_IN]->(src:Entity) RETURN DISTINCT src.id AS src ORDER BY src
       } AS sources,
       EXISTS { MATCH (c)<-[:DENIES]-(:Entity) } AS denied
ORDER BY stated_on, claim
