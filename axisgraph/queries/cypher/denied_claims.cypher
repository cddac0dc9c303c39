// name: denied_claims
// purpose: Who denied what, when, and in which source?
// param by (actor, optional): Only denials by this actor (an id; the CLI also takes a name or alias). Example: north-korea
// param about (actor, optional): Only claims with this actor as subject or object (an id; the CLI also takes a name or alias). Example: wagner-group
// columns: denier_id, denier, claim, subject_id, predicate, object_id, status, stated_on, summary, denied_on, denial_source, note
// Neo4j Browser: :params {by: null, about: null}
MATCH (d:Entity)-[x:DENIES]->(c:Claim)
WHERE $by IS NULL OR d.id = $by
MATCH (c)-[:HAS_SUBJECT]->(s:Entity), (c)-[:HAS_OBJECT]->(o:Entity)
WHERE $about IS NULL OR $about IN [s.id, o.id]
RETURN d.id AS denier_id,
       d.name AS denier,
       c.id AS claim,
       s.id AS subject_id,
       c.predicate AS predicate,
       o.id AS object_id,
       c.status AS status,
       c.stated_on AS stated_on,
       c.summary AS summary,
       x.on AS denied_on,
       x.source_id AS denial_source,
       x.note AS note
ORDER BY denier_id, claim, denied_on, denial_source, note
