"""One module per chart kind family; each draws into a Canvas box laid out by charts.draw."""
