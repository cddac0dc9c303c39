// name: violations
// purpose: Which claimed acts breach an instrument such as a UN Security Council resolution?
// param instrument (instrument, optional): Only breaches of this instrument (an id; the CLI also takes a name or alias). Example: unsc-resolution-2231
// param actor (actor, optional): Only claims with this actor as subject or object (an id; the CLI also takes a name or alias). Example: north-korea
// columns: instrument_id, instrument, claim, subject_id, predicate, object_id, status, stated_on, items, denied, asserted_by
// Neo4j Browser: :params {instrument: null, actor: null}
MATCH (c:Claim)-[:VIOLATES]->(i:Entity)
WHERE $instrument IS NULL OR i.id = $instrument
WITH DISTINCT c, i
MATCH (c)-[:HAS_SUBJECT]->(s:Entity), (c)-[:HAS_OBJECT]->(o:Entity)
WHERE $actor IS NULL OR $actor IN [s.id, o.id]
RETURN i.id AS instrument_id,
       i.name AS instrument,
       c.id AS claim,
       s.id AS subject_id,
       c.predicate AS predicate,
       o.id AS object_id,
       c.status AS status,
       c.stated_on AS stated_on,
       COLLECT { MATCH (c)-[:INVOLVES]->(w:Entity) RETURN DISTINCT w.id AS w ORDER BY w } AS items,
       EXISTS { MATCH (c)<-[:DENIES]-(:Entity) } AS denied,
       COLLECT { MATCH (a:Entity)-[:ASSERTS]->(c) RETURN DISTINCT a.id AS a ORDER BY a } AS asserted_by
ORDER BY instrument_id, claim
