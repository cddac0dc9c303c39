"""The canned queries: one ``Query`` per question, in the order ``query list`` shows them.

Each has a ``cypher/<name>.cypher`` file whose header repeats these parameters (a test keeps
the two in step) and a memory implementation in the module of its family.
"""

from __future__ import annotations

from axisgraph.graph.schema import get_schema
from axisgraph.queries import claims, network, sanctions, supply, trail
from axisgraph.queries.params import distinct_ends, ordered_window
from axisgraph.queries.spec import Param, Query

STATUSES = tuple(get_schema().statuses)
PREDICATES = tuple(get_schema().predicates)

_ID_NOTE = "(an id; the CLI also takes a name or alias)"


def _actor(name: str, what: str, example: str, *, required: bool = True) -> Param:
    return Param(name, "actor", f"{what} {_ID_NOTE}.", example, required=required)


def _min_status(example: str = "official_statement", default: str | None = None) -> Param:
    return Param(
        "min_status",
        "enum",
        "Keep only what is at least this strong (statuses run from announced_action down to plan).",
        example,
        default=default,
        choices=STATUSES,
    )


def _predicate() -> Param:
    return Param(
        "predicate", "enum", "Only claims with this predicate.", "supplies", choices=PREDICATES
    )


def _hops(name: str, what: str, default: int, maximum: int, example: str) -> Param:
    return Param(name, "int", what, example, default=default, minimum=1, maximum=maximum)


def _cols(names: str) -> tuple[str, ...]:
    return tuple(names.split())


LINK_COLUMNS = _cols(
    "kind status items claims source_count denied first_reported last_reported valid_from valid_to"
)
CLAIM_COLUMNS = _cols("claim subject_id predicate object_id status stated_on")

QUERIES: tuple[Query, ...] = (
    Query(
        name="suppliers_of",
        purpose="Who supplies this actor directly, with what, how strongly attested, and is it "
        "denied?",
        params=(_actor("actor", "The receiving actor", "wagner-group"), _min_status()),
        columns=("supplier_id", "supplier", *LINK_COLUMNS),
        order="strongest status first, then most independent sources, then supplier_id",
        memory=supply.suppliers_of,
        node_columns=("supplier_id", "items", "claims"),
        table=_cols("supplier status items source_count denied first_reported"),
    ),
    Query(
        name="recipients_of",
        purpose="What does this actor supply, and to whom?",
        params=(_actor("actor", "The supplying actor", "iran"), _min_status()),
        columns=("recipient_id", "recipient", *LINK_COLUMNS),
        order="strongest status first, then most independent sources, then recipient_id",
        memory=supply.recipients_of,
        node_columns=("recipient_id", "items", "claims"),
        table=_cols("recipient status items source_count denied first_reported"),
    ),
    Query(
        name="supply_chains_into",
        purpose="Which supply chains end at this actor, up to N hops, as paths?",
        params=(
            _actor("actor", "The actor at the end of the chains", "wagner-group"),
            _hops("max_hops", "The longest chain, in supply links.", 3, 6, "2"),
        ),
        columns=("hops", "path", "names", "statuses", "source_counts", "denied", "claims"),
        order="hops, then path (ids, source first)",
        memory=supply.supply_chains_into,
        node_columns=("path", "claims"),
        table=_cols("hops names statuses denied"),
    ),
    Query(
        name="designations_of",
        purpose="Which sanctions, designations, listings or restrictions target this actor: "
        "by whom, under which instrument, when, with what status?",
        params=(_actor("actor", "The targeted actor", "wagner-group"), _min_status("plan")),
        columns=_cols(
            "claim by_id by predicate instruments status stated_on valid_from valid_to "
            "source_count denied_by"
        ),
        order="valid_from (else stated_on), undated last, then claim",
        memory=sanctions.designations_of,
        node_columns=("claim", "by_id", "instruments", "denied_by"),
        table=_cols("claim by instruments predicate status valid_from denied_by"),
    ),
    Query(
        name="sanctions_exposure",
        purpose="Which actors that are not designated themselves sit within N ties (supply, "
        "ownership, leadership, backing, membership, ...) of a designated actor?",
        params=(
            _hops("max_hops", "How many ties away from a designated actor.", 2, 4, "2"),
            _actor(
                "actor", "Only exposure to this designated actor", "wagner-group", required=False
            ),
            _min_status("media_report", default="media_report"),
        ),
        columns=("actor_id", "actor", "kind", "hops", "exposed_to"),
        order="hops, then actor_id",
        memory=sanctions.sanctions_exposure,
        node_columns=("actor_id", "exposed_to"),
        example=("max_hops", "actor"),
        table=_cols("actor kind hops exposed_to"),
    ),
    Query(
        name="shortest_paths",
        purpose="How are two actors connected: every shortest path over projected relationships "
        "between actors, either direction, with the claims along it?",
        params=(
            _actor("source", "One end", "north-korea"),
            _actor("target", "The other end", "hezbollah"),
            _hops("max_hops", "The longest path to look for.", 6, 6, "4"),
        ),
        columns=("hops", "path", "names", "links", "claims", "denied"),
        order="path (ids)",
        memory=network.shortest_paths,
        node_columns=("path", "claims"),
        check=distinct_ends,
        table=_cols("hops names links denied"),
    ),
    Query(
        name="asserted_by",
        purpose="What has this person or body asserted?",
        params=(_actor("actor", "The person or body", "john-kirby"),),
        columns=(*CLAIM_COLUMNS, "summary", "sources", "denied"),
        order="stated_on (undated last), then claim",
        memory=claims.asserted_by,
        node_columns=("claim", "subject_id", "object_id"),
        table=_cols("claim predicate object_id status stated_on denied"),
    ),
    Query(
        name="denied_claims",
        purpose="Who denied what, when, and in which source?",
        params=(
            _actor("by", "Only denials by this actor", "north-korea", required=False),
            _actor(
                "about",
                "Only claims with this actor as subject or object",
                "wagner-group",
                required=False,
            ),
        ),
        columns=(
            "denier_id",
            "denier",
            *CLAIM_COLUMNS,
            "summary",
            "denied_on",
            "denial_source",
            "note",
        ),
        order="denier_id, claim, denied_on, denial_source, note (missing values last)",
        memory=claims.denied_claims,
        example=("about",),
        node_columns=("denier_id", "claim", "subject_id", "object_id", "denial_source"),
        table=_cols("claim denier subject_id predicate object_id denied_on"),
    ),
    Query(
        name="single_source_claims",
        purpose="Which claims rest on a single independent source (sources that cite one "
        "another count once)?",
        params=(
            _predicate(),
            _actor(
                "actor",
                "Only claims with this actor as subject or object",
                "north-korea",
                required=False,
            ),
        ),
        columns=(*CLAIM_COLUMNS, "sources", "summary"),
        order="subject_id, predicate, object_id, claim",
        memory=claims.single_source_claims,
        node_columns=("claim", "subject_id", "object_id", "sources"),
        table=_cols("claim subject_id predicate object_id status"),
    ),
    Query(
        name="timeline",
        purpose="Which claims fall in a date range, by the date they were stated or by the "
        "period they hold for?",
        params=(
            Param("since", "date", "Start of the range (2022, 2022-12 or 2022-12-23).", "2022-11"),
            Param("until", "date", "End of the range, inclusive.", "2023-01"),
            Param(
                "by",
                "enum",
                "stated: the date a claim was made; valid: the period it holds for.",
                "valid",
                default="stated",
                choices=("stated", "valid"),
            ),
            _actor(
                "actor",
                "Only claims with this actor as subject or object",
                "north-korea",
                required=False,
            ),
            _predicate(),
        ),
        columns=_cols(
            "claim stated_on valid_from valid_to subject_id predicate object_id status denied "
            "summary"
        ),
        order="stated_on (by=stated) or valid_from, open start first (by=valid); then "
        "valid_to, open end last; then claim",
        memory=claims.timeline,
        node_columns=("claim", "subject_id", "object_id"),
        example=("since", "until", "by"),
        check=ordered_window,
        table=_cols("claim stated_on subject_id predicate object_id status"),
    ),
    Query(
        name="violations",
        purpose="Which claimed acts breach an instrument such as a UN Security Council resolution?",
        params=(
            Param(
                "instrument",
                "instrument",
                f"Only breaches of this instrument {_ID_NOTE}.",
                "unsc-resolution-2231",
            ),
            _actor(
                "actor",
                "Only claims with this actor as subject or object",
                "north-korea",
                required=False,
            ),
        ),
        columns=(
            "instrument_id",
            "instrument",
            *CLAIM_COLUMNS,
            "items",
            "denied",
            "asserted_by",
        ),
        order="instrument_id, then claim",
        memory=sanctions.violations,
        example=("instrument",),
        node_columns=("instrument_id", "claim", "subject_id", "object_id", "items"),
        table=_cols("claim instrument subject_id predicate object_id status denied"),
    ),
    Query(
        name="neighbourhood",
        purpose="What lies within N projected relationships of this actor, either direction?",
        params=(
            _actor("actor", "The centre", "hezbollah"),
            _hops("depth", "How many relationships away.", 1, 4, "2"),
        ),
        columns=("node_id", "name", "kind", "hops"),
        order="hops, then node_id",
        memory=network.neighbourhood,
        node_columns=_cols("node_id"),
        table=_cols("name kind hops"),
    ),
    Query(
        name="operates_in",
        purpose="Where does this actor operate, and which larger places do those lie in?",
        params=(_actor("actor", "The actor", "wagner-group"),),
        columns=_cols(
            "place_id place status claims source_count denied first_reported last_reported "
            "valid_from valid_to within"
        ),
        order="strongest status first, then place_id",
        memory=network.operates_in,
        node_columns=("place_id", "claims", "within"),
        table=_cols("place status source_count denied within"),
    ),
    Query(
        name="weapon_trail",
        purpose="Who produces, supplies, receives, holds and restricts this weapon, and where "
        "did its components come from?",
        params=(Param("weapon", "weapon", f"The weapon {_ID_NOTE}.", "shahed-136", required=True),),
        columns=("role", "via", "node_id", "name", "kind", "status", "claims", "denied"),
        order="role (" + ", ".join(trail.ROLES) + "), then via, then node_id",
        memory=trail.weapon_trail,
        node_columns=("via", "node_id", "claims"),
        table=_cols("role via name kind status denied"),
    ),
    Query(
        name="brokers",
        purpose="Which actors broker the supply network (betweenness centrality on the directed "
        "SUPPLIES projection)?",
        params=(
            Param(
                "limit", "int", "How many actors to list.", "5", default=10, minimum=1, maximum=1000
            ),
            _min_status("media_report"),
        ),
        columns=("rank", "actor_id", "actor", "kind", "betweenness", "supplies_to", "supplied_by"),
        order="betweenness (highest first), then actor_id",
        memory=supply.supply_projection,
        node_columns=_cols("actor_id"),
        finish=supply.rank_brokers,
        fetch_columns=_cols("source source_name source_kind target target_name target_kind status"),
        example=("limit",),
        table=_cols("rank actor kind betweenness supplies_to supplied_by"),
    ),
)
