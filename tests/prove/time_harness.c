/* EVA harness for src/time.c: asc_format_timestamp on every int64_t epoch
 * and every output capacity 0..TIME_BOUND (each a separate state), NULL or
 * not; asc_parse_http_date (ASC_ENABLE_CLOCK_SYNC) on a span of any length
 * 0..TIME_BOUND (each a separate state) with every byte unknown, NULL or
 * not. */
#include "prove.h"
#include "asc_request.h"

#ifndef TIME_BOUND
#define TIME_BOUND 32u
#endif

static void prove_format(void)
{
    static char arena[TIME_BOUND];
    size_t cap = prove_split(0, TIME_BOUND);
    char *out = (char *)prove_tail((uint8_t *)arena, TIME_BOUND, cap);
    int64_t epoch = Frama_C_long_long_interval(INT64_MIN, INT64_MAX);
    asc_status st = asc_format_timestamp(epoch, prove_bool() ? out : NULL, cap);
    (void)st;
}

static void prove_parse_date(void)
{
#if ASC_ENABLE_CLOCK_SYNC
    static uint8_t in_arena[TIME_BOUND];
    size_t n = prove_split(0, TIME_BOUND);
    uint8_t *in = prove_tail(in_arena, TIME_BOUND, n);
    asc_span s;
    int64_t when;
    asc_status st;
    s.ptr = prove_bool() ? (const char *)in : NULL;
    s.len = n;
    st = asc_parse_http_date(s, prove_bool() ? &when : NULL);
    (void)st;
#endif
}

void prove_time(void)
{
    prove_format();
    prove_parse_date();
}
