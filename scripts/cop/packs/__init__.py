"""Trainer packs: handout and facilitator guide (PDF), slide decks (PPTX), the offline site, a manifest."""
