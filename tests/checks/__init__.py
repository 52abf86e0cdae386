"""Tests of the pre-publication checks (govportal.checks)."""
