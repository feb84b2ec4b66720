/*
 * HMAC on stack hash contexts: RFC 4231 (SHA-256) and RFC 2202 (SHA-1)
 * vectors, each input fed at once, byte by byte and split at every offset,
 * and random inputs against mbedtls_md_hmac().
 *  H1 a failed hash is sticky and reported (ASC_E_CRYPTO); an HMAC whose
 *     inner hash failed writes nothing into out (no digest of a missing
 *     inner hash), and its contexts are free for the next start.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "asc.h"
#include "../../src/hash.h"
#include "../../src/util.h"
#include <mbedtls/md.h>
#if defined(MBEDTLS_MEMORY_BUFFER_ALLOC_C)
#include <mbedtls/memory_buffer_alloc.h>
static unsigned char arena[16384]; /* mbedtls_md_hmac allocates: give it one */
#endif

typedef struct {
    asc_md_kind kind;
    unsigned char kbyte; size_t klen; const char *key; /* key: literal or kbyte*klen */
    const char *data; unsigned char dbyte; size_t dlen;
    const char *hex;  /* expected (may be truncated: compare its length) */
} hv;

static const hv vecs[] = {
    { ASC_MD_SHA256, 0x0b, 20, NULL, "Hi There", 0, 0,
      "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7" },
    { ASC_MD_SHA256, 0, 4, "Jefe", "what do ya want for nothing?", 0, 0,
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
    { ASC_MD_SHA256, 0xaa, 20, NULL, NULL, 0xdd, 50,
      "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe" },
    { ASC_MD_SHA256, 0, 25, "\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19",
      NULL, 0xcd, 50,
      "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b" },
    { ASC_MD_SHA256, 0x0c, 20, NULL, "Test With Truncation", 0, 0,
      "a3b6167473100ee06e0c796c2955552b" },
    { ASC_MD_SHA256, 0xaa, 131, NULL, "Test Using Larger Than Block-Size Key - Hash Key First", 0, 0,
      "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54" },
    { ASC_MD_SHA256, 0xaa, 131, NULL,
      "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.", 0, 0,
      "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2" },
#if ASC_ENABLE_V1
    { ASC_MD_SHA1, 0x0b, 20, NULL, "Hi There", 0, 0,
      "b617318655057264e28bc0b6fb378c8ef146be00" },
    { ASC_MD_SHA1, 0, 4, "Jefe", "what do ya want for nothing?", 0, 0,
      "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79" },
    { ASC_MD_SHA1, 0xaa, 20, NULL, NULL, 0xdd, 50,
      "125d7342b9ac11cd91a39af48aa17b4f63f175d3" },
    { ASC_MD_SHA1, 0, 25, "\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19",
      NULL, 0xcd, 50, "4c9007f4026250c6bc8414f9bf50c86c2d7235da" },
    { ASC_MD_SHA1, 0x0c, 20, NULL, "Test With Truncation", 0, 0,
      "4c1a03424b55e07fe7f27be1d58bb9324a9a5a04" },
    { ASC_MD_SHA1, 0xaa, 80, NULL, "Test Using Larger Than Block-Size Key - Hash Key First", 0, 0,
      "aa4ae5e15272d00e95705637ce8a3b55ed402112" },
    { ASC_MD_SHA1, 0xaa, 80, NULL,
      "Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data", 0, 0,
      "e8e99d0f45237d786d6bbaa7965c7808bbff1a91" },
#endif
};

/* HMAC with the key split at ksplit (key1||key2) and data fed in pieces of
 * `step` bytes after an initial piece of `first` bytes. */
static void hmac_split(asc_md_kind kind, const uint8_t *key, size_t klen,
                       size_t ksplit, const uint8_t *data, size_t dlen,
                       size_t first, size_t step, uint8_t *out)
{
    asc_hmac h;
    asc_span k1, k2;
    size_t off;
    k1.ptr = (const char *)key;
    k1.len = ksplit;
    k2.ptr = (const char *)key + ksplit;
    k2.len = klen - ksplit;
    asc_hmac_start(&h, kind, k1, k2);
    asc_hmac_update(&h, data, first);
    for (off = first; off < dlen; off += step) {
        asc_hmac_update(&h, data + off, (dlen - off) < step ? dlen - off : step);
    }
    CHECK_EQ(asc_hmac_finish(&h, out), ASC_OK);
}

static void run_vectors(void)
{
    size_t i, s;
    uint8_t key[200], data[200], out[32];
    char hex[65];
    for (i = 0; i < sizeof vecs / sizeof vecs[0]; i++) {
        const hv *v = &vecs[i];
        size_t klen = v->klen, dlen, olen = asc_md_len(v->kind);
        if (v->key != NULL) {
            memcpy(key, v->key, klen);
        } else {
            memset(key, v->kbyte, klen);
        }
        if (v->data != NULL) {
            dlen = strlen(v->data);
            memcpy(data, v->data, dlen);
        } else {
            dlen = v->dlen;
            memset(data, v->dbyte, dlen);
        }
        T_CASE(v->hex);
        /* at once */
        hmac_split(v->kind, key, klen, klen, data, dlen, dlen, 1, out);
        asc_hex_lower(out, olen, hex);
        CHECK_MEM(hex, strlen(v->hex), v->hex, strlen(v->hex));
        /* byte by byte */
        hmac_split(v->kind, key, klen, klen, data, dlen, 0, 1, out);
        asc_hex_lower(out, olen, hex);
        CHECK_MEM(hex, strlen(v->hex), v->hex, strlen(v->hex));
        /* split data at every offset, key at every offset */
        for (s = 0; s <= dlen; s++) {
            hmac_split(v->kind, key, klen, s < klen ? s : klen, data, dlen, s,
                       dlen + 1u, out);
            asc_hex_lower(out, olen, hex);
            CHECK_MEM(hex, strlen(v->hex), v->hex, strlen(v->hex));
        }
    }
}

static uint32_t rng_state = 0x12345678u;
static uint8_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return (uint8_t)rng_state;
}

static void run_random(void)
{
    int iter;
    uint8_t key[300], data[600], mine[32], ref[32];
    for (iter = 0; iter < 400; iter++) {
        size_t klen = (size_t)rnd() + (size_t)(rnd() & 31u);
        size_t dlen = (size_t)rnd() * 2u + (size_t)(rnd() & 7u);
        size_t i;
        asc_md_kind kind = (ASC_ENABLE_V1 && (iter & 1)) ? ASC_MD_SHA1 : ASC_MD_SHA256;
        const mbedtls_md_info_t *info = mbedtls_md_info_from_type(
            kind == ASC_MD_SHA1 ? MBEDTLS_MD_SHA1 : MBEDTLS_MD_SHA256);
        asc_span k;
        for (i = 0; i < klen; i++) key[i] = rnd();
        for (i = 0; i < dlen; i++) data[i] = rnd();
        k.ptr = (const char *)key;
        k.len = klen;
        T_CASE("random vs mbedtls_md_hmac");
        CHECK_EQ(asc_hmac_oneshot(kind, k, data, dlen, mine), ASC_OK);
        CHECK(info != NULL);
        if (info == NULL) {
            return;
        }
        CHECK_EQ(mbedtls_md_hmac(info, key, klen, data, dlen, ref), 0);
        CHECK_MEM(mine, asc_md_len(kind), ref, asc_md_len(kind));
    }
}

static void run_sha256(void)
{
    uint8_t d[32];
    char hex[64];
    T_CASE("sha256 empty / abc");
    CHECK_EQ(asc_sha256("", 0, d), ASC_OK);
    asc_hex_lower(d, 32, hex);
    CHECK_MEM(hex, 64u, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", 64u);
    CHECK_EQ(asc_sha256("abc", 3, d), ASC_OK);
    asc_hex_lower(d, 32, hex);
    CHECK_MEM(hex, 64u, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", 64u);
}

/* A backend failure is sticky: later updates are skipped, finish reports
 * ASC_E_CRYPTO (forced here: mbedTLS software hashes do not fail). */
static void run_sticky(void)
{
    asc_md m;
    asc_hmac h;
    asc_span k = { "key", 3u }, none = { NULL, 0u };
    uint8_t d[32];
    int kind;
    T_CASE("sticky error");
    for (kind = 0; kind <= (ASC_ENABLE_V1 ? 1 : 0); kind++) {
        asc_md_start(&m, (asc_md_kind)kind);
        m.err = -1;
        asc_md_update(&m, "abc", 3u);
        CHECK_EQ(m.err, -1);
        CHECK_EQ(asc_md_finish(&m, d), ASC_E_CRYPTO);
        CHECK_EQ(m.err, 0);
        asc_hmac_start(&h, (asc_md_kind)kind, k, none);
        h.inner.err = -1;
        memset(d, 0xA5, sizeof d);
        CHECK_EQ(asc_hmac_finish(&h, d), ASC_E_CRYPTO);
        CHECK_EQ(d[0], 0xA5);
        CHECK_EQ(d[ASC_SHA1_LEN - 1u], 0xA5);
        CHECK_EQ(h.inner.err, 0);
        CHECK_EQ(h.outer.err, 0);
        asc_hmac_start(&h, (asc_md_kind)kind, k, none);
        h.outer.err = -1;
        CHECK_EQ(asc_hmac_finish(&h, d), ASC_E_CRYPTO);
    }
}

int main(void)
{
#if defined(MBEDTLS_MEMORY_BUFFER_ALLOC_C)
    mbedtls_memory_buffer_alloc_init(arena, sizeof arena);
#endif
    run_sha256();
    run_sticky();
    run_vectors();
    run_random();
    return TEST_REPORT();
}
