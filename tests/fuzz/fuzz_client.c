/*
 * tests/fuzz/fuzz_client.c - libFuzzer target: a whole client call
 * (asc_delete_image / asc_call) with insecure_plaintext_http over a port
 * whose recv returns the fuzzer's bytes in fuzzer-chosen pieces.
 *
 * Input: a 4-byte header, then the byte stream the "server" sends (for all
 * attempts together: a retry reads on where the previous attempt stopped).
 *   h[0] bits 0-1 max_attempts-1 (1..3, 0 -> 1), bit 2 signature V1,
 *        bit 3 generic asc_call with ASC_BIND_DATA_ANY instead of DeleteImage,
 *        bit 4 device without a clock, bit 5 an STS token,
 *        bit 6 a recv returns "nothing within the timeout" now and then,
 *        bit 7 send fails (I/O error) on the first attempt
 *   h[1] largest recv piece (0: as much as asked)
 *   h[2] work buffer size: 512 + h[2] * 32 bytes (heap block of exactly
 *        that size: ASan catches any access past it)
 *   h[3] seed of the piece-size generator; bit 7 also: through an HTTP
 *        proxy with Basic credentials (the stream then starts with the
 *        proxy's answer to CONNECT; a retry opens a new tunnel)
 * The stream ends in an orderly close (ASC_PORT_ERR_CLOSED) forever after.
 * Time is fake: sleeps and timeouts advance a counter, nothing waits.
 * Checked after every call: result fields NUL-terminated, spans inside the
 * work buffer, status consistent with the result, attempts bounded, and no
 * trace of the secret (nor secret ^ 0x36 / 0x5c), nor of the proxy
 * credentials' base64, left in the work buffer.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "asc.h"
#include "asc_client.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct fz {
    const uint8_t *in;
    size_t n, pos;
    unsigned max_piece;
    uint32_t rng;
    int stalls;
    int fail_first_send;
    int sends;
    int connected;
    int64_t utc;
    uint64_t mono;
} fz;

static uint32_t next(fz *f)
{
    f->rng ^= f->rng << 13;
    f->rng ^= f->rng >> 17;
    f->rng ^= f->rng << 5;
    return f->rng;
}

static asc_status z_connect(void *ctx, const char *host, uint16_t port, uint32_t to)
{
    fz *f = (fz *)ctx;
    (void)host; (void)port; (void)to;
    f->connected = 1;
    return ASC_OK;
}

static int32_t z_send(void *ctx, const uint8_t *buf, size_t len, uint32_t to)
{
    fz *f = (fz *)ctx;
    volatile uint8_t sink = 0;
    size_t i;
    (void)to;
    if (!f->connected) {
        return ASC_PORT_ERR_IO;
    }
    if (f->fail_first_send && f->sends++ == 0) {
        return ASC_PORT_ERR_IO;
    }
    for (i = 0; i < len; i++) { /* touch every byte: ASan checks the span */
        sink ^= buf[i];
    }
    (void)sink;
    return (int32_t)(len > 1000u ? 1000u : len);
}

static int32_t z_recv(void *ctx, uint8_t *buf, size_t len, uint32_t to)
{
    fz *f = (fz *)ctx;
    size_t n;
    if (!f->connected) {
        return ASC_PORT_ERR_IO;
    }
    if (f->pos >= f->n) {
        return ASC_PORT_ERR_CLOSED;
    }
    if (f->stalls && (next(f) & 7u) == 0u) {
        f->mono += to;
        return 0;
    }
    n = f->n - f->pos;
    if (n > len) {
        n = len;
    }
    if (f->max_piece != 0u) {
        size_t k = 1u + (size_t)(next(f) % f->max_piece);
        if (n > k) {
            n = k;
        }
    }
    memcpy(buf, f->in + f->pos, n);
    f->pos += n;
    return (int32_t)n;
}

static void z_close(void *ctx) { ((fz *)ctx)->connected = 0; }
static int64_t z_utc(void *ctx)
{
    fz *f = (fz *)ctx;
    return f->utc < 0 ? -1 : f->utc + (int64_t)(f->mono / 1000u);
}
static uint64_t z_mono(void *ctx) { return ((fz *)ctx)->mono; }
static asc_status z_random(void *ctx, uint8_t *buf, size_t len)
{
    fz *f = (fz *)ctx;
    size_t i;
    for (i = 0; i < len; i++) {
        buf[i] = (uint8_t)next(f);
    }
    return ASC_OK;
}
static void z_sleep(void *ctx, uint32_t ms) { ((fz *)ctx)->mono += ms; }

static void check_field(const char *s, size_t cap)
{
    if (memchr(s, '\0', cap) == NULL) {
        abort();
    }
}

#define FUZZ_SECRET "FuzzSecretValue0123456789abcd"

/* The secret (or an HMAC key block made of it) must never be left in the
 * work buffer, whatever path the call took. */
static void check_no_secret(const uint8_t *w, size_t n)
{
    static const uint8_t x[3] = { 0x00, 0x36, 0x5c };
    const size_t k = 12;
    size_t i, j, m;
    for (m = 0; m < 3; m++) {
        for (i = 0; i + k <= n; i++) {
            for (j = 0; j < k && w[i + j] == (uint8_t)(FUZZ_SECRET[j] ^ x[m]); j++) {
            }
            if (j == k) {
                abort();
            }
        }
    }
}

/* base64("fuzzuser:" FUZZ_PROXY_PASSWORD), whose 16 first digits must not
 * stay in the work buffer after a call through the proxy. */
#define FUZZ_PROXY_PASSWORD "FuzzProxyPassword42"
static const char k_proxy_b64[] = "ZnV6enVzZXI6RnV6elByb3h5UGFzc3dvcmQ0Mg==";

static int has_proxy_b64(const uint8_t *w, size_t n)
{
    const size_t k = 16;
    size_t i;
    for (i = 0; i + k <= n; i++) {
        if (memcmp(w + i, k_proxy_b64, k) == 0) {
            return 1;
        }
    }
    return 0;
}

/* (Unless the "server" sent those bytes itself: the fuzzer learns them.) */
static void check_no_proxy_credentials(const uint8_t *w, size_t n, const fz *f)
{
    if (has_proxy_b64(w, n) && !has_proxy_b64(f->in, f->n)) {
        abort();
    }
}

static int inside(asc_span s, const uint8_t *w, size_t n)
{
    return s.len == 0u ||
           ((const uint8_t *)s.ptr >= w && (const uint8_t *)s.ptr + s.len <= w + n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static asc_client cl;
    static asc_result res;
    fz f;
    asc_port port;
    asc_client_config cfg;
    uint8_t *work;
    size_t work_len;
    asc_status st;

    if (size < 4u) {
        return 0;
    }
    memset(&f, 0, sizeof f);
    f.in = data + 4;
    f.n = size - 4u;
    f.max_piece = data[1];
    f.rng = 0x9e3779b9u ^ ((uint32_t)data[3] << 8) ^ data[3];
    if (f.rng == 0u) {
        f.rng = 1u;
    }
    f.stalls = (data[0] & 0x40u) != 0u;
    f.fail_first_send = (data[0] & 0x80u) != 0u;
    f.utc = (data[0] & 0x10u) ? -1 : 1767225600; /* 2026-01-01 */
    f.mono = 1000000u;

    port.ctx = &f;
    port.connect = z_connect;
    port.send = z_send;
    port.recv = z_recv;
    port.close = z_close;
    port.utc_now = z_utc;
    port.mono_ms = z_mono;
    port.random = z_random;
    port.sleep_ms = z_sleep;

    asc_client_config_defaults(&cfg);
    cfg.host = "appstream-center.cn-shanghai.aliyuncs.com";
    cfg.creds.access_key_id = asc_span_from_str("LTAI5tFuzzKeyId");
    cfg.creds.access_key_secret = asc_span_from_str(FUZZ_SECRET);
    if (data[0] & 0x20u) {
        cfg.creds.security_token = asc_span_from_str("CAIS.fuzz-sts-token");
    }
    cfg.sig = (data[0] & 0x04u) ? ASC_SIG_V1 : ASC_SIG_V3;
    cfg.max_attempts = (uint8_t)((data[0] & 3u) == 0u ? 1u : (data[0] & 3u));
    cfg.insecure_plaintext_http = true;
    if (data[3] & 0x80u) {
        cfg.proxy.host = "proxy.fuzz";
        cfg.proxy.port = 3128;
        cfg.proxy.username = asc_span_from_str("fuzzuser");
        cfg.proxy.password = asc_span_from_str(FUZZ_PROXY_PASSWORD);
    }

    work_len = 512u + (size_t)data[2] * 32u;
    work = (uint8_t *)malloc(work_len);
    if (work == NULL) {
        abort();
    }
    if (asc_client_init(&cl, &cfg, &port, NULL, work, work_len) != ASC_OK) {
        abort();
    }
    if (data[0] & 0x08u) {
        static const asc_param params[2] = {
            { ASC_SPAN_LIT("PageSize"), ASC_SPAN_LIT("10") },
            { ASC_SPAN_LIT("ImageName"), ASC_SPAN_LIT("a b&c=d/\xe4\xb8\xad") },
        };
        asc_rpc_request rq;
        memset(&rq, 0, sizeof rq);
        rq.action = asc_span_from_str("ListImage");
        rq.version = asc_span_from_str(ASC_API_VERSION);
        rq.method = ASC_METHOD_POST;
        rq.params_in = ASC_PARAMS_IN_BODY;
        rq.params = params;
        rq.n_params = 2;
        st = asc_call(&cl, &rq, &res);
    } else {
        st = asc_delete_image(&cl, asc_span_from_str("img-fuzz-0001"), &res);
    }
    (void)asc_status_str(st);
    check_field(res.code, sizeof res.code);
    check_field(res.message, sizeof res.message);
    check_field(res.request_id, sizeof res.request_id);
    check_field(res.host_id, sizeof res.host_id);
    check_field(res.recommend, sizeof res.recommend);
    if (!inside(res.body, work, work_len) || !inside(res.data_json, work, work_len)) {
        abort();
    }
    if (st == ASC_OK && res.error != ASC_ERR_NONE && !res.already_deleted) {
        abort();
    }
    if (cl.attempts > cfg.max_attempts + 1u) { /* + one clock re-sign */
        abort();
    }
    check_no_secret(work, work_len);
    check_no_proxy_credentials(work, work_len, &f);
    asc_client_close(&cl);
    free(work);
    return 0;
}
