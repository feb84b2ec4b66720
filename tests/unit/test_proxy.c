/*
 * The CONNECT tunnel (asc_proxy.h) over the scripted port (tests/fake_port.c):
 * the exact request, Basic credentials, the proxy's answer in every
 * delivery, every refusal (407, 403, 5xx, malformed, closed, reset, silent)
 * and its status, retries, the work buffer (too small, credentials wiped),
 * the configuration rules. Plain HTTP runs through the tunnel here; TLS
 * through a real proxy (tinyproxy) is in tests/e2e/test_proxy.py.
 */
#include <stdint.h>
#include "harness.h"
#include "asc.h"
#include "asc_client.h"
#include "asc_http.h"
#include "asc_proxy.h"
#include "asc_tls.h"
#include "fake_port.h"

static fake_port fp;
static asc_port port;
static asc_client cl;
static asc_client_config cfg;
static uint8_t work[4096];
static asc_result res;

#define HOST "appstream-center.cn-shanghai.aliyuncs.com"

static asc_status init_client(uint8_t *buf, size_t len)
{
    fake_port_init(&fp, &port);
    return asc_client_init(&cl, &cfg, &port, NULL, buf, len);
}

static void base_config(void)
{
    asc_client_config_defaults(&cfg);
    cfg.host = HOST;
    cfg.creds.access_key_id = asc_span_from_str("testid");
    cfg.creds.access_key_secret = asc_span_from_str("testsecret");
    cfg.insecure_plaintext_http = true;
}

#if ASC_ENABLE_PROXY

#define OK_BODY "{\"Data\":true,\"Success\":true,\"Code\":\"200\",\"Message\":\"successful\",\"RequestId\":\"R-1\"}"
static char ok_resp[256];
static const char established[] =
    "HTTP/1.1 200 Connection established\r\nProxy-agent: tinyproxy/1.11.1\r\n\r\n";
static const char need_auth[] =
    "HTTP/1.1 407 Proxy Authentication Required\r\nServer: tinyproxy/1.11.1\r\n"
    "Proxy-Authenticate: Basic realm=\"tinyproxy\"\r\nContent-Type: text/html\r\n"
    "Content-Length: 12\r\nConnection: close\r\n\r\n<html></html>";
static const char CONNECT_NOAUTH[] =
    "CONNECT " HOST ":80 HTTP/1.1\r\nHost: " HOST ":80\r\n\r\n";
static const char CONNECT_AUTH[] =
    "CONNECT " HOST ":80 HTTP/1.1\r\nHost: " HOST ":80\r\n"
    "Proxy-Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\r\n\r\n";

static void proxy_config(bool with_credentials)
{
    base_config();
    cfg.proxy.host = "proxy.example";
    cfg.proxy.port = 3128;
    if (with_credentials) { /* RFC 7617's example */
        cfg.proxy.username = asc_span_from_str("Aladdin");
        cfg.proxy.password = asc_span_from_str("open sesame");
    }
}

static void setup(bool with_credentials)
{
    proxy_config(with_credentials);
    CHECK_EQ(init_client(work, sizeof work), ASC_OK);
    (void)snprintf(ok_resp, sizeof ok_resp, "HTTP/1.1 200 OK\r\nContent-Length: %zu\r\n\r\n%s",
                   strlen(OK_BODY), OK_BODY);
}

static fake_resp *add(const char *s)
{
    return &fp.resp[fake_add(&fp, s, strlen(s))];
}

static asc_status del(void)
{
    return asc_delete_image(&cl, asc_span_from_str("img-1"), &res);
}

static bool has(const uint8_t *hay, size_t n, const char *needle)
{
    size_t i, k = strlen(needle);
    for (i = 0; i + k <= n; i++) {
        if (memcmp(hay + i, needle, k) == 0) {
            return true;
        }
    }
    return false;
}

static bool all_zero(const uint8_t *p, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (p[i] != 0u) {
            return false;
        }
    }
    return true;
}

/* ---- the request ---------------------------------------------------------- */

static void check_request(const asc_proxy_config *px, const char *host, uint16_t p,
                          const char *want)
{
    uint8_t buf[512];
    size_t len = 0, cap;
    CHECK_EQ(asc_proxy_connect_request(px, host, p, buf, sizeof buf, &len), ASC_OK);
    CHECK_MEM(buf, len, want, strlen(want));
    /* measured without a buffer; every smaller buffer: too small, wiped */
    len = 0;
    CHECK_EQ(asc_proxy_connect_request(px, host, p, NULL, 0, &len), ASC_E_BUFFER_TOO_SMALL);
    CHECK_EQ(len, strlen(want));
    for (cap = 1; cap < strlen(want); cap++) {
        memset(buf, 0xa5, sizeof buf);
        if (asc_proxy_connect_request(px, host, p, buf, cap, &len) != ASC_E_BUFFER_TOO_SMALL ||
            len != strlen(want) || !all_zero(buf, cap) || buf[cap] != 0xa5u) {
            CHECK_EQ(cap, 0);
            break;
        }
    }
}

static void test_request(void)
{
    asc_proxy_config px;
    size_t len;
    uint8_t buf[64];
    T_CASE("CONNECT request");
    memset(&px, 0, sizeof px);
    px.host = "proxy";
    px.port = 8080;
    check_request(&px, "api.example.com", 443,
                  "CONNECT api.example.com:443 HTTP/1.1\r\nHost: api.example.com:443\r\n\r\n");
    check_request(&px, "::1", 8443, "CONNECT [::1]:8443 HTTP/1.1\r\nHost: [::1]:8443\r\n\r\n");
    check_request(&px, "[::1]", 1, "CONNECT [::1]:1 HTTP/1.1\r\nHost: [::1]:1\r\n\r\n");
    check_request(&px, "10.0.0.1", 65535,
                  "CONNECT 10.0.0.1:65535 HTTP/1.1\r\nHost: 10.0.0.1:65535\r\n\r\n");
    T_CASE("CONNECT request: Basic credentials, every padding");
    px.username = asc_span_from_str("Aladdin");
    px.password = asc_span_from_str("open sesame");
    check_request(&px, "h", 443, "CONNECT h:443 HTTP/1.1\r\nHost: h:443\r\n"
                                 "Proxy-Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\r\n\r\n");
    px.username = asc_span_from_str("a");
    px.password = asc_span_from_str("");
    check_request(&px, "h", 443, "CONNECT h:443 HTTP/1.1\r\nHost: h:443\r\n"
                                 "Proxy-Authorization: Basic YTo=\r\n\r\n");
    px.username = asc_span_from_str("ab");
    check_request(&px, "h", 443, "CONNECT h:443 HTTP/1.1\r\nHost: h:443\r\n"
                                 "Proxy-Authorization: Basic YWI6\r\n\r\n");
    px.username = asc_span_from_str("u");
    px.password = asc_span_from_str("\xc3\xa9"); /* UTF-8 is sent as it is */
    check_request(&px, "h", 443, "CONNECT h:443 HTTP/1.1\r\nHost: h:443\r\n"
                                 "Proxy-Authorization: Basic dTrDqQ==\r\n\r\n");
    T_CASE("CONNECT request: refusals");
    CHECK_EQ(asc_proxy_connect_request(&px, "bad host", 443, buf, sizeof buf, &len),
             ASC_E_INVALID_HEADER_VALUE);
    CHECK_EQ(asc_proxy_connect_request(&px, "a\r\nX: y", 443, buf, sizeof buf, &len),
             ASC_E_INVALID_HEADER_VALUE);
    CHECK_EQ(asc_proxy_connect_request(&px, "", 443, buf, sizeof buf, &len),
             ASC_E_INVALID_HEADER_VALUE);
    CHECK_EQ(asc_proxy_connect_request(&px, NULL, 443, buf, sizeof buf, &len), ASC_E_INVALID_ARG);
    CHECK_EQ(asc_proxy_connect_request(NULL, "h", 443, buf, sizeof buf, &len), ASC_E_INVALID_ARG);
    CHECK_EQ(asc_proxy_connect_request(&px, "h", 443, buf, sizeof buf, NULL), ASC_E_INVALID_ARG);
    CHECK_EQ(asc_proxy_connect_request(&px, "h", 443, NULL, 5, &len), ASC_E_INVALID_ARG);
    CHECK_EQ(asc_proxy_connect_request(&px, "h", 443, NULL, 1, &len), ASC_E_INVALID_ARG);
    px.username = asc_span_from_str("a:b");
    CHECK_EQ(asc_proxy_connect_request(&px, "h", 443, buf, sizeof buf, &len), ASC_E_INVALID_ARG);
    px.host = NULL;
    px.username = asc_span_from_str("a");
    CHECK_EQ(asc_proxy_connect_request(&px, "h", 443, buf, sizeof buf, &len), ASC_E_INVALID_ARG);
}

static void test_config(void)
{
    static char long_host[ASC_MAX_HOST_LEN + 2];
    const char *bad_hosts[] = { "", "a b", "user@proxy", "proxy/x", "a\rb", long_host };
    size_t i;
    T_CASE("config rules");
    memset(long_host, 'a', sizeof long_host - 1u);
    proxy_config(true);
    CHECK_EQ(init_client(work, sizeof work), ASC_OK);
    for (i = 0; i < sizeof bad_hosts / sizeof bad_hosts[0]; i++) {
        proxy_config(false);
        cfg.proxy.host = bad_hosts[i];
        CHECK_EQ(init_client(work, sizeof work), ASC_E_INVALID_ARG);
        CHECK_EQ(cl.invalid_arg, ASC_ARG_PROXY);
    }
    long_host[ASC_MAX_HOST_LEN] = '\0'; /* exactly the longest */
    cfg.proxy.host = long_host;
    CHECK_EQ(init_client(work, sizeof work), ASC_OK);
    proxy_config(false);
    cfg.proxy.port = 0;
    CHECK_EQ(init_client(work, sizeof work), ASC_E_INVALID_ARG);
    proxy_config(true);
    cfg.proxy.username = asc_span_from_str("a:b");
    CHECK_EQ(init_client(work, sizeof work), ASC_E_INVALID_ARG);
    proxy_config(true);
    cfg.proxy.username = asc_span_from_str("");
    CHECK_EQ(init_client(work, sizeof work), ASC_E_INVALID_ARG); /* password alone */
    proxy_config(true);
    cfg.proxy.password = asc_span_from_str("secret\n");
    CHECK_EQ(init_client(work, sizeof work), ASC_E_INVALID_ARG);
    proxy_config(true);
    cfg.proxy.username = asc_span_from_str("us\x7f");
    CHECK_EQ(init_client(work, sizeof work), ASC_E_INVALID_ARG);
    proxy_config(true);
    cfg.proxy.password.ptr = NULL;
    CHECK_EQ(init_client(work, sizeof work), ASC_E_INVALID_ARG);
    proxy_config(true);
    cfg.proxy.password = asc_span_from_str("");
    CHECK_EQ(init_client(work, sizeof work), ASC_OK); /* user, empty password */
    CHECK_EQ(asc_proxy_config_check(NULL), ASC_E_INVALID_ARG);
    T_CASE("config rules: each byte of the host counts, the first too");
    proxy_config(false);
    cfg.proxy.host = "/proxy.example";
    CHECK_EQ(init_client(work, sizeof work), ASC_E_INVALID_ARG);
    cfg.proxy.host = "\x80proxy.example";
    CHECK_EQ(init_client(work, sizeof work), ASC_E_INVALID_ARG);
    cfg.proxy.host = "p";
    CHECK_EQ(init_client(work, sizeof work), ASC_OK);
    T_CASE("config rules: a one-byte user name ':' is refused, 'u' taken");
    proxy_config(true);
    cfg.proxy.username = asc_span_from_str(":");
    CHECK_EQ(init_client(work, sizeof work), ASC_E_INVALID_ARG);
    cfg.proxy.username = asc_span_from_str("u");
    CHECK_EQ(init_client(work, sizeof work), ASC_OK);
    T_CASE("config rules: 0x1F is a control byte, 0x20 and UTF-8 are not");
    proxy_config(true);
    cfg.proxy.password = asc_span_from_str("pw\x1f");
    CHECK_EQ(init_client(work, sizeof work), ASC_E_INVALID_ARG);
    cfg.proxy.password = asc_span_from_str("\x01pw"); /* the first byte too */
    CHECK_EQ(init_client(work, sizeof work), ASC_E_INVALID_ARG);
    cfg.proxy.password = asc_span_from_str("p w\xc3\xa9");
    CHECK_EQ(init_client(work, sizeof work), ASC_OK);
    T_CASE("asc_tls_start argument checks");
    {
        asc_tls t;
        memset(&t, 0, sizeof t);
        CHECK_EQ(asc_tls_start(NULL, "h", 443, 1000), ASC_E_INVALID_ARG);
        CHECK_EQ(asc_tls_start(&t, "h", 443, 1000), ASC_E_INVALID_ARG); /* not initialised */
    }
}

/* ---- the parser's CONNECT mode ---------------------------------------------- */

static void test_parser_mode(void)
{
    static const char *const answers[] = {
        "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
        "HTTP/1.0 200 Connection established\r\n\r\n",
        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n\r\n",
        ("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"x\"\r\n"
         "Content-Length: 1000\r\n\r\n"),
    };
    size_t i;
    T_CASE("parser: a CONNECT answer ends with its head");
    for (i = 0; i < sizeof answers / sizeof answers[0]; i++) {
        uint8_t buf[256];
        asc_http_parser hp;
        size_t n = strlen(answers[i]);
        asc_span v;
        memcpy(buf, answers[i], n);
        asc_http_parser_init_connect(&hp, sizeof buf);
        CHECK_EQ(asc_http_parse(&hp, buf, n - 1u, false), ASC_E_NEED_MORE);
        CHECK_EQ(asc_http_parse(&hp, buf, n, false), ASC_OK);
        CHECK_EQ(hp.end, n);
        CHECK_EQ(hp.body_off, n);
        CHECK_EQ(hp.body_len, 0);
        CHECK(!hp.keep_alive);
        if (i == 4u) {
            CHECK_EQ(hp.status, 407);
            CHECK(asc_http_header(&hp, buf, "proxy-authenticate", &v));
            CHECK_MEM(v.ptr, v.len, "Basic realm=\"x\"", 15u);
        } else {
            CHECK_EQ(hp.status, 200);
        }
    }
    {
        /* the ordinary parser waits for the Content-Length body */
        uint8_t buf[64];
        asc_http_parser hp;
        size_t n = strlen(answers[0]);
        memcpy(buf, answers[0], n);
        asc_http_parser_init(&hp, sizeof buf);
        CHECK_EQ(asc_http_parse(&hp, buf, n, false), ASC_E_NEED_MORE);
        asc_http_parser_init_connect(NULL, 1); /* no crash */
    }
}

/* ---- through the client ---------------------------------------------------- */

static void test_tunnel(void)
{
    T_CASE("tunnel: CONNECT, then the request through it");
    setup(false);
    add(established);
    add(ok_resp);
    CHECK_EQ(del(), ASC_OK);
    CHECK(res.data);
    CHECK_EQ(res.http_status, 200);
    CHECK_STR(fp.connect_host, "proxy.example");
    CHECK_EQ(fp.connect_port, 3128);
    CHECK_MEM(fp.sent[0], fp.sent_len[0], CONNECT_NOAUTH, strlen(CONNECT_NOAUTH));
    CHECK(has((const uint8_t *)fp.sent[1], fp.sent_len[1], "POST / HTTP/1.1\r\n"));
    CHECK(has((const uint8_t *)fp.sent[1], fp.sent_len[1], "host: " HOST "\r\n"));
    T_CASE("tunnel: kept alive, no second CONNECT");
    add(ok_resp);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(fp.connects, 1);
    CHECK_EQ(fp.requests, 3);
    T_CASE("tunnel: reopened after the service closes");
    setup(false);
    add(established);
    add("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 82\r\n\r\n" OK_BODY)->close_after = true;
    add(established);
    add(ok_resp);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(fp.connects, 2);
    CHECK_MEM(fp.sent[2], fp.sent_len[2], CONNECT_NOAUTH, strlen(CONNECT_NOAUTH));
    T_CASE("tunnel: credentials");
    setup(true);
    add(established);
    add(ok_resp);
    CHECK_EQ(del(), ASC_OK);
    CHECK_MEM(fp.sent[0], fp.sent_len[0], CONNECT_AUTH, strlen(CONNECT_AUTH));
    /* the credentials travel to the proxy only, never to the service */
    CHECK(!has((const uint8_t *)fp.sent[1], fp.sent_len[1], "QWxhZGRpbjpvcGVuIHNlc2FtZQ"));
    CHECK(!has((const uint8_t *)fp.sent[1], fp.sent_len[1], "Proxy-Authorization"));
    T_CASE("tunnel: other 2xx answers, interim answers, ignored framing");
    {
        static const char *const oks[] = {
            "HTTP/1.0 200 Connection established\r\n\r\n",
            "HTTP/1.1 204 No Content\r\n\r\n",
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 25\r\n\r\n",
            "HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n",
        };
        size_t i;
        for (i = 0; i < sizeof oks / sizeof oks[0]; i++) {
            setup(false);
            add(oks[i]);
            add(ok_resp);
            CHECK_EQ(del(), ASC_OK);
        }
    }
}

/* The answer in every delivery: the same outcome. */
static void test_delivery(void)
{
    static const char *const answers[] = { established, need_auth };
    size_t k, split;
    T_CASE("answer delivered in any pieces");
    for (k = 0; k < 2; k++) {
        size_t n = strlen(answers[k]);
        asc_status want = k == 0 ? ASC_OK : ASC_E_PROXY_AUTH;
        setup(false);
        fp.chunk = 1;
        add(answers[k]);
        add(ok_resp);
        CHECK_EQ(del(), want);
        for (split = 1; split < n; split++) {
            setup(false);
            fp.first_chunk = split;
            add(answers[k]);
            add(ok_resp);
            if (del() != want) {
                CHECK_EQ(split, 0);
                break;
            }
        }
    }
}

static void test_refusals(void)
{
    T_CASE("407: ASC_E_PROXY_AUTH, not retried, connection closed");
    setup(true);
    add(need_auth)->close_after = true;
    CHECK_EQ(del(), ASC_E_PROXY_AUTH);
    CHECK_EQ(res.http_status, 407);
    CHECK_EQ(cl.attempts, 1);
    CHECK_EQ(fp.requests, 1);
    CHECK(!fp.connected);
    CHECK_STR(asc_status_str(ASC_E_PROXY_AUTH),
              ASC_ENABLE_STATUS_TEXT ? "proxy authentication required" : "23");
    T_CASE("401 (tinyproxy, wrong credentials): ASC_E_PROXY_AUTH");
    setup(true);
    add("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n")->close_after = true;
    CHECK_EQ(del(), ASC_E_PROXY_AUTH);
    CHECK_EQ(res.http_status, 401);
    CHECK_EQ(cl.attempts, 1);
    T_CASE("403: ASC_E_PROXY_REFUSED, not retried");
    setup(false);
    add("HTTP/1.1 403 Access violation\r\nContent-Length: 0\r\n\r\n");
    CHECK_EQ(del(), ASC_E_PROXY_REFUSED);
    CHECK_EQ(res.http_status, 403);
    CHECK_EQ(cl.attempts, 1);
    CHECK(!fp.connected);
    T_CASE("5xx: ASC_E_PROXY_REFUSED, retried with backoff");
    setup(false);
    add("HTTP/1.0 502 Bad Gateway\r\n\r\n<html>unable to connect</html>")->close_after = true;
    add("HTTP/1.1 503 Service Unavailable\r\n\r\n");
    add("HTTP/1.1 504 Gateway Timeout\r\n\r\n");
    CHECK_EQ(del(), ASC_E_PROXY_REFUSED);
    CHECK_EQ(res.http_status, 504);
    CHECK_EQ(cl.attempts, 3);
    CHECK_EQ(fp.connects, 3);
    CHECK_EQ(fp.n_sleeps, 2);
    T_CASE("500 is the first status retried, 499 is not");
    setup(false);
    add("HTTP/1.1 500 Internal Server Error\r\n\r\n");
    add(established);
    add(ok_resp);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(cl.attempts, 2);
    setup(false);
    add("HTTP/1.1 499 Client Closed Request\r\nContent-Length: 0\r\n\r\n");
    add(established);
    add(ok_resp);
    CHECK_EQ(del(), ASC_E_PROXY_REFUSED);
    CHECK_EQ(res.http_status, 499);
    CHECK_EQ(cl.attempts, 1);
    T_CASE("5xx, then the tunnel: success on the second attempt");
    setup(false);
    add("HTTP/1.1 502 Bad Gateway\r\n\r\n");
    add(established);
    add(ok_resp);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(cl.attempts, 2);
    CHECK(!res.already_deleted);
    T_CASE("malformed answers: ASC_E_PROXY_MALFORMED, not retried");
    {
        static const char *const bad[] = {
            "SSH-2.0-OpenSSH_9.2\r\n\r\n",
            "HTTP/2 200\r\n\r\n",
            "HTTP/1.1 200 OK\r\nbad header line\r\n\r\n",
            "HTTP/1.1 101 Switching Protocols\r\n\r\n",
            "HTTP/1.1 200 OK\r\n\r\nEXTRA", /* bytes before TLS started */
        };
        size_t i;
        for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
            setup(false);
            add(bad[i]);
            add(ok_resp);
            CHECK_EQ(del(), ASC_E_PROXY_MALFORMED);
            CHECK_EQ(cl.attempts, 1);
            CHECK(!fp.connected);
        }
        CHECK_EQ(res.http_status, 200); /* a status line was read */
    }
}

static void test_transport(void)
{
    size_t n = strlen(established), at;
    T_CASE("proxy unreachable: the port's status, retried");
    setup(false);
    fp.fail_connect_call = 1;
    fp.connect_status = ASC_E_CONNECT;
    add(established);
    add(ok_resp);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(cl.attempts, 2);
    setup(false);
    cl.cfg.max_attempts = 1;
    fp.fail_connect_call = 1;
    fp.connect_status = ASC_E_DNS;
    CHECK_EQ(del(), ASC_E_DNS);
    CHECK_EQ(fp.requests, 0);
    T_CASE("proxy silent: timeout within the connect timeout");
    setup(false);
    cl.cfg.max_attempts = 1;
    CHECK_EQ(del(), ASC_E_TIMEOUT);
    CHECK(!fp.connected);
    T_CASE("answer cut at every byte: closed; reset: I/O error");
    for (at = 0; at < n; at++) {
        asc_status st_eof, st_reset;
        setup(false);
        cl.cfg.max_attempts = 1;
        add(established)->eof_at = (long)at;
        st_eof = del();
        setup(false);
        cl.cfg.max_attempts = 1;
        add(established)->reset_at = (long)at;
        st_reset = del();
        if (st_eof != ASC_E_CLOSED || st_reset != ASC_E_IO || fp.connected) {
            CHECK_EQ(st_eof, ASC_E_CLOSED);
            CHECK_EQ(st_reset, ASC_E_IO);
            CHECK_EQ(at, n);
            break;
        }
    }
    T_CASE("tunnel open, then the endpoint's answer lost: no HTTP status");
    setup(false);
    cl.cfg.max_attempts = 1;
    add(established);
    add(ok_resp)->reset_at = 0;
    CHECK_EQ(del(), ASC_E_IO);
    CHECK_EQ(res.http_status, 0); /* the proxy's 200 is not the answer */
    T_CASE("send to the proxy fails");
    setup(false);
    cl.cfg.max_attempts = 1;
    fp.fail_send_call = 1;
    CHECK_EQ(del(), ASC_E_IO);
    CHECK(!fp.connected);
    T_CASE("deadline ran out during the CONNECT exchange");
    setup(false);
    cl.cfg.max_attempts = 1;
    cl.cfg.connect_timeout_ms = 20000;
    cl.cfg.deadline_ms = 1000;
    CHECK_EQ(del(), ASC_E_TIMEOUT);
    CHECK(fp.mono - 1000000u <= 1000u + cl.cfg.io_timeout_ms);
}

/* The request is built first; the CONNECT exchange uses the rest of the
 * work buffer. */
static void test_work_buffer(void)
{
    static uint8_t small[4096];
    size_t request_len, connect_len = strlen(CONNECT_AUTH);
    T_CASE("work buffer: too small for request + CONNECT, nothing sent");
    proxy_config(true);
    CHECK_EQ(init_client(work, sizeof work), ASC_OK);
    add(established);
    add(ok_resp);
    CHECK_EQ(del(), ASC_OK);
    request_len = fp.sent_len[1];
    CHECK(request_len + connect_len + 200u <= sizeof small);
    proxy_config(true);
    CHECK_EQ(init_client(small, request_len + connect_len - 1u), ASC_OK);
    add(established);
    CHECK_EQ(del(), ASC_E_BUFFER_TOO_SMALL);
    CHECK_EQ(cl.needed, request_len + connect_len);
    CHECK_EQ(fp.connects, 0);
    CHECK(!has(small, sizeof small, "QWxhZGRpbjpvcGVuIHNlc2FtZQ"));
    T_CASE("work buffer: exactly enough for the request and CONNECT");
    proxy_config(true);
    CHECK_EQ(init_client(small, request_len + connect_len), ASC_OK);
    add(established);
    add(ok_resp);
    /* the answer (70 bytes) fits where the CONNECT request was */
    CHECK_EQ(del(), ASC_OK);
    T_CASE("work buffer: an answer head that does not fit is malformed");
    {
        static char big[2048];
        size_t k = (size_t)snprintf(big, sizeof big, "HTTP/1.1 200 OK\r\nX-Pad: ");
        memset(big + k, 'p', sizeof big - k - 8u);
        memcpy(big + sizeof big - 8u, "\r\n\r\n", 5u);
        proxy_config(true);
        CHECK_EQ(init_client(small, request_len + connect_len + 200u), ASC_OK);
        cl.cfg.max_attempts = 1;
        add(big);
        CHECK_EQ(del(), ASC_E_PROXY_MALFORMED);
    }
}

/* The base64 credentials leave the work buffer once sent, whatever the
 * answer (the answers here are shorter than the request, so they do not
 * overwrite the header by chance). */
static void test_wipe(void)
{
    static const char *const answers[] = {
        "HTTP/1.1 200 OK\r\n\r\n", "HTTP/1.1 407 No\r\n\r\n", "junk\r\n\r\n", "HTTP/1.1 502 x\r\n\r\n",
    };
    size_t i;
    T_CASE("credentials wiped from the work buffer after sending");
    for (i = 0; i < sizeof answers / sizeof answers[0]; i++) {
        setup(true);
        cl.cfg.max_attempts = 1;
        add(answers[i]);
        add(ok_resp);
        (void)del();
        CHECK(has((const uint8_t *)fp.sent[0], fp.sent_len[0], "QWxhZGRpbjpvcGVuIHNlc2FtZQ"));
        CHECK(!has(work, sizeof work, "QWxhZGRpbjpvcGVuIHNlc2FtZQ"));
        CHECK(!has(work, sizeof work, "Proxy-Authorization"));
    }
    T_CASE("credentials wiped when the send fails");
    setup(true);
    cl.cfg.max_attempts = 1;
    fp.fail_send_call = 2; /* the first half went out */
    CHECK_EQ(del(), ASC_E_IO);
    CHECK(!has(work, sizeof work, "QWxhZGRpbjpvcGVuIHNlc2FtZQ"));
}

#else /* !ASC_ENABLE_PROXY */

/* Without ASC_ENABLE_PROXY asc_client_config has no proxy member (a
 * program that sets one does not compile); the statuses still exist. */
static void test_not_built(void)
{
    T_CASE("without ASC_ENABLE_PROXY: the statuses are numbered all the same");
    base_config();
    CHECK_EQ(init_client(work, sizeof work), ASC_OK);
    CHECK_STR(asc_status_str(ASC_E_PROXY_AUTH), ASC_ENABLE_STATUS_TEXT ? "proxy authentication required" : "23");
    CHECK_STR(asc_status_str(ASC_E_PROXY_MALFORMED), ASC_ENABLE_STATUS_TEXT ? "malformed proxy answer" : "25");
}

#endif

#if ASC_ENABLE_PROXY
/* asc_proxy_tunnel on its own, over the fake port. */
static int32_t (*fake_send)(void *, const uint8_t *, size_t, uint32_t);
static int zero_sends;
/* The first zero_sends sends take nothing (nothing went out in time). */
static int32_t slow_send(void *ctx, const uint8_t *b, size_t n, uint32_t to)
{
    if (zero_sends > 0) {
        zero_sends--;
        return 0;
    }
    return fake_send(ctx, b, n, to);
}

static asc_status tunnel(uint32_t timeout_ms, uint16_t *status)
{
    static uint8_t buf[512];
    return asc_proxy_tunnel(&port, &cfg.proxy, "h.example", 443, buf, sizeof buf, timeout_ms,
                            status);
}

static void test_tunnel_alone(void)
{
    uint16_t status = 7u;
    T_CASE("asc_proxy_tunnel: no port or no status: invalid, nothing done");
    proxy_config(false);
    fake_port_init(&fp, &port);
    CHECK_EQ(asc_proxy_tunnel(NULL, &cfg.proxy, "h", 443, work, sizeof work, 1000u, &status),
             ASC_E_INVALID_ARG);
    CHECK_EQ(asc_proxy_tunnel(&port, &cfg.proxy, "h", 443, work, sizeof work, 1000u, NULL),
             ASC_E_INVALID_ARG);
    CHECK_EQ(fp.connects, 0);
    T_CASE("asc_proxy_tunnel: no answer at all: status 0");
    fp.fail_connect_call = 1;
    fp.connect_status = ASC_E_CONNECT;
    status = 7u;
    CHECK_EQ(tunnel(1000u, &status), ASC_E_CONNECT);
    CHECK_EQ(status, 0u);
    T_CASE("asc_proxy_tunnel: a final 299 opens the tunnel, 300 does not");
    fake_port_init(&fp, &port);
    add("HTTP/1.1 299 Odd\r\n\r\n");
    CHECK_EQ(tunnel(1000u, &status), ASC_OK);
    CHECK_EQ(status, 299u);
    fake_port_init(&fp, &port);
    add("HTTP/1.1 300 Multiple Choices\r\nContent-Length: 0\r\n\r\n");
    CHECK_EQ(tunnel(1000u, &status), ASC_E_PROXY_REFUSED);
    CHECK_EQ(status, 300u);
    T_CASE("asc_proxy_tunnel: 1 ms is time enough; a send that takes nothing is tried again");
    fake_port_init(&fp, &port);
    add(established);
    CHECK_EQ(tunnel(1u, &status), ASC_OK);
    fake_port_init(&fp, &port);
    fake_send = port.send;
    port.send = slow_send;
    zero_sends = 2;
    add(established);
    CHECK_EQ(tunnel(1000u, &status), ASC_OK);
    CHECK_EQ(zero_sends, 0);
    CHECK_EQ(status, 200u);
}
#endif

int main(void)
{
#if ASC_ENABLE_PROXY
    test_request();
    test_config();
    test_parser_mode();
    test_tunnel();
    test_delivery();
    test_refusals();
    test_transport();
    test_work_buffer();
    test_wipe();
    test_tunnel_alone();
#else
    test_not_built();
#endif
    (void)res;
    return TEST_REPORT();
}
