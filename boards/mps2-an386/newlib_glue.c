/*
 * newlib_glue.c - what the C library (newlib-nano) and mbedTLS's rare
 * paths need on a board without a heap, files or an OS.
 *
 * The link wraps (-Wl,--wrap=NAME, mk/board.mk) these names into the
 * __wrap_NAME functions below:
 *  - malloc, calloc, realloc, free: the firmware has no heap. The library,
 *    the port, lwIP (static pools) and mbedTLS (its static arena,
 *    asc_tls_arena_init) never call them; mbedTLS keeps calloc/free as
 *    its allocator before the arena is set, which is why they must exist.
 *    Reaching one stops the board.
 *  - gmtime: mbedTLS's certificate date check calls gmtime() on a libc
 *    without POSIX (platform_util.c); newlib-nano's gmtime allocates its
 *    result buffer on first use. gmtime_r does not.
 *  - fprintf, fputs, exit: mbedTLS's arena reports a corrupted block
 *    through them (MBEDTLS_MEMORY_DEBUG) and exits; here that goes to the
 *    semihosting console and exit status 72.
 * _sbrk (newlib's own allocator, reachable from its stdio code) stops the
 * board too: nothing may grow a heap.
 */
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "board.h"
#include "semihost.h"

void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
void __wrap_free(void *p);
struct tm *__wrap_gmtime(const time_t *t);
int __wrap_fprintf(FILE *f, const char *fmt, ...);
int __wrap_fputs(const char *s, FILE *f);
void __wrap_exit(int code) __attribute__((noreturn));
void *_sbrk(ptrdiff_t incr);

void *__wrap_malloc(size_t n)
{
    (void)n;
    board_panic("malloc called");
}

void *__wrap_calloc(size_t n, size_t size)
{
    (void)n;
    (void)size;
    board_panic("calloc called");
}

void *__wrap_realloc(void *p, size_t n)
{
    (void)p;
    (void)n;
    board_panic("realloc called");
}

void __wrap_free(void *p)
{
    if (p != NULL) {
        board_panic("free called");
    }
}

void *_sbrk(ptrdiff_t incr)
{
    (void)incr;
    board_panic("newlib tried to grow a heap (_sbrk)");
}

struct tm *__wrap_gmtime(const time_t *t)
{
    static struct tm result; /* gmtime's contract: one static result */
    return gmtime_r(t, &result);
}

/* The format is printed as is (no arguments): enough to see the message. */
int __wrap_fprintf(FILE *f, const char *fmt, ...)
{
    (void)f;
    semihost_write(fmt);
    return 0;
}

int __wrap_fputs(const char *s, FILE *f)
{
    (void)f;
    semihost_write(s);
    return 0;
}

void __wrap_exit(int code)
{
    (void)code;
    semihost_exit(72u);
}
