/*
 * test_spec_client.c - rules of include/asc_client.h that other tests use
 * without stating them (issue 24), over the scripted port (tests/
 * fake_port.c, fault injection only):
 *  C1 asc_client_config_defaults sets exactly the documented defaults;
 *  C2 the work buffer: under 512 bytes refused (ASC_ARG_WORK), 512 taken;
 *  C3 the Host header: the port only when it is not the default (80 plain,
 *     443 TLS), the longest host name (ASC_MAX_HOST_LEN) with the longest
 *     port fits; one byte longer is refused (ASC_ARG_HOST);
 *  C4 every attempt signs with a fresh nonce: ASC_NONCE_LEN lowercase hex
 *     digits of the port's random bytes; no randomness: ASC_E_PORT and
 *     nothing sent;
 *  C5 an answer cut short: nothing at all is "closed" (ASC_E_CLOSED); any
 *     byte that came back is the parser's to judge: a lone LF is an empty
 *     status line, malformed.
 *  C6 status classes: only 200..299 is success (a 300 carrying a service
 *     JSON body is that service error); every 5xx (500..599) from a front
 *     end is retried and may have executed (Image.NotExist after it means
 *     already deleted), 429 is retried but was not executed, 499 is not
 *     retried (and a status of 600 is no status at all: malformed);
 *  C7 Retry-After as an HTTP-date: (date - the answer's Date) seconds in
 *     ms, exactly; up to 4294967 s counted, from 4294968 s clamped to
 *     UINT32_MAX (and then not waited for);
 *  C8 full jitter: the port's randomness picks each sleep in
 *     [0, min(max, base * 2^(n-1))], so a port whose random words are all
 *     zero gives sleeps of 0 (the range starts at 0, it is not a midpoint);
 *     once base * 2^(n-1) passes max the range stays [0, max] for every
 *     later attempt, also beyond the 32nd (no shift wraps around); with
 *     backoff_max_ms UINT32_MAX the range grows to 2^31 at attempt 32 and
 *     stays there, and a random word inside the range is the sleep.
 *     The range's ends: a random word equal to the range's top is slept
 *     in full; a range [0, 1] is a range (not "no range"); the range
 *     doubles up to max exactly (base 200, max 801: the third range is
 *     [0, 800]); a port whose randomness fails in the backoff sleeps half
 *     the range's top.
 *  C9 asc_client_init: a one-byte AccessKey ID and secret are enough; a
 *     security token with a length but no bytes is refused
 *     (ASC_ARG_SECURITY_TOKEN); with V1 signing, a request the builder
 *     refuses is blamed on the request (ASC_ARG_REQUEST), not the config.
 *  C10 a deadline with 1 ms left still makes the attempt; a port that
 *     takes one byte per send still gets the whole request out.
 *  C11 the front end's Server (and Location) in the result: a value of
 *     exactly ASC_SERVER_MAX - 1 bytes is whole and not truncated, one of
 *     ASC_SERVER_MAX bytes is cut to ASC_SERVER_MAX - 1 and truncated;
 *     printable ASCII (' ' to '~') is kept, a tab becomes '?'. Location is
 *     read for 300..399 only (not for 299, not for 400).
 *  C12 Retry-After in seconds: digits only (a ':' makes it unreadable);
 *     42949670 s is clamped to UINT32_MAX, as is 4294968 s on its own;
 *     without a deadline, a Retry-After of exactly backoff_max_ms is
 *     waited for (only more ends the call); with a deadline, a wait that
 *     leaves no millisecond for the next attempt is not begun (Retry-After
 *     of 1 s with 1000 ms left ends the call at once, with 1001 ms left
 *     the retry happens).
 *  C13 the device clock: 0 is a time (1970-01-01T00:00:00Z), only a
 *     negative value means "no clock", and then (clock sync) monotonic
 *     seconds stand in for it; a credentials provider is asked again
 *     before an attempt when the held credentials expire within the
 *     margin of the device's time, also at time 0.
 */
#include <stdint.h>
#include <stdio.h>
#include "harness.h"
#include "asc.h"
#include "asc_client.h"
#include "asc_request.h"
#include "asc_credentials.h"
#include "fake_port.h"

static fake_port fp;
static asc_port port;
static asc_client cl;
static asc_client_config cfg;
static uint8_t work[4096];
static asc_result res;

#define OK_RESP \
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 83\r\n\r\n" \
    "{\"Data\":true,\"Success\":true,\"Code\":\"200\",\"Message\":\"successful\",\"RequestId\":\"OK-1\"}"

#define BUSY_RESP "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n"

static void config(void)
{
    asc_client_config_defaults(&cfg);
    cfg.creds.access_key_id = asc_span_from_str("testid");
    cfg.creds.access_key_secret = asc_span_from_str("testsecret");
    cfg.insecure_plaintext_http = true;
}

static asc_status init(size_t work_len)
{
    fake_port_init(&fp, &port);
    return asc_client_init(&cl, &cfg, &port, NULL, work, work_len);
}

static asc_status del(void)
{
    return asc_delete_image(&cl, asc_span_from_str("img-1"), &res);
}

static void test_defaults(void)
{
    T_CASE("C1: the documented defaults, every field");
    memset(&cfg, 0xA5, sizeof cfg);
    asc_client_config_defaults(&cfg);
    CHECK_STR(cfg.host, ASC_DEFAULT_HOST);
    CHECK_EQ(cfg.port, 0);
    CHECK(cfg.creds.access_key_id.ptr == NULL && cfg.creds.access_key_id.len == 0u);
    CHECK(cfg.creds.access_key_secret.len == 0u && cfg.creds.security_token.len == 0u);
    CHECK_EQ(cfg.sig, ASC_SIG_V3);
    CHECK(cfg.user_agent == NULL);
    CHECK_EQ(cfg.credentials_provider_header, 1);
    CHECK_EQ(cfg.connect_timeout_ms, 5000u);
    CHECK_EQ(cfg.io_timeout_ms, 10000u);
    CHECK_EQ(cfg.deadline_ms, 30000u);
    CHECK_EQ(cfg.max_attempts, 3u);
    CHECK_EQ(cfg.backoff_base_ms, 200u);
    CHECK_EQ(cfg.backoff_max_ms, 5000u);
    CHECK_EQ(cfg.clock_skew_tolerance_s, 300u);
    CHECK_EQ(cfg.insecure_plaintext_http, 0);
#if ASC_ENABLE_PROXY
    CHECK(cfg.proxy.host == NULL);
#endif
#if ASC_ENABLE_TOOLS
    CHECK(cfg.trace == NULL);
#endif
#if ASC_ENABLE_CREDENTIALS_PROVIDER
    CHECK(cfg.credentials_provider == NULL);
    CHECK_EQ(cfg.credentials_refresh_margin_s, 180u);
#endif
    asc_client_config_defaults(NULL); /* nothing to set, no crash */
}

static void test_work_buffer(void)
{
    T_CASE("C2: a work buffer of 511 bytes is refused, 512 taken");
    config();
    CHECK_EQ(init(511u), ASC_E_INVALID_ARG);
    CHECK_EQ(cl.invalid_arg, ASC_ARG_WORK);
    CHECK_EQ(init(512u), ASC_OK);
    CHECK_EQ(cl.invalid_arg, ASC_ARG_NONE);
    CHECK_EQ(asc_client_init(&cl, &cfg, &port, NULL, NULL, sizeof work), ASC_E_INVALID_ARG);
    CHECK_EQ(cl.invalid_arg, ASC_ARG_WORK);
}

static void test_host_header(void)
{
    static char host[ASC_MAX_HOST_LEN + 2];
    static char want[ASC_MAX_HOST_LEN + 8];
    T_CASE("C3: the default port is not written, another one is");
    config();
    CHECK_EQ(init(sizeof work), ASC_OK);
    CHECK_STR(cl.host_hdr, ASC_DEFAULT_HOST);
    CHECK_EQ(cl.cfg.port, 80u);
    cfg.port = 80u;
    CHECK_EQ(init(sizeof work), ASC_OK);
    CHECK_STR(cl.host_hdr, ASC_DEFAULT_HOST);
    cfg.port = 443u; /* not the default of a plain connection */
    CHECK_EQ(init(sizeof work), ASC_OK);
    CHECK_STR(cl.host_hdr, ASC_DEFAULT_HOST ":443");
    T_CASE("C3: the longest host with the longest port fits; one more byte is refused");
    memset(host, 'a', ASC_MAX_HOST_LEN);
    host[ASC_MAX_HOST_LEN] = '\0';
    cfg.host = host;
    cfg.port = 65535u;
    CHECK_EQ(init(sizeof work), ASC_OK);
    (void)snprintf(want, sizeof want, "%s:65535", host);
    CHECK_STR(cl.host_hdr, want);
    CHECK_EQ(strlen(cl.host_hdr), (size_t)ASC_MAX_HOST_LEN + 6u);
    host[ASC_MAX_HOST_LEN] = 'a';
    host[ASC_MAX_HOST_LEN + 1] = '\0';
    CHECK_EQ(init(sizeof work), ASC_E_INVALID_ARG);
    CHECK_EQ(cl.invalid_arg, ASC_ARG_HOST);
}

/* The value of header name ("name:") in request i as sent ("" when
 * absent). */
static void sent_header(int i, const char *name, char *out, size_t cap)
{
    const char *p = strstr(fp.sent[i], name);
    size_t n = 0;
    out[0] = '\0';
    if (p == NULL) {
        return;
    }
    p += strlen(name);
    while (*p == ' ') {
        p++;
    }
    while (p[n] != '\r' && p[n] != '\0' && n + 1 < cap) {
        out[n] = p[n];
        n++;
    }
    out[n] = '\0';
}

static void sent_nonce(int i, char *out, size_t cap)
{
    sent_header(i, "x-acs-signature-nonce:", out, cap);
}

static void test_nonce(void)
{
    char got[64], want[ASC_NONCE_LEN + 1];
    size_t i;
    T_CASE("C4: the nonce is the port's random bytes in lowercase hex");
    config();
    cfg.max_attempts = 2u;
    CHECK_EQ(init(sizeof work), ASC_OK);
    fake_add(&fp, BUSY_RESP, sizeof BUSY_RESP - 1u);
    fake_add(&fp, OK_RESP, sizeof OK_RESP - 1u);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(fp.requests, 2);
    /* fake_port's bytes: rng * 37 + 11, rng counting from 0; the backoff
     * between the attempts takes 4 more */
    for (i = 0; i < ASC_NONCE_LEN / 2u; i++) {
        (void)snprintf(want + 2u * i, 3u, "%02x", (unsigned)(uint8_t)(i * 37u + 11u));
    }
    sent_nonce(0, got, sizeof got);
    CHECK_STR(got, want);
    CHECK_EQ(strlen(got), (size_t)ASC_NONCE_LEN);
    T_CASE("C4: each attempt has its own nonce");
    sent_nonce(1, want, sizeof want);
    CHECK_EQ(strlen(want), (size_t)ASC_NONCE_LEN);
    CHECK(strcmp(got, want) != 0);
    for (i = 0; i < ASC_NONCE_LEN; i++) {
        CHECK((want[i] >= '0' && want[i] <= '9') || (want[i] >= 'a' && want[i] <= 'f'));
    }
    T_CASE("C4: no randomness: ASC_E_PORT before anything is sent");
    config();
    CHECK_EQ(init(sizeof work), ASC_OK);
    fp.rng_fail = true;
    fake_add(&fp, OK_RESP, sizeof OK_RESP - 1u);
    CHECK_EQ(del(), ASC_E_PORT);
    CHECK_EQ(fp.connects, 0);
    CHECK_EQ(fp.requests, 0);
}

static void test_cut_answer(void)
{
    asc_status one;
    T_CASE("C5: the peer closes without a byte: closed");
    config();
    cfg.max_attempts = 1u;
    CHECK_EQ(init(sizeof work), ASC_OK);
    fp.resp[fake_add(&fp, "", 0u)].close_after = true;
    CHECK_EQ(del(), ASC_E_CLOSED);
    T_CASE("C5: one byte, a lone LF, then closed: a malformed status line");
    CHECK_EQ(init(sizeof work), ASC_OK);
    fp.resp[fake_add(&fp, "\n", 1u)].close_after = true;
    one = del();
    CHECK_EQ(one, ASC_E_HTTP_MALFORMED);
}

static const char *answer(const char *status, const char *extra, const char *body)
{
    static char store[FAKE_MAX_RESP][768];
    static int n;
    char *r = store[n++ % FAKE_MAX_RESP];
    (void)snprintf(r, sizeof store[0],
                   "HTTP/1.1 %s\r\nServer: gw\r\nDate: Thu, 01 Jan 2026 00:00:00 GMT\r\n"
                   "%sContent-Length: %u\r\n\r\n%s",
                   status, extra, (unsigned)strlen(body), body);
    fake_add(&fp, r, strlen(r));
    return r;
}

#define OK_JSON "{\"Data\":true,\"Success\":true,\"Code\":\"200\",\"Message\":\"successful\",\"RequestId\":\"OK-1\"}"
#define NOCODE_JSON "{\"Data\":true,\"RequestId\":\"NC-1\"}"
#define NOTEXIST_JSON "{\"RequestId\":\"NE-1\",\"Code\":\"Image.NotExist\",\"Message\":\"The image does not exist.\"}"

static void test_status_classes(void)
{
    T_CASE("C6: 299 with the service's body is success, 300 is not");
    config();
    CHECK_EQ(init(sizeof work), ASC_OK);
    answer("299 Whatever", "Content-Type: application/json\r\n", OK_JSON);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(init(sizeof work), ASC_OK);
    answer("300 Multiple Choices", "Content-Type: application/json\r\n", OK_JSON);
    CHECK_EQ(del(), ASC_E_SERVICE);
    CHECK_EQ(res.http_status, 300);
    T_CASE("C6: a JSON body without Code: 299 is the service's, 300 a front end's");
    CHECK_EQ(init(sizeof work), ASC_OK);
    answer("299 Whatever", "Content-Type: application/json\r\n", NOCODE_JSON);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(init(sizeof work), ASC_OK);
    answer("300 Multiple Choices", "Content-Type: application/json\r\n", NOCODE_JSON);
    CHECK_EQ(del(), ASC_E_FRONT_END);
    T_CASE("C6: a front end's 599 is retried and may have executed");
    CHECK_EQ(init(sizeof work), ASC_OK);
    answer("599 Network Connect Timeout", "", "");
    answer("400 Bad Request", "Content-Type: application/json\r\n", NOTEXIST_JSON);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(res.already_deleted, 1);
    CHECK_EQ(cl.attempts, 2u);
    CHECK_EQ(init(sizeof work), ASC_OK);
    answer("500 Internal Server Error", "", "");
    answer("400 Bad Request", "Content-Type: application/json\r\n", NOTEXIST_JSON);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(res.already_deleted, 1);
    T_CASE("C6: 429 is retried but was not executed");
    CHECK_EQ(init(sizeof work), ASC_OK);
    answer("429 Too Many Requests", "", "");
    answer("400 Bad Request", "Content-Type: application/json\r\n", NOTEXIST_JSON);
    CHECK_EQ(del(), ASC_E_SERVICE);
    CHECK_EQ(res.already_deleted, 0);
    CHECK_EQ(cl.attempts, 2u);
    T_CASE("C6: 499 is no 5xx: not retried; a 600 status line is malformed");
    CHECK_EQ(init(sizeof work), ASC_OK);
    answer("499 Client Closed Request", "", "");
    answer("200 OK", "Content-Type: application/json\r\n", OK_JSON);
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK_EQ(cl.attempts, 1u);
    CHECK_EQ(init(sizeof work), ASC_OK);
    answer("600 Beyond", "", "");
    answer("200 OK", "Content-Type: application/json\r\n", OK_JSON);
    CHECK_EQ(del(), ASC_E_HTTP_MALFORMED);
    CHECK_EQ(cl.attempts, 1u);
    CHECK_EQ(fp.requests, 1);
}

static void test_retry_after_date(void)
{
#if ASC_ENABLE_CLOCK_SYNC
    T_CASE("C7: an HTTP-date 3 s after the answer's Date: 3000 ms");
    config();
    cfg.max_attempts = 1u;
    CHECK_EQ(init(sizeof work), ASC_OK);
    answer("503 Service Unavailable", "Retry-After: Thu, 01 Jan 2026 00:00:03 GMT\r\n", "");
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK((res.present & ASC_RESULT_HAS_RETRY_AFTER) != 0u);
    CHECK_EQ(res.retry_after_ms, 3000u);
    T_CASE("C7: counted from the answer's Date, not the device clock (100 s ahead)");
    CHECK_EQ(init(sizeof work), ASC_OK);
    fp.utc += 100;
    answer("503 Service Unavailable", "Retry-After: Thu, 01 Jan 2026 00:00:03 GMT\r\n", "");
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK_EQ(res.retry_after_ms, 3000u);
    T_CASE("C7: the Date itself or earlier: 0 ms");
    CHECK_EQ(init(sizeof work), ASC_OK);
    answer("503 Service Unavailable", "Retry-After: Thu, 01 Jan 2026 00:00:00 GMT\r\n", "");
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK_EQ(res.retry_after_ms, 0u);
    CHECK_EQ(init(sizeof work), ASC_OK);
    answer("503 Service Unavailable", "Retry-After: Wed, 31 Dec 2025 23:59:59 GMT\r\n", "");
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK_EQ(res.retry_after_ms, 0u);
    CHECK((res.present & ASC_RESULT_HAS_RETRY_AFTER) != 0u);
    T_CASE("C7: 4294967 s still counted, 4294968 s clamped");
    CHECK_EQ(init(sizeof work), ASC_OK);
    answer("503 Service Unavailable", "Retry-After: Thu, 19 Feb 2026 17:02:47 GMT\r\n", "");
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK_EQ(res.retry_after_ms, 4294967000u);
    CHECK_EQ(init(sizeof work), ASC_OK);
    answer("503 Service Unavailable", "Retry-After: Thu, 19 Feb 2026 17:02:48 GMT\r\n", "");
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK_EQ(res.retry_after_ms, UINT32_MAX);
#endif
}

static asc_status zero_random(void *ctx, uint8_t *buf, size_t len)
{
    (void)ctx;
    memset(buf, 0, len);
    return ASC_OK;
}

static void test_full_jitter(void)
{
    T_CASE("C8: random words of zero: each backoff sleep is 0");
    config();
    cfg.max_attempts = 3u;
    CHECK_EQ(init(sizeof work), ASC_OK);
    port.random = zero_random;
    answer("503 Service Unavailable", "", "");
    answer("503 Service Unavailable", "", "");
    answer("503 Service Unavailable", "", "");
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK_EQ(cl.attempts, 3u);
    CHECK_EQ(fp.n_sleeps, 2);
    CHECK_EQ(fp.sleeps[0], 0u);
    CHECK_EQ(fp.sleeps[1], 0u);
    T_CASE("C8: the fake port's words: within [0, base] then [0, 2 base]");
    CHECK_EQ(init(sizeof work), ASC_OK);
    answer("503 Service Unavailable", "", "");
    answer("503 Service Unavailable", "", "");
    answer("503 Service Unavailable", "", "");
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK_EQ(fp.n_sleeps, 2);
    CHECK(fp.sleeps[0] <= 200u);
    CHECK(fp.sleeps[1] <= 400u);
}

static uint32_t slept[64];
static int n_slept;
static void record_sleep(void *ctx, uint32_t ms)
{
    (void)ctx;
    if (n_slept < 64) {
        slept[n_slept] = ms;
    }
    n_slept++;
}
static asc_status refuse_connect(void *ctx, const char *h, uint16_t p, uint32_t to)
{
    (void)ctx; (void)h; (void)p; (void)to;
    return ASC_E_CONNECT;
}

static void test_long_backoff(void)
{
    int i, above_base = 0;
    T_CASE("C8: 40 attempts: from the 33rd on the range is still [0, max]");
    config();
    cfg.max_attempts = 40u;
    cfg.deadline_ms = 0u;
    cfg.backoff_base_ms = 1u;
    cfg.backoff_max_ms = 5000u;
    CHECK_EQ(init(sizeof work), ASC_OK);
    port.connect = refuse_connect;
    port.sleep_ms = record_sleep;
    n_slept = 0;
    CHECK_EQ(del(), ASC_E_CONNECT);
    CHECK_EQ(cl.attempts, 40u);
    CHECK_EQ(n_slept, 39);
    for (i = 0; i < 39; i++) {
        CHECK(slept[i] <= 5000u);
        CHECK(slept[i] <= (i < 13 ? (1u << i) : 5000u));
    }
    for (i = 32; i < 39; i++) { /* sleeps after attempts 33..39 */
        above_base += slept[i] > 1u;
    }
    CHECK(above_base > 0);
}

#define WORD 0x40000005u /* a random word above 2^30, below 2^31 */
static asc_status fixed_word(void *ctx, uint8_t *buf, size_t len)
{
    uint32_t w = WORD;
    size_t i;
    (void)ctx;
    for (i = 0; i < len; i++) {
        buf[i] = ((const uint8_t *)&w)[i % sizeof w];
    }
    return ASC_OK;
}

static void test_widest_backoff(void)
{
    int i;
    T_CASE("C8: base 1, max UINT32_MAX: range 2^(n-1) up to 2^31, then kept");
    config();
    cfg.max_attempts = 40u;
    cfg.deadline_ms = 0u;
    cfg.backoff_base_ms = 1u;
    cfg.backoff_max_ms = UINT32_MAX;
    CHECK_EQ(init(sizeof work), ASC_OK);
    port.connect = refuse_connect;
    port.sleep_ms = record_sleep;
    port.random = fixed_word;
    n_slept = 0;
    CHECK_EQ(del(), ASC_E_CONNECT);
    CHECK_EQ(n_slept, 39);
    for (i = 0; i < 31; i++) { /* after attempt i + 1: [0, 2^i] */
        CHECK(slept[i] <= (1u << i));
    }
    for (i = 31; i < 39; i++) { /* attempts 32..39: [0, 2^31] holds the word */
        CHECK_EQ(slept[i], WORD);
    }
}


/* ---- C8: the ends of the backoff range ---------------------------------- */

static uint32_t g_word;
static long g_random_calls;
/* Every random word is g_word (the nonce's bytes too). */
static asc_status word_random(void *ctx, uint8_t *buf, size_t len)
{
    size_t i;
    (void)ctx;
    g_random_calls++;
    for (i = 0; i < len; i++) {
        buf[i] = ((const uint8_t *)&g_word)[i % sizeof g_word];
    }
    return ASC_OK;
}
/* Nonces are drawn (ASC_NONCE_LEN / 2 bytes); a backoff word is not. */
static asc_status nonce_only_random(void *ctx, uint8_t *buf, size_t len)
{
    if (len == sizeof(uint32_t)) {
        return ASC_E_PORT;
    }
    return word_random(ctx, buf, len);
}

static void backoff_run(uint32_t base, uint32_t max, uint32_t word, unsigned attempts)
{
    config();
    cfg.max_attempts = (uint8_t)attempts;
    cfg.deadline_ms = 0u;
    cfg.backoff_base_ms = base;
    cfg.backoff_max_ms = max;
    CHECK_EQ(init(sizeof work), ASC_OK);
    port.connect = refuse_connect;
    port.sleep_ms = record_sleep;
    port.random = word_random;
    g_word = word;
    n_slept = 0;
    CHECK_EQ(del(), ASC_E_CONNECT);
    CHECK_EQ(n_slept, (int)attempts - 1);
}

static void test_backoff_ends(void)
{
    T_CASE("C8: a random word equal to the range's top sleeps the whole range");
    backoff_run(200u, 5000u, 200u, 2u);
    CHECK_EQ(slept[0], 200u);
    T_CASE("C8: a range [0, 1] is drawn from, not skipped");
    backoff_run(1u, 1u, 1u, 2u);
    CHECK_EQ(slept[0], 1u);
    T_CASE("C8: base 200, max 801: ranges [0,200], [0,400], [0,800]");
    backoff_run(200u, 801u, 801u, 4u);
    CHECK_EQ(slept[0], 801u % 201u);
    CHECK_EQ(slept[1], 801u % 401u);
    CHECK_EQ(slept[2], 0u); /* 801 % 801: the range is [0, 800], not [0, 801] */
    T_CASE("C8: randomness fails in the backoff: half the range's top");
    config();
    cfg.max_attempts = 3u;
    cfg.deadline_ms = 0u;
    CHECK_EQ(init(sizeof work), ASC_OK);
    port.connect = refuse_connect;
    port.sleep_ms = record_sleep;
    port.random = nonce_only_random;
    n_slept = 0;
    CHECK_EQ(del(), ASC_E_CONNECT);
    CHECK_EQ(n_slept, 2);
    CHECK_EQ(slept[0], 100u);
    CHECK_EQ(slept[1], 200u);
}

/* ---- C9: what asc_client_init takes ------------------------------------- */

static void test_init_inputs(void)
{
    asc_param bad = { { NULL, 0u }, ASC_SPAN_LIT("img-1") }; /* no name */
    asc_rpc_request rq = { ASC_SPAN_LIT("DeleteImage"), ASC_SPAN_LIT(ASC_API_VERSION),
                           ASC_METHOD_POST, ASC_PARAMS_IN_BODY, NULL, 1u };
    T_CASE("C9: a one-byte AccessKey ID and secret are taken");
    config();
    cfg.creds.access_key_id = asc_span_from_str("k");
    cfg.creds.access_key_secret = asc_span_from_str("s");
    CHECK_EQ(init(sizeof work), ASC_OK);
    CHECK_EQ(cl.invalid_arg, ASC_ARG_NONE);
    T_CASE("C9: a security token of one byte at NULL is refused, an empty one taken");
    config();
    cfg.creds.security_token.ptr = NULL;
    cfg.creds.security_token.len = 1u;
    CHECK_EQ(init(sizeof work), ASC_E_INVALID_ARG);
    CHECK_EQ(cl.invalid_arg, ASC_ARG_SECURITY_TOKEN);
    cfg.creds.security_token.len = 0u;
    CHECK_EQ(init(sizeof work), ASC_OK);
#if ASC_ENABLE_V1
    T_CASE("C9: V1 signing, a request the builder refuses: ASC_ARG_REQUEST");
    config();
    cfg.sig = ASC_SIG_V1;
    CHECK_EQ(init(sizeof work), ASC_OK);
    rq.params = &bad;
    CHECK_EQ(asc_call(&cl, &rq, &res), ASC_E_INVALID_ARG);
    CHECK_EQ(cl.invalid_arg, ASC_ARG_REQUEST);
    CHECK_EQ(fp.requests, 0);
#else
    (void)bad;
    (void)rq;
#endif
}

/* ---- C10: the smallest margins that still work -------------------------- */

static void test_smallest_margins(void)
{
    T_CASE("C10: 1 ms of deadline left: the attempt is made");
    config();
    cfg.deadline_ms = 1u;
    CHECK_EQ(init(sizeof work), ASC_OK);
    answer("200 OK", "Content-Type: application/json\r\n", OK_JSON);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(fp.requests, 1);
    T_CASE("C10: a port taking one byte per send: the whole request goes out");
    config();
    CHECK_EQ(init(sizeof work), ASC_OK);
    fp.send_chunk = 1u;
    answer("200 OK", "Content-Type: application/json\r\n", OK_JSON);
    CHECK_EQ(del(), ASC_OK);
    CHECK(fp.sends > 100);
    CHECK_EQ((size_t)fp.sends, fp.sent_len[0]);
}

/* ---- C11: Server and Location in the result ------------------------------ */

#if ASC_ENABLE_FRONT_END_FIELDS
/* An answer of head and an empty body, queued. */
static void one_answer(const char *head)
{
    static char store2[4][512];
    static int n;
    char *r = store2[n++ % 4];
    (void)snprintf(r, sizeof store2[0], "%sContent-Length: 0\r\n\r\n", head);
    fake_add(&fp, r, strlen(r));
}

#endif

static void test_front_end_text(void)
{
#if ASC_ENABLE_FRONT_END_FIELDS
    char head[256], name[ASC_SERVER_MAX + 1];
    T_CASE("C11: a Server of ASC_SERVER_MAX - 1 bytes is whole, not truncated");
    config();
    cfg.max_attempts = 1u;
    CHECK_EQ(init(sizeof work), ASC_OK);
    memset(name, 'n', sizeof name);
    name[ASC_SERVER_MAX - 1] = '\0';
    (void)snprintf(head, sizeof head, "HTTP/1.1 502 Bad Gateway\r\nServer: %s\r\n", name);
    one_answer(head);
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK_STR(res.server, name);
    CHECK(!res.truncated);
    T_CASE("C11: a Server of ASC_SERVER_MAX bytes is cut by one and truncated");
    CHECK_EQ(init(sizeof work), ASC_OK);
    name[ASC_SERVER_MAX - 1] = 'x';
    name[ASC_SERVER_MAX] = '\0';
    (void)snprintf(head, sizeof head, "HTTP/1.1 502 Bad Gateway\r\nServer: %s\r\n", name);
    one_answer(head);
    CHECK_EQ(del(), ASC_E_FRONT_END);
    name[ASC_SERVER_MAX - 1] = '\0';
    CHECK_STR(res.server, name);
    CHECK(res.truncated);
    T_CASE("C11: ' ' and '~' are kept, a tab becomes '?'");
    CHECK_EQ(init(sizeof work), ASC_OK);
    one_answer("HTTP/1.1 502 Bad Gateway\r\nServer: a\tb ~c\r\n");
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK_STR(res.server, "a?b ~c");
    CHECK(!res.truncated);
    T_CASE("C11: Location is read for 399, not for 299 or 400");
    CHECK_EQ(init(sizeof work), ASC_OK);
    one_answer("HTTP/1.1 399 Odd\r\nLocation: /moved\r\n");
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK_STR(res.location, "/moved");
    CHECK_EQ(init(sizeof work), ASC_OK);
    one_answer("HTTP/1.1 400 Bad Request\r\nLocation: /moved\r\n");
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK_STR(res.location, "");
    CHECK_EQ(init(sizeof work), ASC_OK);
    answer("299 Whatever", "Location: /moved\r\nContent-Type: application/json\r\n", OK_JSON);
    CHECK_EQ(del(), ASC_OK);
    CHECK_STR(res.location, "");
#endif
}

/* ---- C12: Retry-After in seconds ------------------------------------------ */

static void test_retry_after_seconds(void)
{
    T_CASE("C12: a ':' after the digits makes Retry-After unreadable");
    config();
    cfg.max_attempts = 1u;
    CHECK_EQ(init(sizeof work), ASC_OK);
    answer("503 Service Unavailable", "Retry-After: 1:\r\n", "");
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK((res.present & ASC_RESULT_HAS_RETRY_AFTER) == 0u);
    CHECK_EQ(init(sizeof work), ASC_OK);
    answer("503 Service Unavailable", "Retry-After: 9\r\n", "");
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK((res.present & ASC_RESULT_HAS_RETRY_AFTER) != 0u);
    CHECK_EQ(res.retry_after_ms, 9000u);
    T_CASE("C12: 4294968 s on its own and 42949670 s: clamped to UINT32_MAX");
    CHECK_EQ(init(sizeof work), ASC_OK);
    answer("503 Service Unavailable", "Retry-After: 4294968\r\n", "");
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK_EQ(res.retry_after_ms, UINT32_MAX);
    CHECK_EQ(init(sizeof work), ASC_OK);
    answer("503 Service Unavailable", "Retry-After: 42949670\r\n", "");
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK_EQ(res.retry_after_ms, UINT32_MAX);
    T_CASE("C12: no deadline: Retry-After of exactly backoff_max_ms is waited for");
    config();
    cfg.deadline_ms = 0u;
    cfg.backoff_max_ms = 5000u;
    CHECK_EQ(init(sizeof work), ASC_OK);
    answer("503 Service Unavailable", "Retry-After: 5\r\n", "");
    answer("200 OK", "Content-Type: application/json\r\n", OK_JSON);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(fp.n_sleeps, 1);
    CHECK_EQ(fp.sleeps[0], 5000u);
    CHECK_EQ(init(sizeof work), ASC_OK);
    answer("503 Service Unavailable", "Retry-After: 6\r\n", "");
    answer("200 OK", "Content-Type: application/json\r\n", OK_JSON);
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK_EQ(fp.n_sleeps, 0);
    T_CASE("C12: Retry-After 1 s with exactly 1000 ms left: not waited for");
    config();
    cfg.deadline_ms = 1000u;
    CHECK_EQ(init(sizeof work), ASC_OK);
    answer("503 Service Unavailable", "Retry-After: 1\r\n", "");
    answer("200 OK", "Content-Type: application/json\r\n", OK_JSON);
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK_EQ(fp.n_sleeps, 0);
    CHECK_EQ(fp.requests, 1);
    T_CASE("C12: with 1001 ms left: waited for, and the retry succeeds");
    cfg.deadline_ms = 1001u;
    CHECK_EQ(init(sizeof work), ASC_OK);
    answer("503 Service Unavailable", "Retry-After: 1\r\n", "");
    answer("200 OK", "Content-Type: application/json\r\n", OK_JSON);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(fp.n_sleeps, 1);
    CHECK_EQ(fp.sleeps[0], 1000u);
}

/* ---- C13: the device clock ----------------------------------------------- */

#if ASC_ENABLE_CREDENTIALS_PROVIDER
static int n_fetches;
static int64_t g_expires;
static asc_status fetch_creds(void *ctx, asc_credentials_store *st)
{
    (void)ctx;
    n_fetches++;
    memcpy(st->access_key_id, "kid", 3);
    st->access_key_id_len = 3u;
    memcpy(st->access_key_secret, "ksecret", 7);
    st->access_key_secret_len = 7u;
    st->expires_utc = g_expires;
    return ASC_OK;
}
#endif

static void test_device_clock(void)
{
    char date[32];
#if ASC_ENABLE_CREDENTIALS_PROVIDER
    static asc_credentials_store store;
    asc_credentials_provider prov;
    int64_t starts[2];
    int k;
#endif
    T_CASE("C13: a device clock at 0 is a time: 1970-01-01T00:00:00Z");
    config();
    CHECK_EQ(init(sizeof work), ASC_OK);
    fp.utc = 0;
    answer("200 OK", "Content-Type: application/json\r\n", OK_JSON);
    CHECK_EQ(del(), ASC_OK);
    sent_header(0, "x-acs-date:", date, sizeof date);
    CHECK_STR(date, "1970-01-01T00:00:00Z");
#if ASC_ENABLE_CLOCK_SYNC
    T_CASE("C13: no clock (negative): monotonic seconds stand in (clock sync)");
    CHECK_EQ(init(sizeof work), ASC_OK);
    fp.utc = -1;
    fp.mono = 5000999u; /* 5000.999 s */
    answer("200 OK", "Content-Type: application/json\r\n", OK_JSON);
    CHECK_EQ(del(), ASC_OK);
    sent_header(0, "x-acs-date:", date, sizeof date);
    CHECK_STR(date, "1970-01-01T01:23:20Z");
#endif
#if ASC_ENABLE_CREDENTIALS_PROVIDER
    starts[0] = 0;           /* a device clock at 0 */
    starts[1] = 1767225600;  /* 2026-01-01T00:00:00Z */
    for (k = 0; k < 2; k++) {
        T_CASE("C13: credentials expiring within the margin are fetched again");
        config();
        memset(&prov, 0, sizeof prov);
        prov.fetch = fetch_creds;
        prov.store = &store;
        cfg.credentials_provider = &prov;
        CHECK_EQ(init(sizeof work), ASC_OK);
        fp.utc = starts[k];
        g_expires = starts[k] + 100; /* inside the 180 s margin */
        n_fetches = 0;
        /* no Date in the answers: the clock offset stays unknown, so only
         * the device's own time says the credentials are expiring */
        fake_add(&fp, OK_RESP, strlen(OK_RESP));
        fake_add(&fp, OK_RESP, strlen(OK_RESP));
        CHECK_EQ(del(), ASC_OK);
        CHECK_EQ(n_fetches, 1);
        CHECK_EQ(del(), ASC_OK);
        CHECK_EQ(n_fetches, 2);
    }
#endif
}

int main(void)
{
    test_defaults();
    test_work_buffer();
    test_host_header();
    test_nonce();
    test_cut_answer();
    test_status_classes();
    test_retry_after_date();
    test_full_jitter();
    test_long_backoff();
    test_widest_backoff();
    test_backoff_ends();
    test_init_inputs();
    test_smallest_margins();
    test_front_end_text();
    test_retry_after_seconds();
    test_device_clock();
    return TEST_REPORT();
}
