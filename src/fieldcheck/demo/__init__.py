# SPDX-License-Identifier: Apache-2.0
"""Demo seeding, above the services: a township's two months of inspections, its major
hazards with real keys and signatures, documents of every kind. Only the command line
(`fieldcheck demo`) and dev tooling (tests, screenshots, benchmarks) import it."""
