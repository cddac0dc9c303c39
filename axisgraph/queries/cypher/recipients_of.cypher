// name: recipients_of
// purpose: What does this actor supply, and to whom?
// param actor (actor, required): The supplying actor (an id; the CLI also takes a name or alias). Example: iran
// param min_status (one of announced_action|official_statement|assessment|media_report|plan, optional): Keep only what is at least this strong (statuses run from announced_action down to plan). Example: official_statement
// columns: recipient_id, recipient, kind, status, items, claims, source_count, denied, first_reported, last_reported, valid_from, valid_to
// Neo4j Browser: :params {actor: "iran", min_status: null}
WITH {announced_action: 5, official_statement: 4, assessment: 3, media_report: 2, plan: 1} AS rank
MATCH (:Entity {id: $actor})-[r:SUPPLIES]->(other:Entity)
WHERE r.projected AND ($min_status IS NULL OR rank[r.status] >= rank[$min_status])
RETURN other.id AS recipient_id,
       other.name AS recipient,
       [l IN labels(other) WHERE NOT l IN ['Entity', 'Actor']][0] AS kind,
       r.status AS status,
       COLLECT {
         UNWIND r.claims AS claim_id
         MATCH (:Claim {id: claim_id})-[:INVOLVES]->(item:Entity)
         RETURN DISTINCT item.id AS item ORDER BY item
       } AS items,
       r.claims AS claims,
       r.source_count AS source_count,
       r.denied AS denied,
       r.first_reported AS first_reported,
       r.last_reported AS last_reported,
       r.valid_from AS valid_from,
       r.valid_to AS valid_to
ORDER BY rank[status] DESC, source_count DESC, recipient_id
