# SPDX-License-Identifier: Apache-2.0
"""The county console: web pages for the township and county (台账, 排名, 挂牌督办, 通报).

It has its own tables (accounts, sessions, audit, the code table) and a read model
(``console_hazard`` and friends) projected from the sync server's change feed, so the
sync tables stay as they are and every page query is one indexed statement.
"""
