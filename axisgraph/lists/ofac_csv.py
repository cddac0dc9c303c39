"""Read OFAC's legacy SDN CSV (``sdn.csv`` with ``add.csv``, ``alt.csv``, ``sdn_comments.csv``).

The files have no header: ``sdn.csv`` rows are ``ent_num,SDN_Name,SDN_Type,Program,Title,
Call_Sign,Vess_type,Tonnage,GRT,Vess_flag,Vess_owner,Remarks``; ``-0-`` means empty; programmes
are joined as ``A] [B``; the text is Latin-1 and the file ends with ``\\x1a``. ``alt.csv`` rows
are ``ent_num,alt_num,alt_type,alt_name,remarks`` (aliases, a.k.a./f.k.a./n.k.a.). The
companion files are read when they lie beside ``sdn.csv`` under the matching name.

Each entry becomes an entity (``ofac-sdn-<ent_num>``, stable across versions), each programme
an ``Instrument`` (``ofac-program-<code>``), and each listing a ``designates`` claim by OFAC
with status ``announced_action``, reported in a ``Source`` for the file (its sha256).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from pathlib import Path

from axisgraph.errors import InputError
from axisgraph.ftm.read import open_binary
from axisgraph.graph.model import Claim, Dataset, Entity, Location, Source

NULL = "-0-"
AUTHORITY = "ofac"
_KINDS = {"individual": "Person", "vessel": "Weapon", "aircraft": "Weapon", "": "Organization"}
_FIRST = re.compile(rb"^\s*\d+,\"?[^,]")
_SLUG = re.compile(r"[^a-z0-9]+")


def looks_like_sdn_csv(head: bytes) -> bool:
    """Whether the first bytes of a file are a headerless SDN CSV row (``ent_num,"NAME",...``)."""
    first = head.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0]
    return bool(_FIRST.match(first)) and first.count(b",") >= 11


def _clean(value: str) -> str | None:
    value = value.strip()
    return None if value in ("", NULL) else value


def _slug(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-")


def _rows(path: Path) -> list[tuple[int, list[str]]]:
    try:
        with open_binary(path) as handle:
            data = handle.read()
    except (OSError, EOFError) as exc:
        raise InputError(f"cannot read the file ({exc})", path=path) from exc
    text = data.decode("latin-1").rstrip("\x1a\r\n ")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows = []
    try:
        for row in reader:
            if row and any(cell.strip() for cell in row):
                rows.append((reader.line_num, row))
    except csv.Error as exc:
        raise InputError(f"malformed CSV: {exc}", path=path, line=reader.line_num) from exc
    return rows


def companion(path: Path, part: str) -> Path | None:
    """The ``add``/``alt``/``sdn_comments`` file beside ``path`` (gzipped or not), if any."""
    name = path.name
    index = name.lower().rfind("sdn")
    if index < 0:
        return None
    stem = name[:index] + part + name[index + 3 :]
    for candidate in (stem, stem.removesuffix(".gz"), stem.removesuffix(".gz") + ".gz"):
        found = path.with_name(candidate)
        if found != path and found.is_file():
            return found
    return None


def _ent(path: Path, line: int, value: str) -> int:
    try:
        return int(value.strip())
    except ValueError:
        raise InputError(
            f"ent_num {value!r} is not a number", path=path, line=line, field="ent_num"
        ) from None


def parse_sdn_csv(path: Path) -> Dataset:
    """Parse an SDN CSV (and its companion files) into entities, instruments and claims.

    Raises:
        InputError: unreadable file or a malformed row (file, line, field).
    """
    digest = hashlib.sha256()
    with open_binary(path) as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    sha = digest.hexdigest()
    source = Source(
        id=f"ofac-sdn-file-{sha[:16]}",
        name=f"OFAC SDN list (CSV) {path.name}",
        type="sanctions list",
        publisher=AUTHORITY,
        url="https://www.treasury.gov/ofac/downloads/sdn.csv",
        properties={"sha256": sha, "file": path.name},
        loc=Location(str(path), 1),
    )
    dataset = Dataset()
    dataset.add(source)
    dataset.add(
        Entity(
            id=AUTHORITY,
            kind="GovernmentBody",
            name="Office of Foreign Assets Control",
            aliases=["OFAC"],
            description="The US sanctions office that publishes the SDN and consolidated lists.",
        )
    )
    aliases: dict[int, list[str]] = {}
    alt = companion(path, "alt")
    if alt is not None:
        for line, row in _rows(alt):
            if len(row) < 4:
                raise InputError("an alt.csv row needs 4 fields", path=alt, line=line)
            name = _clean(row[3])
            if name:
                aliases.setdefault(_ent(alt, line, row[0]), []).append(name)
    comments: dict[int, str] = {}
    extra = companion(path, "sdn_comments")
    if extra is not None:
        for line, row in _rows(extra):
            if len(row) >= 2 and _clean(row[1]):
                comments[_ent(extra, line, row[0])] = row[1].strip()
    programs: set[str] = set()
    seen: set[int] = set()
    for line, row in _rows(path):
        if len(row) != 12:
            raise InputError(f"an SDN row has 12 fields, this one {len(row)}", path=path, line=line)
        ent = _ent(path, line, row[0])
        if ent in seen:
            raise InputError(f"ent_num {ent} appears twice", path=path, line=line, field="ent_num")
        seen.add(ent)
        name = _clean(row[1])
        if name is None:
            raise InputError("the entry has no name", path=path, line=line, field="SDN_Name")
        sdn_type = (_clean(row[2]) or "").lower()
        codes = [c.strip(" []") for c in (_clean(row[3]) or "").split("] [") if c.strip(" []")]
        remarks = " ".join(r for r in (_clean(row[11]), comments.get(ent)) if r) or None
        props: dict[str, object] = {"ofac_ent_num": ent, "programs": codes}
        for key, index in (
            ("sdn_type", 2),
            ("title", 4),
            ("call_sign", 5),
            ("vessel_type", 6),
            ("vessel_flag", 9),
            ("vessel_owner", 10),
        ):
            value = _clean(row[index])
            if value:
                props[key] = value
        if remarks:
            props["remarks"] = remarks
        loc = Location(str(path), line, {}, f"ent_num {ent}")
        entity_id = f"ofac-sdn-{ent}"
        dataset.add(
            Entity(
                id=entity_id,
                kind=_KINDS.get(sdn_type, "Organization"),
                name=name,
                aliases=aliases.get(ent, []),
                properties=props,  # type: ignore[arg-type]
                loc=loc,
            )
        )
        for code in codes:
            if code not in programs:
                programs.add(code)
                dataset.add(
                    Entity(
                        id=f"ofac-program-{_slug(code)}",
                        kind="Instrument",
                        name=code,
                        description=f"OFAC sanctions programme {code}.",
                    )
                )
        if sdn_type in ("vessel", "aircraft"):
            continue  # the schema lets designates reach actors only: programmes stay a property
        dataset.add(
            Claim(
                id=f"ofac-sdn-{ent}-designated",
                subject=AUTHORITY,
                predicate="designates",
                object=entity_id,
                status="announced_action",
                summary=f"OFAC lists {name} on the SDN list under "
                f"{', '.join(codes) or 'no programme'}.",
                asserted_by=[AUTHORITY],
                reported_in=[source.id],
                under=[f"ofac-program-{_slug(c)}" for c in codes],
                loc=loc,
            )
        )
    return dataset
