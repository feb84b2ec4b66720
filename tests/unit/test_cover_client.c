/*
 * test_cover_client.c - the branches of src/client.c that the behaviour
 * tests (test_client.c) do not reach: every argument check of
 * asc_client_init / asc_call / asc_delete_image, deadlines hit at connect,
 * send and receive, send timeouts and closes, every transport status the
 * retry loop classifies, backoff arithmetic at its limits, a response that
 * ends in the last bytes of the work buffer, HTML from a proxy.
 * A small scripted port of its own: a clock that ticks on every read.
 */
#include <stdint.h>
#include "harness.h"
#include "asc.h"
#include "asc_client.h"
#include "asc_tls.h"

typedef struct sp {
    const char *resp[4];   /* one per connection attempt (request) */
    size_t pos;
    int cur, sends_seen;
    size_t chunk;
    int32_t send_ret;      /* != 0: what send returns */
    int send_zero;         /* send returns 0 (nothing sent in time) */
    int32_t recv_after;    /* != 0: what recv returns once data is out */
    asc_status connect_st[4];
    int connects, closes, requests;
    uint64_t mono, tick;
    int64_t utc;
    int rng_ok_calls;      /* random fails after this many calls (-1: never) */
    int rng_calls;
    uint32_t slept;
    int connected;
} sp;

static asc_status s_connect(void *ctx, const char *h, uint16_t p, uint32_t to)
{
    sp *s = (sp *)ctx;
    asc_status st = s->connect_st[s->connects < 4 ? s->connects : 3];
    (void)h; (void)p; (void)to;
    s->connects++;
    if (st != ASC_OK) {
        return st;
    }
    s->connected = 1;
    return ASC_OK;
}
static int32_t s_send(void *ctx, const uint8_t *b, size_t n, uint32_t to)
{
    sp *s = (sp *)ctx;
    (void)b;
    if (s->send_zero) {
        s->mono += to;
        return 0;
    }
    if (s->send_ret != 0) {
        return s->send_ret;
    }
    if (s->sends_seen == 0) {
        s->cur = s->requests++;
        s->pos = 0;
    }
    s->sends_seen = 1;
    return (int32_t)n;
}
static int32_t s_recv(void *ctx, uint8_t *b, size_t n, uint32_t to)
{
    sp *s = (sp *)ctx;
    const char *r;
    size_t left;
    s->sends_seen = 0;
    s->mono += s->tick;
    r = (s->cur >= 0 && s->cur < 4) ? s->resp[s->cur] : NULL;
    if (r == NULL) {
        if (s->recv_after != 0) {
            return s->recv_after;
        }
        s->mono += to;
        return 0;
    }
    left = strlen(r) - s->pos;
    if (left == 0u) {
        if (s->recv_after != 0) {
            return s->recv_after;
        }
        s->mono += to;
        return 0;
    }
    if (left > n) {
        left = n;
    }
    if (s->chunk != 0u && left > s->chunk) {
        left = s->chunk;
    }
    memcpy(b, r + s->pos, left);
    s->pos += left;
    return (int32_t)left;
}
static void s_close(void *ctx) { sp *s = (sp *)ctx; s->closes++; s->connected = 0; }
static int64_t s_utc(void *ctx) { return ((sp *)ctx)->utc; }
static uint64_t s_mono(void *ctx) { sp *s = (sp *)ctx; s->mono += s->tick; return s->mono; }
static asc_status s_random(void *ctx, uint8_t *b, size_t n)
{
    sp *s = (sp *)ctx;
    if (s->rng_ok_calls >= 0 && s->rng_calls++ >= s->rng_ok_calls) {
        return ASC_E_PORT;
    }
    memset(b, 0x5a, n);
    return ASC_OK;
}
static void s_sleep(void *ctx, uint32_t ms) { sp *s = (sp *)ctx; s->slept += ms; s->mono += ms; }

static sp S;
static asc_port P;
static asc_client C;
static asc_client_config CFG;
static uint8_t W[4096];
static asc_result R;

#define OK_BODY "{\"Data\":true,\"Success\":true,\"Code\":\"200\",\"RequestId\":\"r\"}"
#define OK_RESP "HTTP/1.1 200 OK\r\nContent-Length: 57\r\n\r\n" OK_BODY
#define NOTEXIST_BODY "{\"Code\":\"Image.NotExist\",\"RequestId\":\"r\"}"
#define NOTEXIST_RESP "HTTP/1.1 400 Bad Request\r\nContent-Length: 41\r\n\r\n" NOTEXIST_BODY
#define EXPIRED_BODY "{\"Code\":\"InvalidTimeStamp.Expired\"}"
#define EXPIRED_DATE "HTTP/1.1 400 Bad Request\r\nDate: Mon, 01 Jun 2026 12:00:00 GMT\r\nContent-Length: 35\r\n\r\n" EXPIRED_BODY

static void port_reset(void)
{
    memset(&S, 0, sizeof S);
    S.cur = -1;
    S.mono = 1000000u;
    S.utc = 1767225600;
    S.rng_ok_calls = -1;
    P.ctx = &S;
    P.connect = s_connect;
    P.send = s_send;
    P.recv = s_recv;
    P.close = s_close;
    P.utc_now = s_utc;
    P.mono_ms = s_mono;
    P.random = s_random;
    P.sleep_ms = s_sleep;
}

static void cfg_reset(void)
{
    asc_client_config_defaults(&CFG);
    CFG.creds.access_key_id = asc_span_from_str("id");
    CFG.creds.access_key_secret = asc_span_from_str("secret");
    CFG.insecure_plaintext_http = true;
}

static asc_status init(void)
{
    return asc_client_init(&C, &CFG, &P, NULL, W, sizeof W);
}

static asc_status del(void)
{
    return asc_delete_image(&C, asc_span_from_str("img-1"), &R);
}

static void test_init_args(void)
{
    static char longhost[300];
    asc_port q;
    size_t i;
    asc_tls *fake_tls = (asc_tls *)(void *)W; /* never dereferenced by init */

    T_CASE("init arguments");
    asc_client_config_defaults(NULL);
    port_reset();
    cfg_reset();
    CHECK_EQ(asc_client_init(NULL, &CFG, &P, NULL, W, sizeof W), ASC_E_INVALID_ARG);
    CHECK_EQ(asc_client_init(&C, NULL, &P, NULL, W, sizeof W), ASC_E_INVALID_ARG);
    CHECK_EQ(asc_client_init(&C, &CFG, NULL, NULL, W, sizeof W), ASC_E_INVALID_ARG);
    CHECK_EQ(asc_client_init(&C, &CFG, &P, NULL, NULL, sizeof W), ASC_E_INVALID_ARG);
    /* each port function missing */
    for (i = 0; i < 8; i++) {
        q = P;
        switch (i) {
        case 0: q.connect = NULL; break;
        case 1: q.send = NULL; break;
        case 2: q.recv = NULL; break;
        case 3: q.close = NULL; break;
        case 4: q.utc_now = NULL; break;
        case 5: q.mono_ms = NULL; break;
        case 6: q.random = NULL; break;
        default: q.sleep_ms = NULL; break;
        }
        CHECK_EQ(asc_client_init(&C, &CFG, &q, NULL, W, sizeof W), ASC_E_INVALID_ARG);
    }
    CHECK_EQ(asc_client_init(&C, &CFG, &P, NULL, W, 511), ASC_E_INVALID_ARG);
    CFG.max_attempts = 0;
    CHECK_EQ(init(), ASC_E_INVALID_ARG);
    cfg_reset();
    CFG.insecure_plaintext_http = false;
    CHECK_EQ(init(), ASC_E_INVALID_ARG); /* no TLS and no explicit opt-in */
    cfg_reset();
    CFG.creds.access_key_id.len = 0;
    CHECK_EQ(init(), ASC_E_INVALID_ARG);
    cfg_reset();
    CFG.creds.access_key_id.ptr = NULL;
    CHECK_EQ(init(), ASC_E_INVALID_ARG);
    cfg_reset();
    CFG.creds.access_key_secret.len = 0;
    CHECK_EQ(init(), ASC_E_INVALID_ARG);
    cfg_reset();
    CFG.creds.access_key_secret.ptr = NULL;
    CHECK_EQ(init(), ASC_E_INVALID_ARG);
    cfg_reset();
    CFG.creds.security_token.len = 3;
    CHECK_EQ(init(), ASC_E_INVALID_ARG);
    cfg_reset();
    CFG.sig = (asc_sig_version)7;
    CHECK_EQ(init(), ASC_E_INVALID_ARG);
    cfg_reset();
    CFG.sig = ASC_SIG_V1;
    CHECK_EQ(init(), ASC_OK);
    cfg_reset();
    CFG.host = NULL; /* default host */
    CHECK_EQ(init(), ASC_OK);
    CHECK_STR(C.host_hdr, ASC_DEFAULT_HOST);
    CFG.host = "";
    CHECK_EQ(init(), ASC_E_INVALID_ARG);
    memset(longhost, 'a', sizeof longhost - 1u);
    CFG.host = longhost;
    CHECK_EQ(init(), ASC_E_INVALID_ARG);
    CFG.host = "bad\r\nhost";
    CHECK_EQ(init(), ASC_OK); /* bytes are checked by every call */
    CHECK_EQ(del(), ASC_E_INVALID_HEADER_VALUE);
    cfg_reset();
    CFG.creds.access_key_id = asc_span_from_str("id\n");
    CHECK_EQ(init(), ASC_OK);
    CHECK_EQ(del(), ASC_E_INVALID_HEADER_VALUE);
    cfg_reset();
    CFG.creds.security_token = asc_span_from_str("tok\x01");
    CHECK_EQ(init(), ASC_OK);
    CHECK_EQ(del(), ASC_E_INVALID_HEADER_VALUE);
    cfg_reset();
    CFG.user_agent = "ua\r";
    CHECK_EQ(init(), ASC_OK);
    CHECK_EQ(del(), ASC_E_INVALID_HEADER_VALUE);
    CHECK_EQ(S.connects, 0);
    cfg_reset();
    CFG.user_agent = "my-agent/1";
    CFG.host = "h.example";
    CFG.port = 8080;
    CHECK_EQ(init(), ASC_OK);
    CHECK_STR(C.host_hdr, "h.example:8080");
    CHECK_STR(C.cfg.user_agent, "my-agent/1");
    CFG.port = 80;
    CHECK_EQ(init(), ASC_OK);
    CHECK_STR(C.host_hdr, "h.example");
    /* with a TLS context the default port is 443 */
    CFG.port = 0;
    CHECK_EQ(asc_client_init(&C, &CFG, &P, fake_tls, W, sizeof W), ASC_OK);
    CHECK_EQ(C.cfg.port, 443);
    CHECK_STR(C.host_hdr, "h.example");
    CFG.port = 8443;
    CHECK_EQ(asc_client_init(&C, &CFG, &P, fake_tls, W, sizeof W), ASC_OK);
    CHECK_STR(C.host_hdr, "h.example:8443");
    /* close before any connection, and on NULL */
    asc_client_close(NULL);
    asc_client_close(&C);
}

static void test_call_args(void)
{
    asc_rpc_request rq;
    asc_client zero;
    T_CASE("call arguments");
    port_reset();
    cfg_reset();
    CHECK_EQ(init(), ASC_OK);
    memset(&rq, 0, sizeof rq);
    rq.action = asc_span_from_str("DescribeImages");
    rq.version = asc_span_from_str(ASC_API_VERSION);
    CHECK_EQ(asc_call(NULL, &rq, &R), ASC_E_INVALID_ARG);
    CHECK_EQ(asc_call(&C, NULL, &R), ASC_E_INVALID_ARG);
    CHECK_EQ(asc_call(&C, &rq, NULL), ASC_E_INVALID_ARG);
    memset(&zero, 0, sizeof zero);
    CHECK_EQ(asc_call(&zero, &rq, &R), ASC_E_INVALID_ARG);
    CHECK_EQ(asc_delete_image(&C, asc_span_from_str(""), &R), ASC_E_INVALID_ARG);
    {
        asc_span bad = { NULL, 3 };
        CHECK_EQ(asc_delete_image(&C, bad, &R), ASC_E_INVALID_ARG);
    }
    /* a request that cannot be built (bad action): nothing is sent */
    rq.action = asc_span_from_str("Bad Action");
    CHECK(asc_call(&C, &rq, &R) != ASC_OK);
    CHECK_EQ(S.connects, 0);
}

static void test_deadlines(void)
{
    T_CASE("deadline at connect");
    port_reset();
    cfg_reset();
    CFG.deadline_ms = 10;
    S.tick = 20; /* every clock read moves past the deadline */
    CHECK_EQ(init(), ASC_OK);
    CHECK_EQ(del(), ASC_E_DEADLINE);
    CHECK_EQ(S.connects, 0);

    T_CASE("deadline at send");
    port_reset();
    cfg_reset();
    CFG.deadline_ms = 25;
    S.tick = 10;
    CHECK_EQ(init(), ASC_OK);
    CHECK_EQ(del(), ASC_E_DEADLINE);

    T_CASE("deadline while receiving");
    port_reset();
    cfg_reset();
    CFG.deadline_ms = 5000;
    CFG.max_attempts = 1;
    S.resp[0] = OK_RESP;
    S.chunk = 1;
    S.tick = 40; /* ~ 2 reads per byte: the deadline runs out mid-response */
    CHECK_EQ(init(), ASC_OK);
    CHECK_EQ(del(), ASC_E_DEADLINE);

    T_CASE("silent peer: deadline vs timeout");
    port_reset();
    cfg_reset();
    CFG.deadline_ms = 3000;
    CFG.io_timeout_ms = 1000;
    CFG.max_attempts = 1;
    CHECK_EQ(init(), ASC_OK);
    CHECK_EQ(del(), ASC_E_TIMEOUT); /* 1 s of silence, 2 s left */
    port_reset();
    CFG.io_timeout_ms = 5000;       /* the silence eats the whole budget */
    CHECK_EQ(init(), ASC_OK);
    CHECK_EQ(del(), ASC_E_DEADLINE);
    port_reset();
    CFG.deadline_ms = 0;            /* no deadline at all */
    CHECK_EQ(init(), ASC_OK);
    CHECK_EQ(del(), ASC_E_TIMEOUT);

    T_CASE("deadline across the 32-bit wrap of the monotonic clock");
    port_reset();
    cfg_reset();
    S.mono = 0xFFFFFFFFull - 100u; /* the low 32 bits wrap during the call */
    S.tick = 30;
    S.resp[0] = OK_RESP;
    CFG.deadline_ms = 1000;
    CHECK_EQ(init(), ASC_OK);
    CHECK_EQ(del(), ASC_OK);

    T_CASE("deadline_ms above 2^31 - 1 counts as 2^31 - 1, not as expired");
    port_reset();
    cfg_reset();
    S.resp[0] = OK_RESP;
    CFG.deadline_ms = UINT32_MAX;
    CHECK_EQ(init(), ASC_OK);
    CHECK_EQ(del(), ASC_OK);

    T_CASE("no time left for the backoff");
    port_reset();
    cfg_reset();
    CFG.deadline_ms = 500;
    CFG.backoff_base_ms = 400;
    CFG.backoff_max_ms = 400;
    S.resp[0] = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 2\r\n\r\n{}";
    S.resp[1] = OK_RESP;
    S.rng_ok_calls = 1; /* nonce ok, backoff random fails: cap / 2 = 200 */
    CHECK_EQ(init(), ASC_OK);
    S.tick = 150;
    CHECK_EQ(del(), ASC_E_FRONT_END); /* 503 with "{}": no service Code */
    CHECK_EQ(S.requests, 1);
}

static void test_send_outcomes(void)
{
    T_CASE("send timeout / closed / reset");
    port_reset();
    cfg_reset();
    CFG.max_attempts = 1;
    CHECK_EQ(init(), ASC_OK);
    S.send_zero = 1;
    CHECK_EQ(del(), ASC_E_TIMEOUT);
    S.send_zero = 0;
    S.send_ret = ASC_PORT_ERR_CLOSED;
    CHECK_EQ(del(), ASC_E_CLOSED);
    S.send_ret = ASC_PORT_ERR_IO;
    CHECK_EQ(del(), ASC_E_IO);
    S.send_ret = 0;
    S.rng_ok_calls = 0; /* no nonce */
    S.rng_calls = 0;
    CHECK_EQ(del(), ASC_E_PORT);
}

static void test_connect_statuses(void)
{
    static const asc_status retry[] = { ASC_E_DNS, ASC_E_CONNECT, ASC_E_TIMEOUT, ASC_E_TLS };
    size_t i;
    T_CASE("connect failures: retried or not");
    for (i = 0; i < sizeof retry / sizeof retry[0]; i++) {
        port_reset();
        cfg_reset();
        S.connect_st[0] = retry[i];
        S.resp[0] = OK_RESP;
        CHECK_EQ(init(), ASC_OK);
        CHECK_EQ(del(), ASC_OK);
        CHECK_EQ(S.connects, 2);
    }
    port_reset();
    cfg_reset();
    S.connect_st[0] = ASC_E_TLS_CERT;
    CHECK_EQ(init(), ASC_OK);
    CHECK_EQ(del(), ASC_E_TLS_CERT);
    CHECK_EQ(S.connects, 1);
}

static void test_responses(void)
{
    T_CASE("close-delimited body");
    port_reset();
    cfg_reset();
    S.resp[0] = "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" OK_BODY;
    S.recv_after = ASC_PORT_ERR_CLOSED;
    CHECK_EQ(init(), ASC_OK);
    CHECK_EQ(del(), ASC_OK);
    CHECK(R.data);

    T_CASE("reset mid-response");
    port_reset();
    cfg_reset();
    CFG.max_attempts = 1;
    S.resp[0] = "HTTP/1.1 200 OK\r\nContent-Length: 57\r\n\r\n{\"Da";
    S.recv_after = ASC_PORT_ERR_IO;
    CHECK_EQ(init(), ASC_OK);
    CHECK_EQ(del(), ASC_E_IO);

    T_CASE("peer closes mid-response");
    port_reset();
    cfg_reset();
    CFG.max_attempts = 1;
    S.resp[0] = "HTTP/1.1 200 OK\r\nContent-Length: 57\r\n\r\n{\"Da";
    S.recv_after = ASC_PORT_ERR_CLOSED;
    CHECK_EQ(init(), ASC_OK);
    CHECK_EQ(del(), ASC_E_CLOSED);

    T_CASE("pipelined extra bytes close the connection");
    port_reset();
    cfg_reset();
    S.resp[0] = OK_RESP "HTTP/1.1 200 OK\r\n";
    CHECK_EQ(init(), ASC_OK);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(S.closes, 1);
    CHECK(!C.connected);

    T_CASE("HTML from a proxy: 502 is a front-end answer, 200 a JSON error");
    port_reset();
    cfg_reset();
    CFG.max_attempts = 1;
    S.resp[0] = "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 6\r\n\r\n<html>";
    CHECK_EQ(init(), ASC_OK);
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK_EQ(R.http_status, 502);
    port_reset();
    S.resp[0] = "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\n<html>";
    CHECK_EQ(init(), ASC_OK);
    CHECK_EQ(del(), ASC_E_JSON);

    T_CASE("a 3xx with a JSON body without Code (front end), a 200 with Success false");
    port_reset();
    cfg_reset();
    S.resp[0] = "HTTP/1.1 302 Found\r\nContent-Length: 2\r\n\r\n{}";
    CHECK_EQ(init(), ASC_OK);
    CHECK_EQ(del(), ASC_E_FRONT_END);
    port_reset();
    S.resp[0] = "HTTP/1.1 200 OK\r\nContent-Length: 17\r\n\r\n{\"Success\":false}";
    CHECK_EQ(init(), ASC_OK);
    CHECK_EQ(del(), ASC_E_SERVICE);

    T_CASE("response ends in the last bytes of the work buffer");
    {
        static char big[1100];
        static uint8_t w2[1020]; /* not a multiple of 8 */
        size_t head, pad;
        port_reset();
        cfg_reset();
        CFG.max_attempts = 1;
        /* 1018 bytes: its end rounded up to 8 (1024) is past the 1020-byte
         * buffer, so the binder gets no scratch at all */
        head = (size_t)snprintf(big, sizeof big,
                                "HTTP/1.1 200 OK\r\nContent-Length: 57\r\nX-Pad: ");
        pad = 1018u - head - 4u - 57u;
        memset(big + head, 'p', pad);
        memcpy(big + head + pad, "\r\n\r\n" OK_BODY, 4u + 57u + 1u);
        CHECK_EQ(strlen(big), 1018);
        S.resp[0] = big;
        CHECK_EQ(asc_client_init(&C, &CFG, &P, NULL, w2, sizeof w2), ASC_OK);
        CHECK_EQ(del(), ASC_E_RESPONSE_TOO_LARGE);
    }

    T_CASE("Date header absent or unparsable");
    port_reset();
    cfg_reset();
    S.resp[0] = "HTTP/1.1 200 OK\r\nDate: yesterday\r\nContent-Length: 57\r\n\r\n" OK_BODY;
    CHECK_EQ(init(), ASC_OK);
    CHECK_EQ(del(), ASC_OK);
    CHECK(!C.clock_offset_known);
}

static void test_retry_paths(void)
{
    asc_rpc_request rq;
    asc_param p = { ASC_SPAN_LIT("ImageId"), ASC_SPAN_LIT("img-1") };

    T_CASE("generic call: lost answer then NotExist is not 'already deleted'");
    port_reset();
    cfg_reset();
    S.resp[0] = "HTTP/1.1 200 OK\r\nContent-Length: 57\r\n\r\n{\"D";
    S.resp[1] = NOTEXIST_RESP;
    S.recv_after = ASC_PORT_ERR_IO;
    CHECK_EQ(init(), ASC_OK);
    memset(&rq, 0, sizeof rq);
    rq.action = asc_span_from_str("DeleteImage");
    rq.version = asc_span_from_str(ASC_API_VERSION);
    rq.params = &p;
    rq.n_params = 1;
    CHECK_EQ(asc_call(&C, &rq, &R), ASC_E_SERVICE);
    CHECK(!R.already_deleted);

    T_CASE("delete: lost answer, then an error other than NotExist");
    port_reset();
    cfg_reset();
    S.resp[0] = "HTTP/1.1 200 OK\r\nContent-Length: 57\r\n\r\n{\"D";
    S.resp[1] = "HTTP/1.1 400 Bad Request\r\nContent-Length: 35\r\n\r\n{\"Code\":\"InvalidImageId.Malformed\"}";
    S.recv_after = ASC_PORT_ERR_IO;
    CHECK_EQ(init(), ASC_OK);
    CHECK_EQ(del(), ASC_E_SERVICE);
    CHECK(!R.already_deleted);

    T_CASE("expired twice: one re-sign only; expired without Date: no re-sign");
    port_reset();
    cfg_reset();
    S.resp[0] = EXPIRED_DATE;
    S.resp[1] = "HTTP/1.1 400 Bad Request\r\nDate: Tue, 01 Dec 2026 12:00:00 GMT\r\nContent-Length: 35\r\n\r\n" EXPIRED_BODY;
    CHECK_EQ(init(), ASC_OK);
    CHECK_EQ(del(), ASC_E_SERVICE);
    CHECK_EQ(S.requests, ASC_ENABLE_CLOCK_SYNC ? 2 : 1); /* no re-sign without clock sync */
    port_reset();
    S.resp[0] = "HTTP/1.1 400 Bad Request\r\nContent-Length: 35\r\n\r\n" EXPIRED_BODY;
    CHECK_EQ(init(), ASC_OK);
    CHECK_EQ(del(), ASC_E_SERVICE);
    CHECK_EQ(S.requests, 1);

    T_CASE("stale keep-alive: reset, then stale again");
    port_reset();
    cfg_reset();
    S.resp[0] = OK_RESP;
    CHECK_EQ(init(), ASC_OK);
    CHECK_EQ(del(), ASC_OK);
    CHECK(C.connected);
    S.resp[1] = "";
    S.resp[2] = "";
    S.resp[3] = OK_RESP;
    S.recv_after = ASC_PORT_ERR_IO; /* reused connection answers nothing */
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(S.requests, 4);
    /* a timeout on a reused connection is not "stale" */
    port_reset();
    S.resp[0] = OK_RESP;
    CFG.max_attempts = 1;
    CHECK_EQ(init(), ASC_OK);
    CHECK_EQ(del(), ASC_OK);
    S.resp[1] = "";
    CHECK_EQ(del(), ASC_E_TIMEOUT);
}

static void test_backoff_limits(void)
{
    T_CASE("backoff: cap saturates, max below base, zero base");
    port_reset();
    cfg_reset();
    CFG.deadline_ms = 0;
    CFG.max_attempts = 3;
    CFG.backoff_base_ms = 0xC0000000u;
    CFG.backoff_max_ms = UINT32_MAX;
    S.connect_st[0] = ASC_E_CONNECT;
    S.connect_st[1] = ASC_E_CONNECT;
    S.connect_st[2] = ASC_E_CONNECT;
    CHECK_EQ(init(), ASC_OK);
    CHECK_EQ(del(), ASC_E_CONNECT);
    CHECK(S.slept > 0u);
    port_reset();
    CFG.backoff_base_ms = 5000;
    CFG.backoff_max_ms = 100;
    S.connect_st[0] = ASC_E_CONNECT;
    S.connect_st[1] = ASC_E_CONNECT;
    S.connect_st[2] = ASC_E_CONNECT;
    CHECK_EQ(init(), ASC_OK);
    CHECK_EQ(del(), ASC_E_CONNECT);
    CHECK(S.slept <= 200u);
    port_reset();
    CFG.backoff_base_ms = 0;
    S.connect_st[0] = ASC_E_CONNECT;
    S.connect_st[1] = ASC_E_CONNECT;
    S.connect_st[2] = ASC_E_CONNECT;
    CHECK_EQ(init(), ASC_OK);
    CHECK_EQ(del(), ASC_E_CONNECT);
    CHECK_EQ(S.slept, 0);
}

int main(void)
{
    test_init_args();
    test_call_args();
    test_deadlines();
    test_send_outcomes();
    test_connect_statuses();
    test_responses();
    test_retry_paths();
    test_backoff_limits();
    return TEST_REPORT();
}
