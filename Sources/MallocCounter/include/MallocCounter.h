#ifndef MALLOC_COUNTER_H
#define MALLOC_COUNTER_H

/// Number of heap allocations (malloc, calloc, realloc, aligned allocations) made so far by
/// this process. Only the benchmark executable links this target.
unsigned long long malloc_counter_value(void);

#endif
