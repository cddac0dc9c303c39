"""What an FtM import asks of a store before it writes anything.

Both engines implement it (``axisgraph.store.ftm``); the passes only ever see this.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # the linker pulls in followthemoney; a store that only reads needs none
    from axisgraph.ftm.link import CuratedIndex


class StoreView(Protocol):
    def kinds(self, ids: list[str]) -> dict[str, str]:
        """The kind of each of ``ids`` the store holds (ids the file uses but not defines)."""
        ...

    def curated(self, ids: list[str]) -> list[str]:
        """Those of ``ids`` that are curated records, which an FtM line must never replace."""
        ...

    def actors(
        self, *, imported: bool = False, kinds: Collection[str] | None = None
    ) -> CuratedIndex:
        """The actors (and places) an imported entity may be linked to."""
        ...
