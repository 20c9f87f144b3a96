"""aigap-docs: one data briefing, published as a PowerPoint deck and a PDF brief."""

__version__ = "0.1.0"
