/*
 * The credentials provider (asc_credentials.h) over the scripted transport
 * and fake clock (tests/fake_port.c): when the client asks (no credentials,
 * the expiry margin, a token answer), what it signs with, provider
 * failures, wiping, and that no call asks more than twice.
 */
#include <stdint.h>
#include "harness.h"
#include "asc.h"
#include "asc_client.h"
#include "fake_port.h"

#define T0 1767225600 /* the fake port's UTC at setup: 2026-01-01T00:00:00Z */

static fake_port fp;
static asc_port port;
static asc_client cl;
static asc_client_config cfg;
static uint8_t work[4096];
static asc_result res;

#if ASC_ENABLE_CREDENTIALS_PROVIDER
/* The provider under test: hands out generation n as "STS.id<n>" with
 * secret "secret<n>" and token "token<n>", expiring at expires[n] (the last
 * entry repeats); or fails / hands back something unusable. */
typedef struct fake_provider {
    int asked;
    int fail_from;        /* > 0: asks from this one on fail */
    int bad;              /* 1 empty id, 2 secret too long, 3 token too long, 4 empty secret */
    bool no_token;
    bool store_was_zero;  /* the store was all zeros on every ask */
    int64_t expires[4];
    int n_expires;
} fake_provider;

static fake_provider prov;
static asc_credentials_store store;
static asc_credentials_provider provider;

static bool all_zero(const void *p, size_t n)
{
    const uint8_t *b = (const uint8_t *)p;
    size_t i;
    for (i = 0; i < n; i++) {
        if (b[i] != 0u) {
            return false;
        }
    }
    return true;
}

static size_t put(char *dst, size_t cap, const char *what, int n)
{
    return (size_t)snprintf(dst, cap, "%s%d", what, n);
}

static asc_status fetch(void *ctx, asc_credentials_store *s)
{
    fake_provider *p = (fake_provider *)ctx;
    int n = ++p->asked;
    if (!all_zero(s, sizeof *s)) {
        p->store_was_zero = false;
    }
    /* something in the store even when failing: the client must wipe it */
    s->access_key_id_len = put(s->access_key_id, sizeof s->access_key_id, "STS.id", n);
    s->access_key_secret_len = put(s->access_key_secret, sizeof s->access_key_secret, "secret", n);
    s->security_token_len = p->no_token ? 0u
                            : put(s->security_token, sizeof s->security_token, "token", n);
    s->expires_utc = p->n_expires == 0 ? 0
                     : p->expires[n - 1 < p->n_expires ? n - 1 : p->n_expires - 1];
    switch (p->bad) {
    case 1: s->access_key_id_len = 0u; break;
    case 2: s->access_key_secret_len = sizeof s->access_key_secret + 1u; break;
    case 3: s->security_token_len = sizeof s->security_token + 1u; break;
    case 4: s->access_key_secret_len = 0u; break;
    default: break;
    }
    if (p->fail_from > 0 && n >= p->fail_from) {
        return ASC_E_IO; /* any failure: the client reports ASC_E_CREDENTIALS */
    }
    return ASC_OK;
}

#endif

#define OK_BODY "{\"Data\":true,\"Success\":true,\"Code\":\"200\",\"Message\":\"successful\",\"RequestId\":\"R-OK\"}"
static char ok_resp[256];
static char token_resp[4][512];
static char other_resp[512];
static char unavailable_resp[512];
static const char *const token_codes[4] = {
    "InvalidSecurityToken.Expired", "MissingSecurityToken",
    "InvalidSecurityToken.Malformed", "InvalidSecurityToken.MismatchWithAccessKey",
};

static void mk(char *dst, size_t cap, const char *status, const char *code)
{
    char body[256];
    int n = snprintf(body, sizeof body,
                     "{\"RequestId\":\"R-1\",\"Code\":\"%s\",\"Message\":\"m\"}", code);
    (void)snprintf(dst, cap, "HTTP/1.1 %s\r\nContent-Length: %d\r\n\r\n%s", status, n, body);
}

static void make_responses(void)
{
    int i;
    (void)snprintf(ok_resp, sizeof ok_resp, "HTTP/1.1 200 OK\r\nContent-Length: %zu\r\n\r\n%s",
                   strlen(OK_BODY), OK_BODY);
    for (i = 0; i < 4; i++) {
        mk(token_resp[i], sizeof token_resp[i], "400 Bad Request", token_codes[i]);
    }
    mk(other_resp, sizeof other_resp, "404 Not Found", "InvalidAccessKeyId.NotFound");
    mk(unavailable_resp, sizeof unavailable_resp, "503 Service Unavailable", "ServiceUnavailable");
}

static void add(const char *s)
{
    (void)fake_add(&fp, s, strlen(s));
}

static void setup_fixed(void)
{
    fake_port_init(&fp, &port);
    asc_client_config_defaults(&cfg);
    cfg.creds.access_key_id = asc_span_from_str("testid");
    cfg.creds.access_key_secret = asc_span_from_str("testsecret");
    cfg.insecure_plaintext_http = true;
    CHECK_EQ(asc_client_init(&cl, &cfg, &port, NULL, work, sizeof work), ASC_OK);
}

#if ASC_ENABLE_CREDENTIALS_PROVIDER
/* A client with the provider; expiry times relative to T0 (0: none). */
static void setup(int64_t e0, int64_t e1)
{
    fake_port_init(&fp, &port);
    memset(&prov, 0, sizeof prov);
    prov.store_was_zero = true;
    if (e0 != 0) {
        prov.expires[prov.n_expires++] = T0 + e0;
    }
    if (e1 != 0) {
        prov.expires[prov.n_expires++] = T0 + e1;
    }
    memset(&store, 0x5a, sizeof store); /* init wipes it */
    provider.fetch = fetch;
    provider.ctx = &prov;
    provider.store = &store;
    asc_client_config_defaults(&cfg);
    cfg.credentials_provider = &provider;
    cfg.insecure_plaintext_http = true;
    CHECK_EQ(asc_client_init(&cl, &cfg, &port, NULL, work, sizeof work), ASC_OK);
    CHECK(all_zero(&store, sizeof store));
}

#endif

static asc_status del(void)
{
    return asc_delete_image(&cl, asc_span_from_str("img-1"), &res);
}

static bool sent_has(int req, const char *needle)
{
    size_t k = strlen(needle), i, n;
    if (req >= FAKE_MAX_RESP) {
        return false;
    }
    n = fp.sent_len[req];
    for (i = 0; i + k <= n; i++) {
        if (memcmp(fp.sent[req] + i, needle, k) == 0) {
            return true;
        }
    }
    return false;
}

#if ASC_ENABLE_CREDENTIALS_PROVIDER
/* Move the fake clocks (UTC follows the monotonic one). */
static void advance_s(uint64_t s)
{
    fp.mono += s * 1000u;
}

#endif

#if ASC_ENABLE_CREDENTIALS_PROVIDER
static void test_init(void)
{
    asc_credentials_provider bad = { NULL, NULL, NULL };
    T_CASE("init: a provider needs fetch and store; creds then not needed");
    fake_port_init(&fp, &port);
    asc_client_config_defaults(&cfg);
    CHECK_EQ(cfg.credentials_refresh_margin_s, 180);
    CHECK(cfg.credentials_provider == NULL);
    cfg.insecure_plaintext_http = true;
    CHECK_EQ(asc_client_init(&cl, &cfg, &port, NULL, work, sizeof work), ASC_E_INVALID_ARG);
    CHECK_EQ(cl.invalid_arg, ASC_ARG_ACCESS_KEY_ID);
    cfg.credentials_provider = &bad;
    CHECK_EQ(asc_client_init(&cl, &cfg, &port, NULL, work, sizeof work), ASC_E_INVALID_ARG);
    CHECK_EQ(cl.invalid_arg, ASC_ARG_CREDENTIALS_PROVIDER);
    bad.fetch = fetch;
    CHECK_EQ(asc_client_init(&cl, &cfg, &port, NULL, work, sizeof work), ASC_E_INVALID_ARG);
    CHECK_EQ(cl.invalid_arg, ASC_ARG_CREDENTIALS_PROVIDER);
    bad.fetch = NULL;
    bad.store = &store;
    CHECK_EQ(asc_client_init(&cl, &cfg, &port, NULL, work, sizeof work), ASC_E_INVALID_ARG);
    CHECK_EQ(cl.invalid_arg, ASC_ARG_CREDENTIALS_PROVIDER);
    bad.fetch = fetch;
    bad.ctx = &prov;
    CHECK_EQ(asc_client_init(&cl, &cfg, &port, NULL, work, sizeof work), ASC_OK);
    /* fixed credentials given too: ignored, the provider is asked */
    cfg.creds.access_key_id = asc_span_from_str("fixedid");
    cfg.creds.access_key_secret = asc_span_from_str("fixedsecret");
    memset(&prov, 0, sizeof prov);
    CHECK_EQ(asc_client_init(&cl, &cfg, &port, NULL, work, sizeof work), ASC_OK);
    CHECK_EQ(prov.asked, 0); /* not at init */
    add(ok_resp);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(prov.asked, 1);
    CHECK(sent_has(0, "Credential=STS.id1,"));
    CHECK(!sent_has(0, "fixedid"));
}

#endif

static void test_fixed_unchanged(void)
{
    T_CASE("fixed credentials: signed as given, token answers not retried");
    setup_fixed();
    add(ok_resp);
    CHECK_EQ(del(), ASC_OK);
    CHECK(sent_has(0, "Credential=testid,"));
    CHECK(!sent_has(0, "x-acs-security-token"));
#if ASC_ENABLE_CREDENTIALS_PROVIDER
    asc_client_forget_credentials(&cl); /* nothing to forget: the caller's */
#endif
    CHECK_EQ(cl.cfg.creds.access_key_id.len, 6);
    add(token_resp[0]);
    CHECK_EQ(del(), ASC_E_SERVICE);
    CHECK_STR(res.code, "InvalidSecurityToken.Expired");
    CHECK_EQ(fp.requests, 2);
    CHECK_EQ(cl.attempts, 1);
}

#if ASC_ENABLE_CREDENTIALS_PROVIDER
static void test_first_call_and_reuse(void)
{
    T_CASE("asked by the first call, kept while far from expiry");
    setup(3600, 0);
    add(ok_resp);
    add(ok_resp);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(prov.asked, 1);
    CHECK(sent_has(0, "Credential=STS.id1,"));
    CHECK(sent_has(0, "x-acs-security-token: token1\r\n"));
    CHECK(sent_has(0, "x-acs-credentials-provider: static_sts\r\n"));
    advance_s(3600 - 181); /* 181 s left: outside the 180 s margin */
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(prov.asked, 1);
    CHECK(sent_has(1, "x-acs-security-token: token1\r\n"));
    CHECK(prov.store_was_zero);

    T_CASE("plain AccessKey from a provider, no expiry: asked once for good");
    setup(0, 0);
    prov.no_token = true;
    add(ok_resp);
    add(ok_resp);
    CHECK_EQ(del(), ASC_OK);
    advance_s(10u * 365u * 86400u);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(prov.asked, 1);
    CHECK(!sent_has(1, "x-acs-security-token"));
    CHECK(sent_has(1, "x-acs-credentials-provider: static_ak\r\n"));
}

static void test_margin(void)
{
    T_CASE("expiry margin: asked again at exactly margin seconds before expiry");
    setup(3600, 7200);
    add(ok_resp);
    add(ok_resp);
    add(ok_resp);
    CHECK_EQ(del(), ASC_OK);
    advance_s(3600 - 181);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(prov.asked, 1);
    advance_s(1); /* 180 s left */
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(prov.asked, 2);
    CHECK(sent_has(2, "Credential=STS.id2,"));
    CHECK(sent_has(2, "x-acs-security-token: token2\r\n"));
    CHECK_EQ(fp.requests, 3); /* one request per call: asking is not a retry */
    CHECK_EQ(cl.attempts, 1);

    T_CASE("expiry margin is the configured one");
    fake_port_init(&fp, &port);
    memset(&prov, 0, sizeof prov);
    prov.expires[prov.n_expires++] = T0 + 3600;
    cfg.credentials_refresh_margin_s = 600;
    CHECK_EQ(asc_client_init(&cl, &cfg, &port, NULL, work, sizeof work), ASC_OK);
    add(ok_resp);
    add(ok_resp);
    CHECK_EQ(del(), ASC_OK);
    advance_s(3000); /* 600 s left */
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(prov.asked, 2);

    T_CASE("margin 0: asked when the expiry time is reached");
    fake_port_init(&fp, &port);
    memset(&prov, 0, sizeof prov);
    prov.expires[prov.n_expires++] = T0 + 100;
    cfg.credentials_refresh_margin_s = 0;
    CHECK_EQ(asc_client_init(&cl, &cfg, &port, NULL, work, sizeof work), ASC_OK);
    add(ok_resp);
    add(ok_resp);
    add(ok_resp);
    CHECK_EQ(del(), ASC_OK);
    advance_s(99);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(prov.asked, 1);
    advance_s(1);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(prov.asked, 2);
}

static void test_margin_during_retries(void)
{
    T_CASE("inside the margin: asked once per call, not before every retry");
    setup(3600, 3610); /* the fresh ones are inside the margin too */
    add(ok_resp);
    add(unavailable_resp);
    add(unavailable_resp);
    add(ok_resp);
    add(ok_resp);
    CHECK_EQ(del(), ASC_OK);
    advance_s(3500); /* 100 s left */
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(prov.asked, 2);
    CHECK_EQ(cl.attempts, 3);
    CHECK(sent_has(1, "Credential=STS.id2,"));
    CHECK(sent_has(3, "Credential=STS.id2,"));
    /* the next call asks again (once), and uses what it gets */
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(prov.asked, 3);
    CHECK(sent_has(4, "Credential=STS.id3,"));
}

static void test_token_answers(void)
{
    int i;
    for (i = 0; i < 4; i++) {
        T_CASE(token_codes[i]);
        setup(3600, 7200);
        add(token_resp[i]);
        add(ok_resp);
        CHECK_EQ(del(), ASC_OK);
        CHECK_EQ(prov.asked, 2);
        CHECK_EQ(fp.requests, 2);
        CHECK(sent_has(0, "Credential=STS.id1,"));
        CHECK(sent_has(1, "Credential=STS.id2,"));
        CHECK(sent_has(1, "x-acs-security-token: token2\r\n"));
        CHECK(!sent_has(1, "token1"));
        CHECK_EQ(fp.n_sleeps, 0); /* re-signed at once, no backoff */
        CHECK_EQ(cl.attempts, 2); /* every request counts here; max_attempts: below */
        CHECK(prov.store_was_zero);
    }
    T_CASE("another error: no new credentials");
    setup(3600, 7200);
    add(other_resp);
    CHECK_EQ(del(), ASC_E_SERVICE);
    CHECK_EQ(prov.asked, 1);
    CHECK_EQ(fp.requests, 1);

    T_CASE("token answer with max_attempts 1: the re-signed retry still happens");
    setup(3600, 7200);
    cl.cfg.max_attempts = 1;
    add(token_resp[0]);
    add(ok_resp);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(fp.requests, 2);
}

static void test_no_loop(void)
{
    T_CASE("no loop: a second token answer ends the call");
    setup(3600, 7200);
    add(token_resp[0]);
    add(token_resp[0]);
    add(ok_resp);
    CHECK_EQ(del(), ASC_E_SERVICE);
    CHECK_STR(res.code, "InvalidSecurityToken.Expired");
    CHECK_EQ(prov.asked, 2);
    CHECK_EQ(fp.requests, 2);
    /* the next call starts afresh with what it holds: one more retry */
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(prov.asked, 2);
    CHECK(sent_has(2, "Credential=STS.id2,"));

    T_CASE("no loop: expired credentials from the provider, and token answers");
    setup(-10, -10); /* the provider only ever has expired ones */
    add(token_resp[0]);
    add(token_resp[0]);
    add(token_resp[0]);
    add(token_resp[0]);
    CHECK_EQ(del(), ASC_E_SERVICE);
    CHECK_EQ(prov.asked, 2); /* before the first attempt, after the answer */
    CHECK_EQ(fp.requests, 2);
    CHECK_EQ(del(), ASC_E_SERVICE);
    CHECK_EQ(prov.asked, 4); /* each call: at most twice */
    CHECK_EQ(fp.requests, 4);

    T_CASE("no loop: token answers with retryable errors between");
    setup(3600, 7200);
    add(token_resp[0]);
    add(unavailable_resp);
    add(token_resp[0]);
    add(ok_resp);
    CHECK_EQ(del(), ASC_E_SERVICE);
    CHECK_STR(res.code, "InvalidSecurityToken.Expired");
    CHECK_EQ(prov.asked, 2);
    CHECK_EQ(fp.requests, 3);
}

static void test_provider_failure(void)
{
    int b;
    T_CASE("provider failure before the first attempt: nothing sent");
    setup(3600, 0);
    prov.fail_from = 1;
    add(ok_resp);
    CHECK_EQ(del(), ASC_E_CREDENTIALS);
    CHECK_EQ(fp.connects, 0);
    CHECK_EQ(fp.requests, 0);
    CHECK_EQ(prov.asked, 1);
    CHECK(all_zero(&store, sizeof store)); /* what it left is wiped */
    CHECK_EQ(cl.cfg.creds.access_key_id.len, 0);
    CHECK_STR(asc_status_str(ASC_E_CREDENTIALS),
              ASC_ENABLE_STATUS_TEXT ? "credentials unavailable" : "26");
    /* the next call asks again */
    prov.fail_from = 0;
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(prov.asked, 2);
    CHECK(sent_has(0, "Credential=STS.id2,"));

    T_CASE("provider failure on a token answer: the answer is kept");
    setup(3600, 0);
    prov.fail_from = 2;
    add(token_resp[0]);
    add(ok_resp);
    CHECK_EQ(del(), ASC_E_CREDENTIALS);
    CHECK_STR(res.code, "InvalidSecurityToken.Expired");
    CHECK_EQ(fp.requests, 1);
    CHECK_EQ(prov.asked, 2); /* before the attempt, then once for the answer */
    CHECK(all_zero(&store, sizeof store));

    T_CASE("provider failure at the margin: the call fails, the old ones are wiped");
    setup(3600, 0);
    add(ok_resp);
    add(ok_resp);
    CHECK_EQ(del(), ASC_OK);
    prov.fail_from = 2;
    advance_s(3500);
    CHECK_EQ(del(), ASC_E_CREDENTIALS);
    CHECK_EQ(fp.requests, 1);
    CHECK(all_zero(&store, sizeof store));

    for (b = 1; b <= 4; b++) {
        T_CASE("unusable credentials from the provider");
        setup(3600, 0);
        prov.bad = b;
        add(ok_resp);
        CHECK_EQ(del(), ASC_E_CREDENTIALS);
        CHECK_EQ(fp.requests, 0);
        CHECK(all_zero(&store, sizeof store));
    }
    T_CASE("control bytes from the provider: refused before sending");
    setup(3600, 0);
    add(ok_resp);
    CHECK_EQ(del(), ASC_OK);
    store.security_token[2] = '\n';
    add(ok_resp);
    CHECK_EQ(del(), ASC_E_INVALID_HEADER_VALUE);
    CHECK_EQ(fp.requests, 1);
}

static void test_forget(void)
{
    T_CASE("forget: store zeroed, the next call asks");
    setup(3600, 0);
    add(ok_resp);
    add(ok_resp);
    CHECK_EQ(del(), ASC_OK);
    CHECK(!all_zero(&store, sizeof store));
    asc_client_forget_credentials(&cl);
    CHECK(all_zero(&store, sizeof store));
    CHECK_EQ(cl.cfg.creds.access_key_secret.len, 0);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(prov.asked, 2);
    asc_client_forget_credentials(NULL);
}

#if ASC_ENABLE_CLOCK_SYNC
/* (Without clock sync a device without a clock cannot call at all.) */
static void test_time_unknown(void)
{
    T_CASE("no clock yet: only missing credentials or a token answer make it ask");
    setup(100, 7200);
    fp.utc = -1; /* no real-time clock, nothing learned (no Date header) */
    /* an expiry the stand-in clock (monotonic seconds) would pass */
    prov.expires[0] = (int64_t)(fp.mono / 1000u) + 100;
    add(ok_resp);
    add(ok_resp);
    add(token_resp[0]);
    add(ok_resp);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(prov.asked, 1);
    advance_s(100000);
    CHECK_EQ(del(), ASC_OK); /* expiry cannot be judged: not asked */
    CHECK_EQ(prov.asked, 1);
    CHECK_EQ(del(), ASC_OK); /* the service says so: asked, re-signed */
    CHECK_EQ(prov.asked, 2);
    CHECK_EQ(fp.requests, 4);
}
#endif
#else /* !ASC_ENABLE_CREDENTIALS_PROVIDER */

/* Without the knob asc_client_config has no credentials_provider member (a
 * program that sets one does not compile); the status keeps its number. */
static void test_not_built(void)
{
    T_CASE("without ASC_ENABLE_CREDENTIALS_PROVIDER: ASC_E_CREDENTIALS keeps its number");
    CHECK_EQ((int)ASC_E_CREDENTIALS, 26);
    CHECK_STR(asc_status_str(ASC_E_CREDENTIALS),
              ASC_ENABLE_STATUS_TEXT ? "credentials unavailable" : "26");
}
#endif

int main(void)
{
    make_responses();
    test_fixed_unchanged();
#if ASC_ENABLE_CREDENTIALS_PROVIDER
    test_init();
    test_first_call_and_reuse();
    test_margin();
    test_margin_during_retries();
    test_token_answers();
    test_no_loop();
    test_provider_failure();
    test_forget();
#if ASC_ENABLE_CLOCK_SYNC
    test_time_unknown();
#endif
#else
    test_not_built();
#endif
    return TEST_REPORT();
}
