// name: timeline
// purpose: Which claims fall in a date range, by the date they were stated or by the period they hold for?
// param since (date, optional): Start of the range (2022, 2022-12 or 2022-12-23). Example: 2022-11
// param until (date, optional): End of the range, inclusive. Example: 2023-01
// param by (one of stated|valid, default stated): stated: the date a claim was made; valid: the period it holds for. Example: valid
// param actor (actor, optional): Only claims with this actor as subject or object (an id; the CLI also takes a name or alias). Example: north-korea
// param predicate (one of supplies|designates|operates_in|leads|owns|speaks_for|represents|member_of|backs|allied_with|fights_alongside|directs|rivals|condemns|attacks|produces|possesses|component_of|party_to|restricts|part_of|located_in|investigates|directorship|family|associate|employs|holds_position|linked_to|pays, optional): Only claims with this predicate. Example: supplies
// columns: claim, stated_on, valid_from, valid_to, subject_id, predicate, object_id, status, denied, summary
// Neo4j Browser: :params {since: null, until: null, by: "stated", actor: null, predicate: null}
// A partial date covers its whole span: pad the start with -01-01 and the end with -12-99
// ("2022-12" runs from "2022-12-01" to "2022-12-99", which compares like 2022-12-31 with any
// real date). A missing end of a validity leaves it open on that side.
MATCH (c:Claim)-[:HAS_SUBJECT]->(s:Entity), (c)-[:HAS_OBJECT]->(o:Entity)
WHERE ($predicate IS NULL OR c.predicate = $predicate)
  AND ($actor IS NULL OR $actor IN [s.id, o.id])
WITH c, s, o,
     CASE $by WHEN 'stated' THEN c.stated_on ELSE c.valid_from END AS first,
     CASE $by WHEN 'stated' THEN c.stated_on ELSE c.valid_to END AS last
WHERE (first IS NOT NULL OR last IS NOT NULL)
  AND ($until IS NULL OR coalesce(first + substring('-01-01', size(first) - 4), '0000-01-01')
       <= $until + substring('-12-99', size($until) - 4))
  AND ($since IS NULL OR coalesce(last + substring('-12-99', size(last) - 4), '9999-12-31')
       >= $since + substring('-01-01', size($since) - 4))
RETURN c.id AS claim,
       c.stated_on AS stated_on,
       c.valid_from AS valid_from,
       c.valid_to AS valid_to,
       s.id AS subject_id,
       c.predicate AS predicate,
       o.id AS object_id,
       c.status AS status,
       EXISTS { MATCH (c)<-[:DENIES]-(:Entity) } AS denied,
       c.summary AS summary
ORDER BY CASE $by WHEN 'stated' THEN stated_on ELSE coalesce(valid_from, '0000') END,
         coalesce(valid_to, '9999'),
         claim
