"""Reproducible claim graphs of realistic shape, from 10^2 to 10^6 records, for scale work.

``records`` counts what FtM would count as entities: parties, things, documents and claims (a
``Sanction`` or an ``Ownership`` is an FtM entity and a claim here). About 55 % are claims,
5 % sources and 40 % entities. The shape follows sanctions and arms-supply data:

- degrees are heavy-tailed: who is picked follows a Zipf law over each kind, so a few states,
  agencies, companies and people carry most links;
- designations come in clusters: an authority lists several related parties under one
  programme on one day, and those parties also own, direct and are family of each other;
- supply chains run over several hops (producer -> state -> broker -> armed group), carrying
  the same weapon, some violating an instrument, some denied by the supplier;
- statuses, sources (1-3 per claim, some citing others) and dates vary by predicate.

Everything is a pure function of ``(records, seed)``: the same call gives the same records,
in the same order, whatever the batch size. ``iter_generate`` streams batches whose references
point only at earlier records, so 10^6 records never need to be held at once.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from bisect import bisect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import accumulate, pairwise
from pathlib import Path
from typing import Any, TextIO

import yaml

from axisgraph.files import atomic_text
from axisgraph.graph.model import Claim, Dataset, Denial, Entity, Quantity, Record, Source
from axisgraph.graph.schema import get_schema

MIN_RECORDS = 100
CLAIM_SHARE, SOURCE_SHARE = 0.55, 0.05
# Entity kinds in the order they are written (places first: other records point at them),
# with their id prefix, share of all records and minimum count. Persons take the rest.
KINDS: tuple[tuple[str, str, float, int], ...] = (
    ("Place", "place", 0.004, 4),
    ("State", "state", 0.002, 3),
    ("InternationalBody", "intl", 0.0005, 1),
    ("GovernmentBody", "gov", 0.025, 3),
    ("ArmedGroup", "group", 0.015, 2),
    ("Company", "company", 0.12, 4),
    ("Organization", "org", 0.03, 2),
    ("Person", "person", 0.0, 4),
    ("Weapon", "weapon", 0.01, 2),
    ("Instrument", "instrument", 0.005, 2),
)
PREFIX = {kind: prefix for kind, prefix, _, _ in KINDS}
KIND_OF_PREFIX = {prefix: kind for kind, prefix, _, _ in KINDS}
ZIPF = 0.8  # exponent of the degree law: the busiest of n parties gets ~n^-0.2 of the picks
NEAR = 25  # how far (in index) a party's circle of owners, directors and family reaches
EPOCH = dt.date(2014, 1, 1).toordinal()
SPAN_DAYS = 4018  # 2014-01-01 .. 2024-12-31


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST = _words(
    "Aleksandr Anna Boris Dmitry Elena Farid Galina Hassan Igor Irina Jamal Kim Leila Maksim "
    "Marina Mohammad Natalia Nikolai Oleg Olga Pavel Reza Ri Roman Said Sergei Svetlana "
    "Tatiana Viktor Yulia Yevgeny Zainab Ali Choe Hyon Jong Fatemeh Mehdi Karim Nadia"
)
LAST = _words(
    "Ivanov Petrov Sidorov Smirnov Kuznetsov Popov Volkov Sokolov Lebedev Kozlov Novikov "
    "Morozov Karimi Hosseini Rahimi Mousavi Tehrani Rezaei Nasser Haddad Khalil Saleh Mansour "
    "Park Pak Ri Kang Choe Han Yun Zakharov Orlov Belov Gusev Titov Frolov Baranov Zaitsev "
    "Gromov Abbasi"
)
ADJECTIVE = _words(
    "Northern Eastern Global United Baltic Caspian Arctic Golden Red Silver Central Pacific "
    "Atlas Delta Orion Vector Falcon Granite Phoenix Meridian"
)
NOUN = _words(
    "Aero Machine Trade Logistics Shipping Energy Precision Optics Electronics Defence Metals "
    "Systems Dynamics Holdings Capital Marine Avionics Components Technologies Industries"
)
SUFFIX = ("LLC", "JSC", "Ltd", "FZE", "Co", "GmbH", "SA", "Trading", "Group")
SOURCE_TYPES = ("sanctions notice", "press release", "article", "report", "briefing")
UNITS = ("units", "drones", "missiles", "rounds", "USD", "tonnes")


# The countries that dominate arms-supply and sanctions data come first: they become hubs.
FIRST_COUNTRIES = _words("ru ir kp sy us gb ua by cn ae tr lb ve mm iq af ye ly sd ml cf de fr il")


def _countries() -> list[tuple[str, str]]:
    from followthemoney.types import registry

    names: dict[str, str] = registry.country.names
    rest = sorted(c for c in names if len(c) == 2 and c not in FIRST_COUNTRIES)
    return [(code, names[code]) for code in [*FIRST_COUNTRIES, *rest]]


def _mix(value: int) -> int:
    """A cheap 32-bit hash: names and countries are pure functions of (kind, index)."""
    value = (value * 2654435761 + 0x9E3779B9) & 0xFFFFFFFF
    value ^= value >> 16
    return (value * 0x45D9F3B) & 0xFFFFFFFF


@dataclass(frozen=True)
class Shape:
    """How many records of each kind ``records`` makes."""

    records: int
    counts: dict[str, int]
    sources: int
    claims: int

    @classmethod
    def of(cls, records: int) -> Shape:
        if records < MIN_RECORDS:
            raise ValueError(f"generate at least {MIN_RECORDS} records, not {records}")
        claims = round(records * CLAIM_SHARE)
        sources = max(3, round(records * SOURCE_SHARE))
        counts = {kind: max(low, round(records * share)) for kind, _, share, low in KINDS}
        counts["State"] = min(counts["State"], 195)
        entities = records - claims - sources
        counts["Person"] = max(4, entities - (sum(counts.values()) - counts["Person"]))
        claims = records - sources - sum(counts.values())
        return cls(records, counts, sources, claims)


class _Zipf:
    """Picks an index in ``range(n)``; index ``i`` has weight ``(i + 1) ** -ZIPF``."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.cum = list(accumulate((i + 1) ** -ZIPF for i in range(n)))
        self.total = self.cum[-1]

    def pick(self, rng: random.Random) -> int:
        return min(bisect(self.cum, rng.random() * self.total), self.n - 1)

    def at(self, fraction: float) -> int:
        return min(bisect(self.cum, fraction * self.total), self.n - 1)


class Network:
    """The plan of one generated graph: counts, degree laws, and the pure naming functions."""

    def __init__(self, records: int, seed: int) -> None:
        self.shape = Shape.of(records)
        self.seed = seed
        self.counts = self.shape.counts
        self.countries = _countries()
        self.n_countries = min(self.counts["Place"], len(self.countries))
        self.zipf = {kind: _Zipf(n) for kind, n in self.counts.items()}
        self.zipf["Source"] = _Zipf(self.shape.sources)
        self.zipf["Country"] = _Zipf(self.n_countries)

    def rng(self, phase: str) -> random.Random:
        return random.Random(f"axisgraph:{self.seed}:{phase}")

    # -- pure functions of (kind, index) ------------------------------------------------------

    @staticmethod
    def id(kind: str, i: int) -> str:
        return f"{PREFIX[kind]}-{i:07d}"

    def country(self, kind: str, i: int) -> int:
        """The country (a place index) of a party."""
        if kind == "State":
            return i % self.n_countries
        return self.zipf["Country"].at(_mix(i * 31 + len(kind)) / 2**32)

    def name(self, kind: str, i: int) -> str:
        h = _mix(i * 7 + len(kind))
        if kind == "Person":
            return f"{FIRST[h % len(FIRST)]} {LAST[(h >> 8) % len(LAST)]}"
        if kind in ("Company", "Organization"):
            words = f"{ADJECTIVE[h % len(ADJECTIVE)]} {NOUN[(h >> 8) % len(NOUN)]}"
            tail = SUFFIX[(h >> 16) % len(SUFFIX)] if kind == "Company" else "Foundation"
            return f"{words} {(h >> 20) % 997} {tail}"
        if kind == "Place":
            if i < self.n_countries:
                return self.countries[i][1]
            return f"{self.countries[self.country(kind, i)][1]} region {i}"
        if kind == "State":
            return f"{self.countries[i % self.n_countries][1]} (state)" + (
                f" {i}" if i >= self.n_countries else ""
            )
        country = self.countries[self.country(kind, i)][1]
        label = {
            "GovernmentBody": "Ministry",
            "InternationalBody": "Council",
            "ArmedGroup": "Brigade",
            "Weapon": "System",
            "Instrument": "Sanctions Programme",
        }[kind]
        return f"{country} {label} {i}"

    def name_of(self, record_id: str) -> str:
        """The name of a generated entity, from its id alone."""
        prefix, _, number = record_id.rpartition("-")
        return self.name(KIND_OF_PREFIX[prefix], int(number))

    def country_code(self, kind: str, i: int) -> str:
        return self.countries[self.country(kind, i)][0]


# -- entities and sources -----------------------------------------------------------------


def _entity(net: Network, kind: str, i: int, rng: random.Random) -> Entity:
    name = net.name(kind, i)
    aliases: list[str] = []
    if rng.random() < 0.3:
        aliases.append(name.upper())
    if kind == "Person" and rng.random() < 0.3:
        first, _, last = name.partition(" ")
        aliases.append(f"{last.upper()}, {first}")
    actor = get_schema().kinds[kind].actor
    country = None
    if actor or (kind == "Place" and i >= net.n_countries):
        country = net.id("Place", net.country(kind, i))
    return Entity(
        id=net.id(kind, i),
        kind=kind,
        name=name,
        aliases=aliases,
        description=f"Generated {kind.lower()} {i}" if rng.random() < 0.2 else None,
        country=country,
    )


def _date(rng: random.Random, after: str | None = None, within: int = SPAN_DAYS) -> str:
    start = dt.date.fromisoformat(after).toordinal() if after else EPOCH
    return dt.date.fromordinal(start + rng.randrange(within)).isoformat()


def _source(net: Network, i: int, rng: random.Random) -> Source:
    kind = SOURCE_TYPES[_mix(i) % len(SOURCE_TYPES)]
    official = kind != "article"
    publisher_kind = "GovernmentBody" if official else "Company"
    cites: list[str] = []
    if i and rng.random() < 0.25:
        for _ in range(1 + (rng.random() < 0.3)):
            cited = f"src-{rng.randrange(max(0, i - 200), i):07d}"
            if cited not in cites:
                cites.append(cited)
    speaker = None
    if rng.random() < 0.2:
        speaker = net.id("Person", net.zipf["Person"].pick(rng))
    return Source(
        id=f"src-{i:07d}",
        name=f"{kind.capitalize()} {i}",
        type=kind,
        publisher=net.id(publisher_kind, net.zipf[publisher_kind].pick(rng)),
        speaker=speaker,
        published_on=_date(rng) if rng.random() < 0.9 else None,
        url=f"https://example.org/doc/{i}" if rng.random() < 0.7 else None,
        cites=cites,
    )


# -- claims -------------------------------------------------------------------------------

Mix = tuple[tuple[str, int], ...]


def _odds(text: str) -> Mix:
    """``"Person:40 Company:60"`` -> ``(("Person", 40), ("Company", 60))``."""
    return tuple((k, int(w)) for k, _, w in (part.partition(":") for part in text.split()))


SANCTIONABLE = _odds("Person:45 Company:40 Organization:5 ArmedGroup:7 GovernmentBody:3")
AUTHORITIES = _odds("GovernmentBody:60 InternationalBody:25 State:15")
STATUS_MIX: dict[str, Mix] = {
    "designates": _odds("announced_action:90 media_report:5 plan:5"),
    "supplies": _odds("official_statement:25 assessment:25 media_report:35 plan:15"),
    "registry": _odds("official_statement:60 media_report:25 assessment:15"),
    "other": _odds(
        "announced_action:10 official_statement:35 assessment:25 media_report:25 plan:5"
    ),
}
REGISTRY = {"owns", "directorship", "family", "member_of", "associate", "leads", "located_in"}


@dataclass(frozen=True)
class Rule:
    """A kind of single link: its predicate, how common it is, and who stands at each end.

    ``close``: the object is near the subject, in the same circle of parties.
    """

    predicate: str
    weight: int
    subjects: Mix
    objects: Mix
    close: bool = False

    @classmethod
    def of(
        cls, predicate: str, weight: int, subjects: str, objects: str, close: bool = False
    ) -> Rule:
        return cls(predicate, weight, _odds(subjects), _odds(objects), close)


RULES: tuple[Rule, ...] = (
    Rule.of("owns", 13, "Person:40 Company:60", "Company:1", close=True),
    Rule.of("directorship", 10, "Person:1", "Company:85 Organization:15", close=True),
    Rule.of("family", 5, "Person:1", "Person:1", close=True),
    Rule.of("produces", 2, "Company:70 State:30", "Weapon:1"),
    Rule.of("operates_in", 5, "ArmedGroup:50 Company:50", "Place:1"),
    Rule.of("located_in", 5, "Company:70 Organization:30", "Place:1"),
    Rule.of("member_of", 4, "Person:50 Company:50", "Organization:60 ArmedGroup:40"),
    Rule.of("associate", 4, "Person:1", "Person:1", close=True),
    Rule.of("linked_to", 3, "Company:50 Person:50", "Company:50 Person:50"),
    Rule.of("leads", 2, "Person:1", "ArmedGroup:40 Organization:30 Company:30", close=True),
    Rule.of("backs", 2, "State:1", "ArmedGroup:1"),
    Rule.of("speaks_for", 1, "Person:1", "GovernmentBody:70 ArmedGroup:30"),
    Rule.of("condemns", 1, "State:50 InternationalBody:50", "ArmedGroup:60 State:40"),
    Rule.of("allied_with", 1, "State:50 ArmedGroup:50", "State:50 ArmedGroup:50"),
    Rule.of("restricts", 1, "Instrument:1", "Company:60 Weapon:40"),
    Rule.of("attacks", 1, "ArmedGroup:60 State:40", "Place:70 ArmedGroup:30"),
    Rule.of("party_to", 1, "State:1", "Instrument:1"),
    Rule.of("investigates", 1, "GovernmentBody:1", "Company:60 Person:40"),
)
RULE_CUM = list(accumulate(r.weight for r in RULES))
ORIGINS, BROKERS = _odds("State:60 Company:40"), _odds("State:40 Company:60")
END_USERS = _odds("ArmedGroup:60 State:40")

# Share of claims per family; designations and supplies come in clusters and chains.
# Weighted per event: a designation lists ~3.3 parties and a chain has ~1.7 links, so claims
# split about 25 % designations, 12 % supplies, 63 % single links.
FAMILIES = _odds("designation:76 supply:71 rule:630")


def _choose(rng: random.Random, options: Mix) -> str:
    total = sum(w for _, w in options)
    point = rng.random() * total
    for value, weight in options:
        point -= weight
        if point < 0:
            return value
    return options[-1][0]


class _Claims:
    """Writes claims one family at a time: a designation event, a supply chain, a single link."""

    def __init__(self, net: Network) -> None:
        self.net = net
        self.rng = net.rng("claims")
        self.count = 0
        self.schema = get_schema()

    def pick(self, kind: str) -> int:
        return self.net.zipf[kind].pick(self.rng)

    def near(self, kind: str, i: int, from_kind: str) -> int:
        n_to, n_from = self.net.counts[kind], self.net.counts[from_kind]
        centre = i * n_to // max(n_from, 1)
        return min(max(centre + self.rng.randint(-NEAR, NEAR), 0), n_to - 1)

    def sources(self, first: int | None = None) -> list[str]:
        rng, zipf = self.rng, self.net.zipf["Source"]
        picked = [first if first is not None else zipf.pick(rng)]
        for chance in (0.35, 0.1):
            if rng.random() < chance:
                picked.append(zipf.pick(rng))
        return [f"src-{i:07d}" for i in dict.fromkeys(picked)]

    def make(self, subject: str, predicate: str, obj: str, family: str, **extra: Any) -> Claim:
        rng = self.rng
        self.count += 1
        status = extra.pop("status", None) or _choose(rng, STATUS_MIX[family])
        stated = extra.pop("stated_on", None) or (_date(rng) if rng.random() < 0.9 else None)
        valid_from = valid_to = None
        if rng.random() < 0.25:
            valid_from = _date(rng, within=SPAN_DAYS // 2)
            if rng.random() < 0.3:
                valid_to = _date(rng, after=valid_from, within=900)
        asserted = []
        if rng.random() < 0.3:
            asserted.append(self.net.id("Person", self.pick("Person")))
        label = self.schema.predicates[predicate].label
        return Claim(
            id=f"claim-{self.count:07d}",
            subject=subject,
            predicate=predicate,
            object=obj,
            status=status,
            summary=f"{self.net.name_of(subject)} {label} {self.net.name_of(obj)}",
            stated_on=stated,
            valid_from=valid_from,
            valid_to=valid_to,
            asserted_by=[a for a in asserted if a not in (subject, obj)],
            reported_in=extra.pop("reported_in", None) or self.sources(),
            **extra,
        )

    def designation(self) -> Iterator[Claim]:
        """One authority lists a cluster of related parties under one programme, one day."""
        rng, net = self.rng, self.net
        authority_kind = _choose(rng, AUTHORITIES)
        authority = net.id(authority_kind, self.pick(authority_kind))
        instrument = net.id("Instrument", self.pick("Instrument"))
        day, notice = _date(rng), self.net.zipf["Source"].pick(rng)
        seed_kind = _choose(rng, SANCTIONABLE)
        seed = self.pick(seed_kind)
        size = min(1 + int(rng.paretovariate(1.6)), 60)
        for k in range(size):
            kind = seed_kind if k % 3 != 2 else ("Person" if seed_kind != "Person" else "Company")
            target = net.id(kind, seed if k == 0 else self.near(kind, seed, seed_kind))
            if target == authority:
                continue
            yield self.make(
                authority,
                "designates",
                target,
                "designates",
                stated_on=day,
                under=[instrument],
                reported_in=self.sources(notice),
            )

    def supply_chain(self) -> Iterator[Claim]:
        """A weapon passes from its producer through intermediaries to an end user."""
        rng, net = self.rng, self.net
        weapon = net.id("Weapon", self.pick("Weapon"))
        hops = 1 + min(int(rng.expovariate(0.9)), 3)
        kinds = [_choose(rng, ORIGINS)]
        kinds += [_choose(rng, BROKERS) for _ in range(hops - 1)]
        kinds.append(_choose(rng, END_USERS))
        chain = list(dict.fromkeys(net.id(kind, self.pick(kind)) for kind in kinds))
        for supplier, recipient in pairwise(chain):
            extra: dict[str, Any] = {"items": [weapon]}
            if rng.random() < 0.3:
                amount = float(rng.choice((12, 50, 100, 300, 1700, 7000)))
                extra["quantities"] = [Quantity(amount, rng.choice(UNITS), rng.random() < 0.5)]
            if rng.random() < 0.15:
                extra["violates"] = [net.id("Instrument", self.pick("Instrument"))]
            claim = self.make(supplier, "supplies", recipient, "supplies", **extra)
            if rng.random() < 0.1:
                by = supplier if rng.random() < 0.7 else recipient
                on = _date(rng, after=claim.stated_on, within=60) if claim.stated_on else None
                source = f"src-{self.net.zipf['Source'].pick(rng):07d}"
                claim.denials.append(Denial(by=by, on=on, source=source))
            yield claim

    def single(self) -> Iterator[Claim]:
        rng, net = self.rng, self.net
        rule = RULES[min(bisect(RULE_CUM, rng.random() * RULE_CUM[-1]), len(RULES) - 1)]
        predicate = rule.predicate
        subject_kind = _choose(rng, rule.subjects)
        object_kind = _choose(rng, rule.objects)
        s = self.pick(subject_kind)
        o = self.near(object_kind, s, subject_kind) if rule.close else self.pick(object_kind)
        subject, obj = net.id(subject_kind, s), net.id(object_kind, o)
        if subject == obj:
            return
        family = "registry" if predicate in REGISTRY else "other"
        claim = self.make(subject, predicate, obj, family)
        if rng.random() < 0.01 and self.schema.kinds[object_kind].actor:
            claim.denials.append(Denial(by=obj, on=claim.stated_on))
        yield claim

    def __iter__(self) -> Iterator[Claim]:
        makers: dict[str, Callable[[], Iterator[Claim]]] = {
            "designation": self.designation,
            "supply": self.supply_chain,
            "rule": self.single,
        }
        target = self.net.shape.claims
        while self.count < target:
            for claim in makers[_choose(self.rng, FAMILIES)]():
                yield claim
                if self.count >= target:
                    return


def iter_records(records: int, seed: int) -> Iterator[Record]:
    """Every record, entities first, then sources, then claims (references point backwards)."""
    net = Network(records, seed)
    rng = net.rng("entities")
    for kind, _prefix, _share, _low in KINDS:
        for i in range(net.counts[kind]):
            yield _entity(net, kind, i, rng)
    rng = net.rng("sources")
    for i in range(net.shape.sources):
        yield _source(net, i, rng)
    yield from _Claims(net)


def iter_generate(records: int, seed: int, batch: int = 10_000) -> Iterator[Dataset]:
    """The records of ``generate(records, seed)`` in datasets of at most ``batch`` records."""
    current = Dataset()
    for record in iter_records(records, seed):
        current.add(record)
        if len(current) >= batch:
            yield current
            current = Dataset()
    if len(current):
        yield current


def generate(records: int, seed: int = 0) -> Dataset:
    """A valid dataset of ``records`` records (see the module docstring for its shape)."""
    dataset = Dataset()
    for record in iter_records(records, seed):
        dataset.add(record)
    return dataset


# -- writers ------------------------------------------------------------------------------

FORMATS = ("yaml", "ftm", "json")


def _yaml_record(record: Record) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in vars(record).items():
        if key == "loc" or value in (None, [], {}):
            continue
        if key == "quantities":
            value = [
                {"amount": q.amount, "unit": q.unit, "approximate": q.approximate} for q in value
            ]
        elif key == "denials":
            value = [{k: v for k, v in vars(d).items() if v is not None} for d in value]
        data[key] = value
    return data


def write_yaml(path: Path, records: int, seed: int = 0) -> int:
    """Write ``generate(records, seed)`` as one curated-claims YAML file; returns the count."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    written, section = 0, ""
    with atomic_text(path) as out:
        out.write(f"# axisgraph generate --entities {records} --seed {seed}\n")
        for record in iter_records(records, seed):
            key = {"Claim": "claims", "Source": "sources"}.get(record.kind, "entities")
            if key != section:
                out.write(f"{key}:\n")
                section = key
            out.write(
                yaml.dump(
                    [_yaml_record(record)],
                    Dumper=dumper,
                    sort_keys=False,
                    allow_unicode=True,
                    width=10_000,
                )
            )
            written += 1
    return written


class _FtmWriter:
    """Turns generated records into FtM entities of the same shape (see ``write_ftm``)."""

    def __init__(self, net: Network, out: TextIO) -> None:
        from followthemoney import model

        from axisgraph.ftm.mapping import get_mapping

        self.model = model
        self.mapping = get_mapping()  # the table the FtM import and export read
        self.net = net
        self.out = out
        self.written = 0
        self.schema = get_schema()

    def party(self, record_id: str) -> tuple[str, int] | None:
        prefix, _, number = record_id.rpartition("-")
        kind = KIND_OF_PREFIX.get(prefix)
        actor = kind is not None and self.schema.kinds[kind].actor
        return (kind, int(number)) if kind is not None and actor else None

    def ftm_schema(self, record_id: str) -> str:
        kind = KIND_OF_PREFIX[record_id.rpartition("-")[0]]
        schema: str = self.mapping.export_kinds[kind]["schema"]
        return schema

    def emit(self, proxy: Any, datasets: list[str], caption: str | None = None) -> None:
        data = proxy.to_dict()
        data["datasets"] = datasets
        if caption:
            data["caption"] = caption
        self.out.write(json.dumps(data, ensure_ascii=False) + "\n")
        self.written += 1

    def entity(self, entity: Entity) -> None:
        found = self.party(entity.id)
        if found is None:
            return  # places, weapons and instruments have no FtM entity of their own
        spec = self.mapping.export_kinds[entity.kind]
        proxy = self.model.make_entity(spec["schema"])
        proxy.id = entity.id
        proxy.add("name", entity.name, cleaned=True)
        proxy.add("alias", entity.aliases, cleaned=True)
        proxy.add("country", self.net.country_code(*found), cleaned=True)
        proxy.add("topics", spec.get("topics", []), cleaned=True)
        if entity.description:
            proxy.add("description", entity.description, cleaned=True)
        proxy.add("keywords", f"{self.mapping.kind_marker}{entity.kind}", cleaned=True)
        self.emit(proxy, ["gen_registry"], entity.name)

    def claim(self, claim: Claim) -> None:
        subject, obj = self.party(claim.subject), self.party(claim.object)
        if subject is None or obj is None:
            return
        datasets = [f"gen_{s.replace('-', '_')}" for s in claim.reported_in]
        if claim.predicate == "designates":
            proxy = self.model.make_entity("Sanction")
            proxy.add("entity", claim.object, cleaned=True)
            proxy.add("authority", self.net.name(*subject), cleaned=True)
            proxy.add("country", self.net.country_code(*subject), cleaned=True)
            for instrument in claim.under:
                proxy.add("program", self.net.name_of(instrument), cleaned=True)
                proxy.add("programId", instrument, cleaned=True)
            proxy.add("listingDate", claim.stated_on, cleaned=True)
            proxy.add("startDate", claim.valid_from, cleaned=True)
            proxy.add("endDate", claim.valid_to, cleaned=True)
            proxy.add("reason", claim.summary, cleaned=True)
        else:
            # As the FtM export does: the relation schema whose ends fit, else UnknownLink.
            rel = self.mapping.relation_for(
                claim.predicate,
                claim.status,
                self.ftm_schema(claim.subject),
                self.ftm_schema(claim.object),
            )
            if rel is not None:
                proxy = self.model.make_entity(rel.schema)
                proxy.add(rel.subject, claim.subject, cleaned=True)
                proxy.add(rel.object, claim.object, cleaned=True)
            else:
                proxy = self.model.make_entity("UnknownLink")
                proxy.add("subject", claim.subject, cleaned=True)
                proxy.add("object", claim.object, cleaned=True)
                role = self.mapping.link_role(claim.predicate, claim.status)
                proxy.add("role", role, cleaned=True)
            proxy.add("startDate", claim.valid_from, cleaned=True)
            proxy.add("endDate", claim.valid_to, cleaned=True)
            proxy.add("date", claim.stated_on, cleaned=True)
            proxy.add("summary", claim.summary, cleaned=True)
        proxy.id = claim.id
        self.emit(proxy, datasets)


def write_ftm(path: Path, records: int, seed: int = 0) -> int:
    """Write FtM entities of the same shape as ``generate(records, seed)``, one JSON per line.

    Parties become the FtM schemata ``ftm/mapping.yaml`` exports their kinds as (with the
    ``axisgraph-kind:`` keyword), designations ``Sanction``, links stated as fact the relation
    schema the export would choose, other links between parties ``UnknownLink`` with the
    predicate and status as ``role``: the same table as ``axisgraph export --format ftm``.
    Each claim's sources become its ``datasets``. Places,
    weapons and instruments have no FtM entity (countries and programmes are properties).

    Returns:
        The number of lines written.
    """
    net = Network(records, seed)
    with atomic_text(path) as out:
        writer = _FtmWriter(net, out)
        for record in iter_records(records, seed):
            if isinstance(record, Entity):
                writer.entity(record)
            elif isinstance(record, Claim):
                writer.claim(record)
    return writer.written


def write_json(path: Path, records: int, seed: int = 0) -> int:
    """Write ``generate(records, seed)`` as node-link JSON (projections included)."""
    from axisgraph.graph.build import build_graph
    from axisgraph.graph.export import write_json as write_node_link

    dataset = generate(records, seed)
    write_node_link(build_graph(dataset, name=f"generated-{records}-{seed}"), path)
    return len(dataset)


WRITERS: dict[str, Callable[[Path, int, int], int]] = {
    "yaml": write_yaml,
    "ftm": write_ftm,
    "json": write_json,
}
