/* EVA harness for src/sign.c: asc_build_request and (FULL=1: ASC_ENABLE_V1
 * && ASC_ENABLE_TOOLS) asc_v1_signature on unknown inputs, with
 * src/util.c, src/time.c and the hash stub tests/prove/prove_hash.c
 * (assumption: the hash backend is proven separately; see README).
 *
 * Bounds (SIGN_BOUND, default 1 as in mk/prove.mk):
 * - every span (AccessKeyId, secret, token, host, user agent, nonce,
 *   action, version, each parameter's name and value): 0..SIGN_BOUND
 *   unknown bytes. One span at a time is the "focus" of a call: its
 *   length is split (one EVA state per value 0..SIGN_BOUND), it sits at the
 *   END of its arena (one byte read past it leaves the arena: an alarm)
 *   and its pointer is NULL or not (each a state). The other spans have
 *   any length 0..SIGN_BOUND (one state) at the start of their
 *   SIGN_BOUND-byte arena: their reads are checked within the arena.
 *   Every span is the focus of one call, so each gets the exact-end check.
 * - n_params any of 0..2 (one state, params not NULL); prove_build_args
 *   splits n_params 0..2 and params NULL or not (each a state) and adds
 *   any n_params above ASC_MAX_PARAMS (refused).
 * - buffer: prove_build_args (focus F_BUF) splits the capacity 0..SIGN_BOUND
 *   (each a state; the last cap bytes of an arena), NULL or not; adds a
 *   NULL buffer with any capacity 1..SIZE_MAX (refused). Every other call
 *   has a SIGN_BIG-byte buffer, more than any request of these inputs
 *   needs, so the whole request is written (ASC_OK path).
 * - out_len, out_needed, creds, opts, rq: NULL or not (prove_build_args).
 * - sig, method, params_in: any unsigned value (V3, V1, invalid);
 *   timestamp any int64_t; credentials_provider_header true or false.
 * - trace: NULL, a tap whose fn is NULL (ignored), or (FULL=1) a tap that
 *   checks that every byte it is shown may be read.
 * - the hash stub: any digest, any step may fail (ASC_E_CRYPTO path). */
#include "prove.h"
#include "asc_request.h"

#ifndef SIGN_BOUND
#define SIGN_BOUND 1u
#endif
#define SIGN_BIG 4096u

enum span_id {
    S_AKID,
    S_SECRET,
    S_TOKEN,
    S_HOST,
    S_UA,
    S_NONCE,
    S_ACTION,
    S_VERSION,
    S_P0_NAME,
    S_P0_VALUE,
    S_P1_NAME,
    S_P1_VALUE,
    N_SPANS,
    F_NONE = N_SPANS, /* no span is the focus */
    F_ARGS            /* prove_v1: n_params and params are */
};

static char span_arena[N_SPANS][SIGN_BOUND];
static uint8_t out_arena[SIGN_BIG];

/* Trace taps: prove_trace_valid (prove.h) checks that every byte it is
 * shown may be read. */
static const asc_trace tap_valid = { prove_trace_valid, NULL };
static const asc_trace tap_no_fn = { NULL, NULL };

/* NULL, the tap with no fn, or (tools build) the checking tap: one state
 * (a function: the choice joins on return). */
static const asc_trace *any_trace(void)
{
    switch (Frama_C_interval(0, 2)) {
    case 0:
        return NULL;
    case 1:
        return &tap_no_fn;
    default:
        return &tap_valid;
    }
}

/* Span id with unknown bytes: the focus gets length n (exact) at the end
 * of its arena, or NULL; any other span any length 0..SIGN_BOUND at the
 * start of its arena. */
static void set_span(asc_span *sp, enum span_id id, enum span_id focus, size_t n, int null)
{
    char *a = span_arena[id];
    Frama_C_make_unknown(a, SIGN_BOUND);
    if (focus == id) {
        sp->len = n;
        sp->ptr = null ? NULL : a + (SIGN_BOUND - n);
    } else {
        sp->len = prove_len(0, SIGN_BOUND);
        sp->ptr = a;
    }
}

/* NULL or p (one state: the choice joins on return; every use of these
 * pointers is behind a NULL test). */
static void *or_null(void *p)
{
    return prove_bool() ? p : NULL;
}

/* Every input of asc_build_request but the buffer and the out pointers:
 * the focus span has length n, NULL or not; sig as given; n_params any of
 * 0..2, params not NULL. */
static void set_inputs(asc_credentials *creds, asc_sign_opts *opts, asc_rpc_request *rq,
                       asc_param params[2], enum span_id focus, size_t n, int null,
                       unsigned sig)
{
    set_span(&creds->access_key_id, S_AKID, focus, n, null);
    set_span(&creds->access_key_secret, S_SECRET, focus, n, null);
    set_span(&creds->security_token, S_TOKEN, focus, n, null);
    set_span(&opts->host, S_HOST, focus, n, null);
    set_span(&opts->user_agent, S_UA, focus, n, null);
    set_span(&opts->nonce, S_NONCE, focus, n, null);
    set_span(&rq->action, S_ACTION, focus, n, null);
    set_span(&rq->version, S_VERSION, focus, n, null);
    set_span(&params[0].name, S_P0_NAME, focus, n, null);
    set_span(&params[0].value, S_P0_VALUE, focus, n, null);
    set_span(&params[1].name, S_P1_NAME, focus, n, null);
    set_span(&params[1].value, S_P1_VALUE, focus, n, null);
    opts->sig = (asc_sig_version)sig;
    opts->timestamp = Frama_C_long_long_interval(INT64_MIN, INT64_MAX);
    opts->credentials_provider_header = prove_bool() != 0;
    rq->method = (asc_method)Frama_C_unsigned_int_interval(0u, UINT32_MAX);
    rq->params_in = (asc_params_in)Frama_C_unsigned_int_interval(0u, UINT32_MAX);
    rq->params = params;
    rq->n_params = prove_len(0, 2);
}

/* One call. In a function of its own, not in -eva-slevel-function: its
 * result states (one per status, -eva-split-return auto) join on return,
 * so the next call of a harness loop starts from one state; kept apart,
 * they made EVA analyse every later call once per earlier outcome. */
static void build(const asc_credentials *creds, const asc_sign_opts *opts,
                  const asc_rpc_request *rq, uint8_t *buf, size_t cap, size_t *out_len,
                  size_t *out_needed)
{
    asc_status st = asc_build_request(creds, opts, rq, buf, cap, out_len, out_needed,
                                      any_trace());
    (void)st;
}

/* sig: V3, V1, or any other value. */
static unsigned sig_of(unsigned k)
{
    return k < 2u ? k : Frama_C_unsigned_int_interval(2u, UINT32_MAX);
}

/* Each span in turn is the focus: every length 0..SIGN_BOUND and NULL (one
 * call each: loops with constant bounds, unrolled, so each call starts
 * from one exact state), sig V3 and V1 (any other value is refused before
 * a span is read: prove_build_args); a SIGN_BIG-byte buffer. */
static void prove_build_span(enum span_id focus)
{
    asc_credentials creds;
    asc_sign_opts opts;
    asc_rpc_request rq;
    asc_param params[2];
    size_t out_len, out_needed;
    size_t n;
    unsigned k, null;

    for (k = 0; k < 2u; k++) {
        for (n = 0; n <= SIGN_BOUND; n++) {
            for (null = 0; null < 2u; null++) {
                set_inputs(&creds, &opts, &rq, params, focus, n, (int)null, k);
                Frama_C_make_unknown((char *)out_arena, SIGN_BIG);
                build(&creds, &opts, &rq, out_arena, SIGN_BIG, &out_len, &out_needed);
            }
        }
    }
}

/* The buffer and the pointer arguments: capacity every value 0..SIGN_BOUND
 * (the last cap bytes of out_arena), a NULL buffer with any capacity;
 * n_params 0..2 with params NULL or not, any n_params above
 * ASC_MAX_PARAMS; creds, opts, rq, out_len, out_needed NULL or not. */
static void prove_build_args(void)
{
    asc_credentials creds;
    asc_sign_opts opts;
    asc_rpc_request rq;
    asc_param params[2];
    size_t out_len, out_needed;
    size_t cap;
    unsigned k, c;

    for (k = 0; k < 3u; k++) {
        for (c = 0; c <= SIGN_BOUND + 1u; c++) {
            uint8_t *buf;
            set_inputs(&creds, &opts, &rq, params, F_NONE, 0u, 0, sig_of(k));
            if (c <= SIGN_BOUND) {
                cap = c;
                buf = prove_tail(out_arena, SIGN_BIG, cap);
            } else {
                cap = Frama_C_size_t_interval(0u, SIZE_MAX);
                buf = NULL;
            }
            build(or_null(&creds), or_null(&opts), or_null(&rq), buf, cap, or_null(&out_len),
                  or_null(&out_needed));
        }
        for (c = 0; c < 7u; c++) {
            set_inputs(&creds, &opts, &rq, params, F_NONE, 0u, 0, sig_of(k));
            if (c < 6u) {
                rq.n_params = c / 2u;
                rq.params = (c & 1u) != 0u ? NULL : params;
            } else {
                rq.n_params = Frama_C_size_t_interval(ASC_MAX_PARAMS + 1u, SIZE_MAX);
            }
            build(&creds, &opts, &rq, out_arena, SIGN_BIG, &out_len, &out_needed);
        }
    }
}

#define V1_OUT_BOUND 30u /* > 28 + 1: the signature and its NUL */
/* asc_v1_signature's limit: ASC_MAX_PARAMS + the 10 common names - 1 */
#define V1_PARAMS_MAX (ASC_MAX_PARAMS + 9u)

/* asc_v1_signature (when the profile builds it): the secret or a
 * parameter span is the focus (every length, NULL) with out capacity
 * V1_OUT_BOUND; then (focus F_NONE) out capacity every value
 * 0..V1_OUT_BOUND (the last cap bytes of an arena) or NULL; then (F_ARGS)
 * n_params 0..2 with params NULL or not, any n_params above the limit.
 * Method any value. */
#if ASC_ENABLE_V1 && ASC_ENABLE_TOOLS
/* One call (see build()). */
static void v1(const asc_credentials *creds, const asc_rpc_request *rq, char *out, size_t cap)
{
    asc_status st = asc_v1_signature(creds->access_key_secret, rq->method, rq->params,
                                     rq->n_params, out, cap, any_trace());
    (void)st;
}
#endif

static void prove_v1(enum span_id focus)
{
#if ASC_ENABLE_V1 && ASC_ENABLE_TOOLS
    static char v1_out[V1_OUT_BOUND];
    asc_credentials creds;
    asc_sign_opts opts;
    asc_rpc_request rq;
    asc_param params[2];
    size_t n;
    unsigned null;

    if (focus < N_SPANS) {
        for (n = 0; n <= SIGN_BOUND; n++) {
            for (null = 0; null < 2u; null++) {
                set_inputs(&creds, &opts, &rq, params, focus, n, (int)null, 0u);
                v1(&creds, &rq, v1_out, V1_OUT_BOUND);
            }
        }
    } else if (focus == F_NONE) {
        for (n = 0; n <= V1_OUT_BOUND + 1u; n++) {
            char *out = n <= V1_OUT_BOUND
                            ? (char *)prove_tail((uint8_t *)v1_out, V1_OUT_BOUND, n)
                            : NULL;
            set_inputs(&creds, &opts, &rq, params, F_NONE, 0u, 0, 0u);
            v1(&creds, &rq, out, n <= V1_OUT_BOUND ? n : V1_OUT_BOUND);
        }
    } else {
        for (n = 0; n < 7u; n++) {
            set_inputs(&creds, &opts, &rq, params, F_NONE, 0u, 0, 0u);
            if (n < 6u) {
                rq.n_params = n / 2u;
                rq.params = (n & 1u) != 0u ? NULL : params;
            } else {
                rq.n_params = Frama_C_size_t_interval(V1_PARAMS_MAX + 1u, SIZE_MAX);
            }
            v1(&creds, &rq, v1_out, V1_OUT_BOUND);
        }
    }
#else
    (void)focus;
#endif
}

void prove_sign(void)
{
    unsigned f;
    prove_build_args();
    for (f = 0; f < (unsigned)N_SPANS; f++) {
        prove_build_span((enum span_id)f);
    }
    prove_v1(F_NONE);
    prove_v1(F_ARGS);
    prove_v1(S_SECRET);
    prove_v1(S_P0_NAME);
    prove_v1(S_P0_VALUE);
    prove_v1(S_P1_NAME);
    prove_v1(S_P1_VALUE);
}

