/* EVA harness for src/util.c: asc_wipe, asc_span_from_str, asc_hex_lower,
 * asc_out_init/put/span/dec on unknown inputs.
 * Bounds: input length 0..UTIL_BOUND bytes (every byte unknown) and output
 * capacity 0..UTIL_BOUND (each pair a separate state), percent-encoding
 * passes 0..2, decimal value any size_t, NULL or non-NULL buffers. */
#include "prove.h"
#include "util.h"

#ifndef UTIL_BOUND
#define UTIL_BOUND 4u
#endif

#if ASC_ENABLE_TOOLS
/* A trace tap that reads every byte it is given. */
static void trace_reads(void *ctx, asc_trace_kind kind, const char *s, size_t n)
{
    volatile char sink;
    size_t i;
    (void)ctx;
    (void)kind;
    for (i = 0; i < n; i++) {
        sink = s[i];
    }
    (void)sink;
}
static const asc_trace tap = { trace_reads, NULL };
#endif

static void prove_out(void)
{
    static uint8_t arena[UTIL_BOUND];
    static uint8_t in_arena[UTIL_BOUND];
    asc_out o;
    size_t cap = prove_split(0, UTIL_BOUND);
    uint8_t *buf = prove_tail(arena, UTIL_BOUND, cap);
    size_t n = prove_split(0, UTIL_BOUND);
    uint8_t *in = prove_tail(in_arena, UTIL_BOUND, n);
    asc_span s;

    asc_out_init(&o, prove_bool() ? buf : NULL, cap);
    o.enc = Frama_C_unsigned_int_interval(0u, 2u);
#if ASC_ENABLE_TOOLS
    if (prove_bool()) {
        o.trace = &tap;
    }
#endif
    asc_out_put(&o, in, n);
    s.ptr = (const char *)in;
    s.len = n;
    asc_out_span(&o, s);
    asc_out_dec(&o, Frama_C_size_t_interval(0u, SIZE_MAX));
    /* once more past whatever was produced (len may exceed cap) */
    asc_out_put(&o, in, n);
}

static void prove_hex_wipe_str(void)
{
    static uint8_t in_arena[UTIL_BOUND];
    static char out_arena[2u * UTIL_BOUND];
    static char str_arena[UTIL_BOUND + 1u];
    size_t n = prove_split(0, UTIL_BOUND);
    uint8_t *in = prove_tail(in_arena, UTIL_BOUND, n);
    char *out = out_arena + (2u * UTIL_BOUND - 2u * n);
    asc_span s;

    asc_hex_lower(in, n, out);
    asc_wipe(prove_bool() ? (void *)in : NULL, prove_len(0, n));

    /* a NUL-terminated string of unknown non-NUL bytes, 0..UTIL_BOUND long */
    Frama_C_make_unknown(str_arena, UTIL_BOUND);
    str_arena[UTIL_BOUND] = '\0';
    s = asc_span_from_str(prove_bool() ? str_arena + prove_len(0, UTIL_BOUND) : NULL);
    (void)s;
}

void prove_util(void)
{
    prove_out();
    prove_hex_wipe_str();
}
