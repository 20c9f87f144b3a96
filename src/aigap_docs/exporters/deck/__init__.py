"""The deck: `plan` turns a Report into a DeckPlan (pure, no python-pptx); `writer` writes it as .pptx."""
