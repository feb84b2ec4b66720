/* tests/prove/prove.h - shared helpers of the Frama-C EVA harnesses
 * (make prove, mk/prove.mk). Only Frama-C compiles these files.
 *
 * Every input is unknown: bytes come from Frama_C_make_unknown, lengths and
 * capacities from Frama_C_*_interval over the whole stated range. A buffer
 * of capacity cap is the LAST cap bytes of an arena, so a single byte read
 * or written past buf[cap - 1] leaves the arena and is an alarm; the
 * capacity is split into one EVA state per value (Frama_C_interval_split,
 * needs -eva-slevel above the bound) so that EVA knows the exact end of
 * each buffer. */
#ifndef PROVE_H
#define PROVE_H

#include <stddef.h>
#include <stdint.h>
#include "__fc_builtin.h"
#include "asc_request.h"

/* A length or capacity: one EVA state per value of [lo, hi] (a macro: the
 * states split in the calling harness function, whose -eva-slevel keeps
 * them apart; a function would join them again on return). */
#define prove_split(lo, hi) ((size_t)Frama_C_interval_split((int)(lo), (int)(hi)))

/* A length: any value of [lo, hi], one abstract state. */
static inline size_t prove_len(size_t lo, size_t hi)
{
    return (size_t)Frama_C_unsigned_int_interval((unsigned)lo, (unsigned)hi);
}

/* The last cap bytes of arena[0..arena_len), every byte unknown. */
static inline uint8_t *prove_tail(uint8_t *arena, size_t arena_len, size_t cap)
{
    Frama_C_make_unknown((char *)arena, arena_len);
    return arena + (arena_len - cap);
}

/* true or false, unknown. */
static inline int prove_bool(void)
{
    return Frama_C_nondet(0, 1);
}

/* A trace tap (asc_trace fn) that checks that the n bytes it is shown may
 * be read: valid, not that they are initialised (EVA joins the
 * percent-encoder's paths per loop iteration and cannot see that every
 * chunk byte below k was written; README, util_harness.c). Used by the
 * util and sign harnesses. */
static inline void prove_trace_valid(void *ctx, asc_trace_kind kind, const char *p, size_t n)
{
    (void)ctx;
    (void)kind;
    /*@ assert n == 0 || \valid_read(p + (0 .. n - 1)); */
    (void)p;
    (void)n;
}

#endif
