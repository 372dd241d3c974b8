# SPDX-License-Identifier: Apache-2.0
# ruff: noqa: E501  (a table of whole UI strings; wrapping them hurts review)
"""English for the strings of issue 19 (campaigns, tasks) on the device."""

EN = {
    "专项行动待查单位": "Campaign sites to visit",
    "专项行动待查单位（%1）": "Campaign sites to visit (%1)",
    "开始专项检查": "Start the campaign inspection",
    "%1：尚有 %2 家未查（%3 至 %4）": "%1: %2 sites not yet visited (%3 to %4)",
    "专项行动“%1”：已勾选行动指定的检查表，可增减。": "Campaign “%1”: its checklists are ticked; add or remove as needed.",
}
