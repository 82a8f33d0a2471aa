"""Change review ("suspect links"): when an item changes, the items that cite it need a person's look.

``fingerprint`` says what an item's meaningful content is, ``lock`` reads and writes
``review.lock.json`` (what each item was last reviewed against), and ``status`` compares the two.
"""
