/* Hash backend on mbedTLS 2.28 or 3.x hash contexts (no md layer, no heap). */
#include "asc_config.h"
#include "hash.h"
#include "util.h"

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

void asc_hmac_start(asc_hmac *h, asc_md_kind kind, asc_span key1, asc_span key2)
{
    uint8_t block[ASC_HASH_BLOCK];
    size_t i, n = key1.len + key2.len;
    int err = 0;
    asc_md *m;
    uint8_t pad;

    memset(block, 0, sizeof block);
    if (n > ASC_HASH_BLOCK) {
        /* RFC 2104: a key longer than the block is hashed first (in the
         * outer context, which is not in use yet: no extra frame). */
        asc_md_start(&h->outer, kind);
        asc_md_update(&h->outer, key1.ptr, key1.len);
        asc_md_update(&h->outer, key2.ptr, key2.len);
        err = (int)asc_md_finish(&h->outer, block);
    } else {
        /* byte loop: no memcpy from a NULL ptr of an empty span */
        for (i = 0; i < n; i++) {
            block[i] = (uint8_t)(i < key1.len ? key1.ptr[i] : key2.ptr[i - key1.len]);
        }
    }
    /* inner = H(key ^ ipad ...), then outer = H(key ^ opad ...) */
    for (m = &h->inner, pad = 0x36u;; m = &h->outer, pad = 0x36u ^ 0x5cu) {
        for (i = 0; i < ASC_HASH_BLOCK; i++) {
            block[i] ^= pad;
        }
        asc_md_start(m, kind);
        asc_md_update(m, block, ASC_HASH_BLOCK);
        if (m == &h->outer) {
            break;
        }
    }
    h->inner.err |= err;
    asc_wipe(block, sizeof block);
}

asc_status asc_hmac_finish(asc_hmac *h, uint8_t *out)
{
    uint8_t inner[ASC_SHA256_LEN];
    asc_status st = asc_md_finish(&h->inner, inner);

    asc_md_update(&h->outer, inner,
                  h->outer.kind == ASC_MD_SHA1 ? ASC_SHA1_LEN : ASC_SHA256_LEN);
    /* both are ASC_OK or ASC_E_CRYPTO */
    st = (asc_status)(st | asc_md_finish(&h->outer, out));
    asc_wipe(inner, sizeof inner);
    return st;
}
