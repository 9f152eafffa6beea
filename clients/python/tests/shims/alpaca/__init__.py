"""A stand-in for alpaca-py, enough to import and type-check examples/alpaca_orders.py."""
