"""The pure core: entities, stages, parsing and rules. No I/O, no clock, no frameworks."""
