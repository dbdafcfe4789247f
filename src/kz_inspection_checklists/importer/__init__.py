"""The importer: a source text of the order, read by the grammar of its layout, turned into
editions, translations and a drift report."""
