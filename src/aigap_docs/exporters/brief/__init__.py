"""The brief: `plan` decides what the brief shows (no reportlab); `writer` lays it out as a PDF."""
