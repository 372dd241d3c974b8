# SPDX-License-Identifier: Apache-2.0
"""A push hashes each record's stored outbox text as it is, without making its canonical
JSON again: that holds only if the stored text is what canonical_json makes of the
content read back from it, for every value an outbox row can hold."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from fieldcheck.core.canonical import canonical_json
from fieldcheck.services.context import open_context
from fieldcheck.storage import outbox, sync_repo

_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
    | st.datetimes(timezones=st.just(UTC))  # stored with default=str, read back as text
)
_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(payload=st.dictionaries(st.text(max_size=8), _values, max_size=6))
def test_the_stored_text_is_the_canonical_json_of_what_it_reads_back_as(
    tmp_path_factory: Any, payload: dict[str, Any]
) -> None:
    ctx = open_context(tmp_path_factory.mktemp("dev"))
    try:
        with ctx.db.transaction() as s:
            outbox.enqueue(s, entity="site", entity_id="x", payload=payload)
        with ctx.db.read() as s:
            (row,) = sync_repo.pending(s, after=0, limit=10)
        assert row.text == canonical_json(row.content)
    finally:
        ctx.close()


def test_a_demo_homes_outbox_rows_all_keep_their_canonical_text(tmp_path: Path) -> None:
    from syncfix import make_field_data

    ctx = open_context(tmp_path / "dev")
    make_field_data(ctx, "330106001", findings_n=5, photos_per_finding=1)
    with ctx.db.read() as s:
        rows = sync_repo.pending(s, after=0, limit=10_000)
    assert rows and all(r.text == canonical_json(r.content) for r in rows)
    ctx.close()
