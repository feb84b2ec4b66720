/*
 * Linked into every test binary with -Wl,--wrap=malloc,... : any reference
 * to the allocator from our objects (library, port, tests) resolves here and
 * aborts. The library must never allocate.
 */
#include <stdio.h>
#include <stdlib.h>

void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t m);
void *__wrap_realloc(void *p, size_t n);
void __wrap_free(void *p);

static void heap_abort(const char *fn)
{
    fprintf(stderr, "heap_guard: %s called: the library must not allocate\n", fn);
    abort();
}

void *__wrap_malloc(size_t n) { (void)n; heap_abort("malloc"); return NULL; }
void *__wrap_calloc(size_t n, size_t m) { (void)n; (void)m; heap_abort("calloc"); return NULL; }
void *__wrap_realloc(void *p, size_t n) { (void)p; (void)n; heap_abort("realloc"); return NULL; }
void __wrap_free(void *p) { if (p != NULL) { heap_abort("free"); } }
