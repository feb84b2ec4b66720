/*
 * src/hash.h - the one seam between the signer and a hash implementation.
 * Only src/hash_mbedtls.c includes mbedTLS hash headers; a PSA or hardware
 * backend replaces that one file.
 *
 * HMAC is built here on stack hash contexts: mbedtls_md_hmac*() allocate.
 */
#ifndef ASC_HASH_H
#define ASC_HASH_H

#include <stddef.h>
#include <stdint.h>
#include "asc_status.h"
#include "asc_types.h"

#include "asc_config.h"
#include <mbedtls/sha256.h>
#include <mbedtls/sha1.h>
#if ASC_ENABLE_PSA_KEYS
#include <mbedtls/version.h>
#include "mbedtls_requirements.h" /* mbedTLS 3.x with MBEDTLS_PSA_CRYPTO_C */
#include <psa/crypto.h>
#endif

#define ASC_SHA256_LEN 32u
#define ASC_SHA1_LEN 20u
#define ASC_HASH_BLOCK 64u

typedef enum asc_md_kind {
    ASC_MD_SHA256 = 0,
    ASC_MD_SHA1 = 1,
    ASC_MD_PSA_MAC = 2 /* ASC_ENABLE_PSA_KEYS: a PSA MAC operation (asc_hmac_start_key) */
} asc_md_kind;

typedef struct asc_md {
    asc_md_kind kind;
    int err; /* sticky: non-zero once the backend failed */
    union {
        mbedtls_sha256_context sha256;
#if ASC_ENABLE_V1
        mbedtls_sha1_context sha1;
#endif
#if ASC_ENABLE_PSA_KEYS
        psa_mac_operation_t mac;
#endif
    } u;
} asc_md;

typedef struct asc_hmac {
    asc_md inner;
    asc_md outer;
} asc_hmac;

void asc_md_start(asc_md *m, asc_md_kind kind);
void asc_md_update(asc_md *m, const void *p, size_t n);
/* Writes 32 (SHA-256) or 20 (SHA-1) bytes; returns ASC_E_CRYPTO if any step
 * failed. Always frees and wipes the context. */
asc_status asc_md_finish(asc_md *m, uint8_t *out);

/* HMAC with key = key1 || key2 (V1 appends "&" to the secret); a key longer
 * than ASC_HASH_BLOCK is hashed first. Stream the message into &h->inner
 * with asc_md_update(). */
void asc_hmac_start(asc_hmac *h, asc_md_kind kind, asc_span key1, asc_span key2);
asc_status asc_hmac_finish(asc_hmac *h, uint8_t *out);

#if ASC_ENABLE_PSA_KEYS
/* The same HMAC (kind ASC_MD_SHA256 or ASC_MD_SHA1) computed by PSA Crypto
 * on key psa_key_id (a psa_key_id_t; see asc_credentials.h for the key's
 * attributes): psa_mac_sign_setup, then psa_purge_key (a persistent key's
 * material leaves RAM; the operation keeps only the HMAC pads). Stream the
 * message with asc_md_update(&h->inner, ...) and end with asc_hmac_finish
 * (psa_mac_sign_finish). Any PSA failure (no such key, a key of another
 * type or algorithm, ...) makes asc_hmac_finish return ASC_E_CRYPTO. */
void asc_hmac_start_key(asc_hmac *h, asc_md_kind kind, uint32_t psa_key_id);
#endif

/* Small helpers (inline: no code unless a caller uses them). The library
 * uses asc_md_len; the others serve the tests. */
static inline size_t asc_md_len(asc_md_kind kind)
{
    return kind == ASC_MD_SHA1 ? ASC_SHA1_LEN : ASC_SHA256_LEN;
}

static inline void asc_hmac_update(asc_hmac *h, const void *p, size_t n)
{
    asc_md_update(&h->inner, p, n);
}

static inline asc_status asc_sha256(const void *p, size_t n, uint8_t out[ASC_SHA256_LEN])
{
    asc_md m;
    asc_md_start(&m, ASC_MD_SHA256);
    asc_md_update(&m, p, n);
    return asc_md_finish(&m, out);
}

static inline asc_status asc_hmac_oneshot(asc_md_kind kind, asc_span key, const void *p,
                                          size_t n, uint8_t *out)
{
    asc_hmac h;
    asc_span none = { NULL, 0u };
    asc_hmac_start(&h, kind, key, none);
    asc_md_update(&h.inner, p, n);
    return asc_hmac_finish(&h, out);
}

#endif
