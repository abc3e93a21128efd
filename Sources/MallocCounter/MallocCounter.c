// Counts heap allocations for the benchmark's "allocations per reply" figure.
//
// Written by hand because the maintained Swift option (ordo-one/package-benchmark with its
// malloc interposer) needs jemalloc and a separate benchmark harness; this is the same technique
// (interposing malloc in the executable and forwarding to glibc's implementation) in 40 lines.
#include "MallocCounter.h"
#include <stdatomic.h>
#include <stddef.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);
extern void __libc_free(void *pointer);

static _Atomic unsigned long long allocations = 0;

static inline void count(void) { atomic_fetch_add_explicit(&allocations, 1, memory_order_relaxed); }

void *malloc(size_t size) { count(); return __libc_malloc(size); }
void *calloc(size_t number, size_t size) { count(); return __libc_calloc(number, size); }
void *realloc(void *pointer, size_t size) { count(); return __libc_realloc(pointer, size); }
void free(void *pointer) { __libc_free(pointer); }

int posix_memalign(void **result, size_t alignment, size_t size) {
  count();
  void *pointer = __libc_memalign(alignment, size);
  if (pointer == NULL) return 12; // ENOMEM
  *result = pointer;
  return 0;
}

void *aligned_alloc(size_t alignment, size_t size) { count(); return __libc_memalign(alignment, size); }

unsigned long long malloc_counter_value(void) {
  return atomic_load_explicit(&allocations, memory_order_relaxed);
}
