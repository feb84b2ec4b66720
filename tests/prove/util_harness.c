/* EVA harness for src/util.c: asc_wipe, asc_span_from_str, asc_hex_lower,
 * asc_out_init/put/span/dec on unknown inputs.
 * Bounds: input length 0..UTIL_BOUND bytes (every byte unknown) and output
 * capacity 0..UTIL_BOUND (each a separate state); the length already
 * counted in the asc_out (o.len, which may exceed the capacity) is every
 * value 0..cap (each a state) or any value cap+1..SIZE_MAX; percent-
 * encoding passes 0..2 (each a state); decimal value any size_t; NULL or
 * non-NULL buffers; trace tap (see tap_read) or none.
 * prove_out_enc_long drives the encoder past its 48-byte chunk (flush):
 * input length 0..UTIL_ENC_BOUND (each a state), passes 1..2, no buffer,
 * no tap. */
#include "prove.h"
#include "util.h"

#ifndef UTIL_BOUND
#define UTIL_BOUND 4u
#endif
#ifndef UTIL_ENC_BOUND
#define UTIL_ENC_BOUND 50u /* > 44 unreserved bytes: reaches the chunk flush */
#endif

#if ASC_ENABLE_TOOLS
/* Trace taps. tap_read reads every byte it is given, so an uninitialised
 * byte handed to the trace is an alarm; it is set when the bytes go out as
 * they are (enc 0). With percent-encoding the trace gets the encoder's
 * chunk[0..k): EVA joins the encoder's paths (one state per loop
 * iteration, not per byte class), so it cannot see that every byte below k
 * was written; tap_valid only checks that the bytes may be read. */
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
static const asc_trace tap_read = { trace_reads, NULL };
static const asc_trace tap_valid = { prove_trace_valid, NULL };
#define PROVE_TAP(o)                                                    \
    do {                                                                \
        if (prove_bool()) {                                             \
            (o).trace = (o).enc == 0u ? &tap_read : &tap_valid;         \
        }                                                               \
    } while (0)
#else
#define PROVE_TAP(o) do { } while (0)
#endif

/* An asc_out over the last cap bytes of arena (or NULL), in any state a
 * caller can leave it in: len any value (each value up to cap a state, the
 * rest one interval up to SIZE_MAX, where the count saturates). A macro:
 * the states split in the calling harness function. */
#define PROVE_OUT_ANY(o, arena, cap)                                            \
    do {                                                                        \
        asc_out_init(&(o), prove_bool() ? prove_tail((arena), sizeof (arena), (cap)) \
                                        : NULL, (cap));                         \
        (o).len = prove_bool() ? prove_split(0, (o).cap)                        \
                               : Frama_C_size_t_interval((o).cap + 1u, SIZE_MAX); \
    } while (0)


/* asc_out_put or asc_out_span of 0..UTIL_BOUND unknown bytes (in NULL
 * when empty, as asc_span_from_str(NULL) gives) on any asc_out state,
 * percent-encoding passes 0..2 (each a state), tap or none. */
static void prove_out_put(void)
{
    static uint8_t arena[UTIL_BOUND];
    static uint8_t in_arena[UTIL_BOUND];
    asc_out o;
    size_t cap = prove_split(0, UTIL_BOUND);
    size_t n = prove_split(0, UTIL_BOUND);
    const uint8_t *in = (n == 0u && prove_bool()) ? NULL : prove_tail(in_arena, UTIL_BOUND, n);
    asc_span s;

    PROVE_OUT_ANY(o, arena, cap);
    o.enc = (unsigned)prove_split(0, 2);
    PROVE_TAP(o);
    if (prove_bool()) {
        asc_out_put(&o, in, n);
    } else {
        s.ptr = (const char *)in;
        s.len = n;
        asc_out_span(&o, s);
    }
}

/* asc_out_dec of any size_t on any asc_out state, passes 0..2, tap or
 * none. */
static void prove_out_dec(void)
{
    static uint8_t arena[UTIL_BOUND];
    asc_out o;
    size_t cap = prove_split(0, UTIL_BOUND);

    PROVE_OUT_ANY(o, arena, cap);
    o.enc = Frama_C_unsigned_int_interval(0u, 2u);
    PROVE_TAP(o);
    asc_out_dec(&o, Frama_C_size_t_interval(0u, SIZE_MAX));
}

/* The encoder over inputs long enough to flush its 48-byte chunk (more
 * than once): every length 0..UTIL_ENC_BOUND (each a state), passes 1..2.
 * The output only counts (no buffer: the copy of a flushed chunk is
 * out_raw's memcpy, proven above for every len/cap/n; with a buffer EVA
 * would join the chunk lengths of different byte classes and lose the
 * relation o->len + copy <= cap). No tap (same join: see README). */
static void prove_out_enc_long(void)
{
    static uint8_t in_arena[UTIL_ENC_BOUND];
    asc_out o;
    size_t n = prove_split(0, UTIL_ENC_BOUND);
    const uint8_t *in = prove_tail(in_arena, UTIL_ENC_BOUND, n);

    asc_out_init(&o, NULL, 0u);
    o.len = prove_bool() ? 0u : Frama_C_size_t_interval(1u, SIZE_MAX);
    o.enc = Frama_C_unsigned_int_interval(1u, 2u);
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
    prove_out_put();
    prove_out_dec();
    prove_out_enc_long();
    prove_hex_wipe_str();
}
