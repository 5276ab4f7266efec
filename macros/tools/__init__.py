"""Tools for developers, not used by the build or by `lplpp`: benchmarks (`bench`), the
large synthetic directory they run on (`synthetic`) and the search evaluation (`search_eval`)."""
