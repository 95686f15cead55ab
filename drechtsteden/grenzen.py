"""The bounds of every number and year the portal accepts, in plain Python.

`drechtsteden.invoer` checks form, import and URL input against these; the allocation engine's
scenario reader (`financiering.verdeling`, which has no Django) checks JSON input against the same.
"""

from decimal import Decimal

JAAR_MIN = 2000
JAAR_MAX = 2100

# Budgets stay below € 10 billion: at most ten digits before the comma, two after it.
BEDRAG_MAX = Decimal("9999999999.99")
BEDRAG_CIJFERS = 10
BEDRAG_DECIMALEN = 2

# The most characters a number may have before it is even looked at; a 5,000-digit number or
# "1e999999999" is refused on its length or exponent before anything converts it.
MAX_TEKENS = 32
