// The catalogue's place is read from the process's environment ($XDG_CACHE_HOME), which each test sets.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
