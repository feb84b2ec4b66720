/* tests/prove/prove_hash.c - the hash backend of the sign harness (make
 * prove, sign_harness.c). Only Frama-C compiles this file.
 *
 * ASSUMPTION (tests/prove/README.md): the hash backend is not analysed
 * here. The product links src/hash_mbedtls.c (mbedTLS SHA-1/SHA-256, HMAC
 * built in that file); this stub has src/hash.h's contracts, so that EVA
 * checks how src/sign.c and src/util.c call it:
 * - asc_md_start / asc_hmac_start begin a context of kind SHA-256 or SHA-1
 *   (any other kind is an alarm at the next call);
 * - asc_md_update reads every one of the n bytes it is given (each read
 *   is checked: valid and initialised) and may fail (unknown choice,
 *   sticky, as mbedTLS's err);
 * - asc_hmac_start reads every byte of both key spans;
 * - asc_md_finish / asc_hmac_finish return ASC_OK or ASC_E_CRYPTO (unknown
 *   choice, or the sticky failure); on ASC_OK they have written exactly
 *   asc_md_len(kind) unknown bytes to out (each write checked), on failure
 *   nothing (as mbedTLS: *_finish is skipped once err is set).
 * The digest bytes are unknown: the signer gets every possible digest. */
#include "prove.h"
#include "hash.h"

/* Read every byte of p[0..n) (an uninitialised or out-of-bounds byte is an
 * alarm). */
static void read_bytes(const void *p, size_t n)
{
    volatile uint8_t sink;
    const uint8_t *b = (const uint8_t *)p;
    size_t i;
    for (i = 0; i < n; i++) {
        sink = b[i];
    }
}

static void check_kind(const asc_md *m)
{
    /*@ assert started: m->kind == ASC_MD_SHA256 || m->kind == ASC_MD_SHA1; */
    (void)m;
}

void asc_md_start(asc_md *m, asc_md_kind kind)
{
    m->kind = kind;
    check_kind(m);
    m->err = prove_bool();
}

void asc_md_update(asc_md *m, const void *p, size_t n)
{
    check_kind(m);
    if (m->err != 0 || n == 0u) {
        return;
    }
    read_bytes(p, n);
    m->err = prove_bool();
}

/* n unknown bytes into out (each write checked); n a constant, so that
 * EVA unrolls the loop and knows every byte was written. */
static void write_digest(uint8_t *out, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        out[i] = (uint8_t)Frama_C_interval(0, 255);
    }
}

asc_status asc_md_finish(asc_md *m, uint8_t *out)
{
    int err = m->err;
    check_kind(m);
    m->err = 0;
    if (err != 0 || prove_bool()) {
        return ASC_E_CRYPTO;
    }
    if (m->kind == ASC_MD_SHA1) {
        write_digest(out, ASC_SHA1_LEN);
    } else {
        write_digest(out, ASC_SHA256_LEN);
    }
    return ASC_OK;
}

void asc_hmac_start(asc_hmac *h, asc_md_kind kind, asc_span key1, asc_span key2)
{
    read_bytes(key1.ptr, key1.len);
    read_bytes(key2.ptr, key2.len);
    asc_md_start(&h->inner, kind);
    asc_md_start(&h->outer, kind);
}

asc_status asc_hmac_finish(asc_hmac *h, uint8_t *out)
{
    uint8_t inner[ASC_SHA256_LEN];
    asc_status inner_status = asc_md_finish(&h->inner, inner);
    if (inner_status != ASC_OK) {
        h->outer.err = 1;
    } else {
        /* inner and outer have one kind (asc_hmac_start): the length
         * written above (hash_mbedtls.c says h->outer.kind) */
        asc_md_update(&h->outer, inner, asc_md_len(h->inner.kind));
    }
    {
        asc_status outer_status = asc_md_finish(&h->outer, out);
        return inner_status != ASC_OK ? inner_status : outer_status;
    }
}
