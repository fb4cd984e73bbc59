"""Claim tagging in the GUI: layers, proposals, undo commands and the controller."""
