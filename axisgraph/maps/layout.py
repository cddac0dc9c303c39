"""Precomputed node positions for maps too large for in-browser physics.

Each connected component is laid out on its own, then the components are
packed in rows, largest first. Components under 500 nodes use networkx's
``spring_layout``; its path for larger graphs needs scipy, which we do not
depend on, so larger components use a numpy Fruchterman-Reingold whose
repulsion is exact up to a few thousand nodes and sampled above that.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import networkx as nx
import numpy as np

_SPRING_LIMIT = 500  # networkx needs scipy at and above this size
_EXACT_LIMIT = 1000  # above this, repulsion is estimated from a sample
_SMALL = 4  # components this small are placed on a circle
_SAMPLE = 400  # nodes sampled for repulsion per iteration, at most...
_SAMPLE_WORK = 3_000_000  # ...and fewer on big graphs, bounding pairs per iteration
_SPACING = 90.0  # pixels between neighbouring nodes, roughly


def _repulsion(pos: np.ndarray, others: np.ndarray) -> np.ndarray:
    """Sum of ``delta / distance**2`` from every row of ``others``, per node."""
    out = np.empty_like(pos)
    rows = max(1, 2_000_000 // len(others))  # bounds the temporary arrays
    for start in range(0, len(pos), rows):
        chunk = pos[start : start + rows]
        dx = chunk[:, 0, None] - others[None, :, 0]
        dy = chunk[:, 1, None] - others[None, :, 1]
        inv = 1.0 / np.maximum(dx * dx + dy * dy, 1e-4)
        out[start : start + rows, 0] = (dx * inv).sum(axis=1)
        out[start : start + rows, 1] = (dy * inv).sum(axis=1)
    return out


def _force_layout(n: int, pairs: np.ndarray, iterations: int, seed: int) -> np.ndarray:
    """Fruchterman-Reingold on ``n`` nodes with ideal distance 1."""
    rng = np.random.default_rng(seed)
    side = math.sqrt(n)
    pos = rng.random((n, 2)) * side
    temperature = side / 10
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        if n <= _EXACT_LIMIT:
            disp = _repulsion(pos, pos)
        else:
            size = min(_SAMPLE, max(100, _SAMPLE_WORK // n))
            sample = pos[rng.choice(n, size, replace=False)]
            disp = _repulsion(pos, sample) * (n / size)
        if len(pairs):
            delta = pos[pairs[:, 0]] - pos[pairs[:, 1]]
            pull = delta * np.linalg.norm(delta, axis=1)[:, None]
            for axis in (0, 1):
                disp[:, axis] -= np.bincount(pairs[:, 0], weights=pull[:, axis], minlength=n)
                disp[:, axis] += np.bincount(pairs[:, 1], weights=pull[:, axis], minlength=n)
        length = np.maximum(np.linalg.norm(disp, axis=1), 1e-9)
        pos += disp / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature -= cooling
    return pos


def _component_layout(graph: nx.Graph, iterations: int, seed: int) -> np.ndarray:
    """Positions of one connected component, centred, ideal edge length 1."""
    n = len(graph)
    if n <= _SMALL:
        # Tiny components (often most of an imported sanctions list) sit on
        # a circle: a force layout would cost more and look the same.
        angles = np.linspace(0, 2 * math.pi, n, endpoint=False)
        radius = 0.0 if n == 1 else 0.5 / math.sin(math.pi / n)
        return np.column_stack([np.cos(angles), np.sin(angles)]) * radius
    if n < _SPRING_LIMIT:
        k = 1.0 / math.sqrt(n)
        raw = nx.spring_layout(graph, k=k, iterations=iterations, seed=seed)
        pos = np.array([raw[node] for node in graph]) / k
    else:
        index = {node: i for i, node in enumerate(graph)}
        pairs = np.array([(index[u], index[v]) for u, v in graph.edges()], dtype=np.int64)
        pos = _force_layout(n, pairs, iterations, seed)
    centred: np.ndarray = pos - pos.mean(axis=0)
    return centred


def compute_positions(
    node_ids: Sequence[str],
    pairs: Iterable[tuple[str, str]],
    *,
    iterations: int = 50,
    seed: int = 7,
) -> dict[str, tuple[float, float]]:
    """Lay out a graph and return whole-pixel positions keyed by node id.

    Args:
        node_ids: every node to place, including isolated ones.
        pairs: edges as (from, to) node ids; direction and multiplicity
            are ignored.
        iterations: force iterations per component (bounds the run time).
        seed: random seed, so the same graph gets the same picture.
    """
    graph = nx.Graph()
    graph.add_nodes_from(node_ids)
    graph.add_edges_from((u, v) for u, v in pairs if u != v)
    components = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c)))
    placed: list[tuple[list[str], np.ndarray]] = []
    for component in components:
        sub = graph.subgraph(sorted(component))
        placed.append((list(sub), _component_layout(sub, iterations, seed) * _SPACING))
    total_area = sum((np.ptp(p, axis=0).max() + _SPACING) ** 2 for _, p in placed)
    row_width = math.sqrt(total_area) * 1.2
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for nodes, pos in placed:
        span = np.ptp(pos, axis=0) + _SPACING
        if x > 0 and x + span[0] > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        offset = np.array([x, y]) - pos.min(axis=0) + _SPACING / 2
        for node, (px, py) in zip(nodes, pos + offset, strict=True):
            positions[node] = (float(round(px)), float(round(py)))
        x += span[0]
        row_height = max(row_height, span[1])
    return positions
