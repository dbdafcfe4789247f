"""The law: the models of an order and its editions, the store that reads and resolves
them, requirement IDs, pins, editions in force, diffs and histories."""
