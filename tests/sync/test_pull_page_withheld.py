# SPDX-License-Identifier: Apache-2.0
"""What a pull page says the server withheld is set aside by name, on either read path."""

from __future__ import annotations

import json

from fieldcheck.sync.pull_page import read

WITHHELD = [{"seq": 4, "entity": "site", "entity_id": "S1", "reason": "nested deeper than 64"}]


def test_a_page_that_reads_whole_names_what_was_withheld() -> None:
    page = read(
        json.dumps({"records": [], "cursor": 9, "more": False, "withheld": WITHHELD}).encode()
    )
    [aside] = page.aside
    assert (aside.entity, aside.entity_id, aside.code) == ("site", "S1", "withheld")
    assert aside.reason == "withheld by server (feed position 4): nested deeper than 64"
    assert page.cursor == 9 and page.records == []


def test_a_page_read_record_by_record_names_it_too() -> None:
    body = {"records": ["not a record"], "cursor": 9, "more": True, "withheld": WITHHELD}
    page = read(json.dumps(body).encode())
    assert sorted(a.code for a in page.aside) == ["not_object", "withheld"]
    assert page.more


def test_a_page_without_the_field_sets_nothing_aside() -> None:
    page = read(json.dumps({"records": [], "cursor": 1, "more": False}).encode())
    assert page.aside == []
