"""A stand-in for freqtrade, enough to import and type-check examples/freqtrade_strategy.py."""
