/* Hash backend on mbedTLS 2.28 or 3.x hash contexts (no md layer, no heap). */
#include "asc_config.h"
#include "hash.h"
#include "util.h"

#include <stdbool.h>
#include <string.h>
#include <mbedtls/version.h>
#include "mbedtls_requirements.h"

#if MBEDTLS_VERSION_MAJOR < 3
#define SHA256_STARTS mbedtls_sha256_starts_ret
#define SHA256_UPDATE mbedtls_sha256_update_ret
#define SHA256_FINISH mbedtls_sha256_finish_ret
#define SHA1_STARTS mbedtls_sha1_starts_ret
#define SHA1_UPDATE mbedtls_sha1_update_ret
#define SHA1_FINISH mbedtls_sha1_finish_ret
#else
#define SHA256_STARTS mbedtls_sha256_starts
#define SHA256_UPDATE mbedtls_sha256_update
#define SHA256_FINISH mbedtls_sha256_finish
#define SHA1_STARTS mbedtls_sha1_starts
#define SHA1_UPDATE mbedtls_sha1_update
#define SHA1_FINISH mbedtls_sha1_finish
#endif

void asc_md_start(asc_md *m, asc_md_kind kind)
{
    m->kind = kind;
#if ASC_ENABLE_V1
    if (kind == ASC_MD_SHA1) {
        mbedtls_sha1_init(&m->u.sha1);
        m->err = SHA1_STARTS(&m->u.sha1);
        return;
    }
#endif
    mbedtls_sha256_init(&m->u.sha256);
    m->err = SHA256_STARTS(&m->u.sha256, 0);
}

void asc_md_update(asc_md *m, const void *p, size_t n)
{
    if (m->err != 0 || n == 0u) {
        return;
    }
#if ASC_ENABLE_PSA_KEYS
    if (m->kind == ASC_MD_PSA_MAC) {
        m->err = (int)psa_mac_update(&m->u.mac, (const uint8_t *)p, n);
        return;
    }
#endif
#if ASC_ENABLE_V1
    if (m->kind == ASC_MD_SHA1) {
        m->err = SHA1_UPDATE(&m->u.sha1, (const unsigned char *)p, n);
        return;
    }
#endif
    m->err = SHA256_UPDATE(&m->u.sha256, (const unsigned char *)p, n);
}

asc_status asc_md_finish(asc_md *m, uint8_t *out)
{
    int err = m->err;
#if ASC_ENABLE_V1
    if (m->kind == ASC_MD_SHA1) {
        if (err == 0) {
            err = SHA1_FINISH(&m->u.sha1, out);
        }
        mbedtls_sha1_free(&m->u.sha1);
    } else
#endif
    {
        if (err == 0) {
            err = SHA256_FINISH(&m->u.sha256, out);
        }
        mbedtls_sha256_free(&m->u.sha256);
    }
    /* mbedtls_sha*_free() already zeroised the hash state. */
    m->err = 0;
    return err == 0 ? ASC_OK : ASC_E_CRYPTO;
}

/* RFC 2104: the key block is XORed with ipad for the inner hash and with
 * opad for the outer one. */
#define HMAC_IPAD 0x36u
#define HMAC_OPAD 0x5cu

/* Left to the compiler to inline (two copies cost a few bytes of flash):
 * out of line, clang -O2 kept key ^ ipad in vector registers across the
 * next call into a shared mbedTLS, whose lazy-binding trampoline saved
 * them on the stack, where test_cover_security found the secret. */
static void xor_block(uint8_t *block, uint8_t pad)
{
    size_t i;
    for (i = 0; i < ASC_HASH_BLOCK; i++) {
        block[i] ^= pad;
    }
}

void asc_hmac_start(asc_hmac *h, asc_md_kind kind, asc_span key1, asc_span key2)
{
    uint8_t block[ASC_HASH_BLOCK];
    size_t i, key_len = key1.len + key2.len;
    bool key_hash_failed = false;

    memset(block, 0, sizeof block);
    if (key_len > ASC_HASH_BLOCK) {
        /* RFC 2104: a key longer than the block is hashed first (in the
         * outer context, which is not in use yet: no extra frame). */
        asc_md_start(&h->outer, kind);
        asc_md_update(&h->outer, key1.ptr, key1.len);
        asc_md_update(&h->outer, key2.ptr, key2.len);
        key_hash_failed = asc_md_finish(&h->outer, block) != ASC_OK;
    } else {
        /* byte loop: no memcpy from a NULL ptr of an empty span */
        for (i = 0; i < key_len; i++) {
            block[i] = (uint8_t)(i < key1.len ? key1.ptr[i] : key2.ptr[i - key1.len]);
        }
    }
    xor_block(block, HMAC_IPAD);
    asc_md_start(&h->inner, kind);
    asc_md_update(&h->inner, block, ASC_HASH_BLOCK);
    xor_block(block, HMAC_IPAD ^ HMAC_OPAD); /* key ^ ipad becomes key ^ opad */
    asc_md_start(&h->outer, kind);
    asc_md_update(&h->outer, block, ASC_HASH_BLOCK);
    if (key_hash_failed) {
        h->inner.err = -1; /* sticky: asc_hmac_finish reports ASC_E_CRYPTO */
    }
    asc_wipe(block, sizeof block);
}

#if ASC_ENABLE_PSA_KEYS
/* psa_key_id_t is uint32_t (PSA Crypto API); the public headers carry it as
 * one so that they need no mbedTLS header. */
typedef char psa_key_id_is_uint32[sizeof(psa_key_id_t) == sizeof(uint32_t) ? 1 : -1];

void asc_hmac_start_key(asc_hmac *h, asc_md_kind kind, uint32_t psa_key_id)
{
    mbedtls_svc_key_id_t key = mbedtls_svc_key_id_make(0, psa_key_id);
    psa_algorithm_t alg = PSA_ALG_HMAC(kind == ASC_MD_SHA1 ? PSA_ALG_SHA_1 : PSA_ALG_SHA_256);

    h->outer.kind = kind; /* the outer context is unused: it keeps the MAC's hash */
    h->outer.err = 0;
    h->inner.kind = ASC_MD_PSA_MAC;
    h->inner.u.mac = psa_mac_operation_init();
    h->inner.err = (int)psa_mac_sign_setup(&h->inner.u.mac, key, alg);
    /* The operation now holds the key only as the HMAC pads (key ^ ipad
     * absorbed into its hash state, key ^ opad); the key slot is not needed
     * until the next setup. For a persistent key this wipes the slot's copy
     * (loaded from storage by the setup); for a volatile key it changes
     * nothing; for no key it fails, and the setup has failed already. */
    (void)psa_purge_key(key);
}

/* psa_mac_sign_finish, or psa_mac_abort after a failure; both wipe the
 * operation (the pads). */
static asc_status psa_hmac_finish(asc_hmac *h, uint8_t *out)
{
    size_t want = asc_md_len(h->outer.kind), len = 0u;
    int err = h->inner.err;

    if (err == 0) {
        err = (int)psa_mac_sign_finish(&h->inner.u.mac, out, want, &len);
    }
    (void)psa_mac_abort(&h->inner.u.mac); /* nothing left to do after a finish */
    h->inner.err = 0;
    return err == 0 && len == want ? ASC_OK : ASC_E_CRYPTO;
}
#endif

asc_status asc_hmac_finish(asc_hmac *h, uint8_t *out)
{
    uint8_t inner[ASC_SHA256_LEN];
    asc_status inner_status;
    asc_status outer_status;

#if ASC_ENABLE_PSA_KEYS
    if (h->inner.kind == ASC_MD_PSA_MAC) {
        return psa_hmac_finish(h, out);
    }
#endif
    inner_status = asc_md_finish(&h->inner, inner);
    if (inner_status != ASC_OK) {
        h->outer.err = -1; /* inner[] holds nothing: skip it, still free */
    }
    asc_md_update(&h->outer, inner, asc_md_len(h->outer.kind));
    outer_status = asc_md_finish(&h->outer, out);
    asc_wipe(inner, sizeof inner);
    return inner_status != ASC_OK ? inner_status : outer_status;
}
