"""Explainer: a checked, sourced fact sheet rendered as a static MkDocs site."""
