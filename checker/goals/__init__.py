"""Goal tracking: the goals of a plan, what the next review says of each, and their statuses."""
