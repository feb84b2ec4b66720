/*
 * tools/bench/bench_sign.c - CPU cost of building + signing one DeleteImage
 * request (V3), next to the hash work it cannot avoid.
 *
 *   bench_sign sign N   N x sign_once()  (asc_build_request, V3)
 *   bench_sign raw N    N x raw_once()   (SHA-256 of the body, SHA-256 of the
 *                       canonical request, HMAC-SHA256 of the string to sign,
 *                       straight on mbedTLS contexts)
 *   bench_sign rate     signatures per second for about one second
 *
 * tools/bench.sh runs the first two under callgrind with --toggle-collect
 * on sign_once / raw_once and divides the totals by N.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "asc_request.h"
#include <mbedtls/sha256.h>

static const asc_param params[] = {
    { ASC_SPAN_LIT("ImageId"), ASC_SPAN_LIT("img-bench-0123456789abcdef") }
};
static asc_credentials creds;
static asc_sign_opts opts;
static asc_rpc_request rq;
static uint8_t buf[4096];
static size_t req_len;

/* Inputs of the raw hash work, captured once through the trace hook. */
static char canon[2048], sts[512];
static size_t canon_len, sts_len;
static const uint8_t *body;
static size_t body_len;

static void capture(void *ctx, asc_trace_kind k, const char *p, size_t n)
{
    (void)ctx;
    if (k == ASC_TRACE_CANONICAL && canon_len + n <= sizeof canon) {
        memcpy(canon + canon_len, p, n);
        canon_len += n;
    } else if (k == ASC_TRACE_STRING_TO_SIGN && sts_len + n <= sizeof sts) {
        memcpy(sts + sts_len, p, n);
        sts_len += n;
    }
}

__attribute__((noinline)) int sign_once(void)
{
    size_t needed;
    return asc_build_request(&creds, &opts, &rq, buf, sizeof buf, &req_len,
                             &needed, NULL) == ASC_OK ? 0 : 1;
}

__attribute__((noinline)) int raw_once(void)
{
    mbedtls_sha256_context c;
    uint8_t h[32], k[64], inner[32];
    size_t i;
    int err = 0;
    /* SHA-256 of the body and of the canonical request */
    err |= mbedtls_sha256(body, body_len, h, 0);
    err |= mbedtls_sha256((const unsigned char *)canon, canon_len, h, 0);
    /* HMAC-SHA256(secret, string to sign) on stack contexts */
    memset(k, 0, sizeof k);
    memcpy(k, creds.access_key_secret.ptr, creds.access_key_secret.len);
    for (i = 0; i < 64u; i++) k[i] ^= 0x36u;
    mbedtls_sha256_init(&c);
    err |= mbedtls_sha256_starts(&c, 0);
    err |= mbedtls_sha256_update(&c, k, 64u);
    err |= mbedtls_sha256_update(&c, (const unsigned char *)sts, sts_len);
    err |= mbedtls_sha256_finish(&c, inner);
    for (i = 0; i < 64u; i++) k[i] ^= (uint8_t)(0x36u ^ 0x5cu);
    err |= mbedtls_sha256_starts(&c, 0);
    err |= mbedtls_sha256_update(&c, k, 64u);
    err |= mbedtls_sha256_update(&c, inner, 32u);
    err |= mbedtls_sha256_finish(&c, h);
    mbedtls_sha256_free(&c);
    return err != 0;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    asc_trace tr;
    size_t needed, i;
    const char *hdr_end;
    long n = argc > 2 ? atol(argv[2]) : 1;

    creds.access_key_id = asc_span_from_str("LTAI5tBenchAccessKeyId00");
    creds.access_key_secret = asc_span_from_str("BenchAccessKeySecret0123456789");
    opts.sig = ASC_SIG_V3;
    opts.host = asc_span_from_str("appstream-center.cn-shanghai.aliyuncs.com");
    opts.user_agent = asc_span_from_str("asc/0.1.0");
    opts.timestamp = 1767225600; /* 2026-01-01T00:00:00Z */
    opts.nonce = asc_span_from_str("0123456789abcdef0123456789abcdef");
    opts.credentials_provider_header = true;
    rq.action = asc_span_from_str("DeleteImage");
    rq.version = asc_span_from_str("2021-09-01");
    rq.method = ASC_METHOD_POST;
    rq.params_in = ASC_PARAMS_IN_BODY;
    rq.params = params;
    rq.n_params = 1;

    tr.fn = capture;
    tr.ctx = NULL;
    if (asc_build_request(&creds, &opts, &rq, buf, sizeof buf, &req_len,
                          &needed, &tr) != ASC_OK) {
        fprintf(stderr, "bench_sign: build failed\n");
        return 1;
    }
    hdr_end = strstr((const char *)buf, "\r\n\r\n");
    if (hdr_end == NULL || canon_len == 0u || sts_len == 0u) {
        fprintf(stderr, "bench_sign: trace capture failed\n");
        return 1;
    }
    body = (const uint8_t *)hdr_end + 4;
    body_len = req_len - (size_t)(body - buf);

    if (argc > 1 && strcmp(argv[1], "raw") == 0) {
        for (i = 0; i < (size_t)n; i++) {
            if (raw_once()) return 1;
        }
    } else if (argc > 1 && strcmp(argv[1], "rate") == 0) {
        double t0 = now_s(), t;
        long count = 0;
        do {
            for (i = 0; i < 1000u; i++) {
                if (sign_once()) return 1;
            }
            count += 1000;
            t = now_s() - t0;
        } while (t < 1.0);
        printf("signatures_per_second: %.0f\n", (double)count / t);
    } else {
        for (i = 0; i < (size_t)n; i++) {
            if (sign_once()) return 1;
        }
    }
    printf("request %zu bytes, body %zu, canonical %zu, string-to-sign %zu\n",
           req_len, body_len, canon_len, sts_len);
    return 0;
}
