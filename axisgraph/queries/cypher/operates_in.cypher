// name: operates_in
// purpose: Where does this actor operate, and which larger places do those lie in?
// param actor (actor, required): The actor (an id; the CLI also takes a name or alias). Example: wagner-group
// columns: place_id, place, status, claims, source_count, denied, first_reported, last_reported, valid_from, valid_to, within
// Neo4j Browser: :params {actor: "wagner-group"}
WITH {announced_action: 5, official_statement: 4, assessment: 3, media_report: 2, plan: 1} AS rank
MATCH (:Entity {id: $actor})-[r:OPERATES_IN]->(place:Entity)
WHERE r.projected
RETURN place.id AS place_id,
       place.name AS place,
       r.status AS status,
       r.claims AS claims,
       r.source_count AS source_count,
       r.denied AS denied,
       r.first_reported AS first_reported,
       r.last_reported AS last_reported,
       r.valid_from AS valid_from,
       r.valid_to AS valid_to,
       COLLECT {
         MATCH (place)-[up:LOCATED_IN|PART_OF*1..]->(larger:Place)
         WHERE all(x IN up WHERE x.projected)
         RETURN DISTINCT larger.id AS larger ORDER BY larger
       } AS within
ORDER BY rank[status] DESC, place_id
