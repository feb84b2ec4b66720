/*
 * test_cover_tls.c - src/tls.c without a TLS server: trust-anchor parsing
 * in every accepted shape (PEM with and without NUL, CRLF, DER) and every
 * rejected one, ports lacking a function, and handshakes that fail in each
 * way a transport can fail (DNS, peer closes, reset, silence, a non-TLS
 * answer, send blocked / closed / reset, no randomness), each mapped to its
 * documented status. The certificate is a throw-away self-signed P-256 CA
 * (never used to verify anything here; parsing ignores its dates).
 */
#include <stdint.h>
#include "harness.h"
#include "asc.h"
#include "asc_tls.h"

static const char ca_pem[] =
    "-----BEGIN CERTIFICATE-----\n"
    "MIIBjTCCATOgAwIBAgIUHzURuiOq7vLKXY7l2wPoodkazBYwCgYIKoZIzj0EAwIw\n"
    "HDEaMBgGA1UEAwwRYXNjIGNvdmVyIHRlc3QgQ0EwHhcNMjYxMTI4MTc1ODQzWhcN\n"
    "MzYxMTI1MTc1ODQzWjAcMRowGAYDVQQDDBFhc2MgY292ZXIgdGVzdCBDQTBZMBMG\n"
    "ByqGSM49AgEGCCqGSM49AwEHA0IABLRHkJXROvZxc6PO0AC1TtnOs1HZTHKSdNci\n"
    "Nx409VIizm4e5cf3MoxoLURfhe5kXUaOyY5aT8/kG4ffY3i6ikOjUzBRMB0GA1Ud\n"
    "DgQWBBTfWhJp8Ul/OONdahq2Jta2e2bDMTAfBgNVHSMEGDAWgBTfWhJp8Ul/OONd\n"
    "ahq2Jta2e2bDMTAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUCIGd1\n"
    "VwA6IWK9aP4/5iHTbspaGAVSjfTuct7dpFRcQuNjAiEAnJeh4VNHXGBqzC0C1NpV\n"
    "5PUC0FhXM60XiE8UPk0GqTY=\n"
    "-----END CERTIFICATE-----\n";

typedef struct tp {
    int connect_st;
    int32_t send_ret;   /* 0: accept everything; else returned */
    int32_t recv_ret;   /* returned when no canned bytes are left */
    const char *canned; /* bytes the "server" answers */
    size_t pos;
    int rng_fail;
    uint64_t mono;
    int connects, closes;
} tp;

static asc_status t_connect(void *c, const char *h, uint16_t p, uint32_t to)
{
    tp *t = (tp *)c;
    (void)h; (void)p; (void)to;
    t->connects++;
    return (asc_status)t->connect_st;
}
static int32_t t_send(void *c, const uint8_t *b, size_t n, uint32_t to)
{
    tp *t = (tp *)c;
    (void)b;
    if (t->send_ret == 0) {
        return (int32_t)n;
    }
    if (t->send_ret == 1) { /* "nothing could be sent within the timeout" */
        t->mono += to + 1u;
        return 0;
    }
    return t->send_ret;
}
static int32_t t_recv(void *c, uint8_t *b, size_t n, uint32_t to)
{
    tp *t = (tp *)c;
    if (t->canned != NULL && t->canned[t->pos] != '\0') {
        size_t k = strlen(t->canned + t->pos);
        if (k > n) {
            k = n;
        }
        memcpy(b, t->canned + t->pos, k);
        t->pos += k;
        return (int32_t)k;
    }
    if (t->recv_ret == 0) {
        t->mono += to + 1u;
    }
    return t->recv_ret;
}
static void t_close(void *c) { ((tp *)c)->closes++; }
static int64_t t_utc(void *c) { (void)c; return 1767225600; }
static uint64_t t_mono(void *c) { return ((tp *)c)->mono; }
static asc_status t_random(void *c, uint8_t *b, size_t n)
{
    tp *t = (tp *)c;
    if (t->rng_fail) {
        return ASC_E_PORT;
    }
    memset(b, 0x42, n);
    return ASC_OK;
}
static void t_sleep(void *c, uint32_t ms) { ((tp *)c)->mono += ms; }

static uint8_t arena[96 * 1024];
static asc_tls tls;
static tp TP;
static asc_port P;

static void port_reset(void)
{
    memset(&TP, 0, sizeof TP);
    TP.mono = 1000;
    P.ctx = &TP;
    P.connect = t_connect;
    P.send = t_send;
    P.recv = t_recv;
    P.close = t_close;
    P.utc_now = t_utc;
    P.mono_ms = t_mono;
    P.random = t_random;
    P.sleep_ms = t_sleep;
}

static int b64v(char c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

/* DER of ca_pem (tiny base64 decoder: test-only). */
static size_t to_der(uint8_t *out, size_t cap)
{
    const char *p = strstr(ca_pem, "-----\n") + 6;
    const char *e = strstr(p, "-----END");
    uint32_t acc = 0;
    int bits = 0;
    size_t n = 0;
    for (; p < e; p++) {
        int v = b64v(*p);
        if (v < 0) {
            continue;
        }
        acc = (acc << 6) | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            if (n < cap) {
                out[n++] = (uint8_t)(acc >> bits);
            }
        }
    }
    return n;
}

static asc_status init_with(const void *ca, size_t len)
{
    asc_status st = asc_tls_init(&tls, &P, (const uint8_t *)ca, len);
    asc_tls_free(&tls);
    return st;
}

static void test_ca_shapes(void)
{
    static char buf[4096];
    static uint8_t der[1024];
    size_t n, dn;
    char *q;

    T_CASE("trust anchors: accepted shapes");
    port_reset();
    CHECK_EQ(init_with(ca_pem, sizeof ca_pem), ASC_OK);          /* with NUL */
    CHECK_EQ(init_with(ca_pem, sizeof ca_pem - 1u), ASC_OK);     /* without */
    dn = to_der(der, sizeof der);
    CHECK(dn > 300u);
    CHECK_EQ(init_with(der, dn), ASC_OK);                        /* DER */
    /* the END line is the last thing, without its newline (issue 24:
     * both sides of the end of the buffer) */
    CHECK_EQ(ca_pem[sizeof ca_pem - 2u], '\n');
    CHECK_EQ(init_with(ca_pem, sizeof ca_pem - 2u), ASC_OK);
    CHECK_EQ(init_with(ca_pem, sizeof ca_pem - 3u), ASC_E_TLS_CERT); /* "-----END CERTIFICATE----" */
    /* CRLF line ends, two certificates, no NUL */
    n = 0;
    for (q = (char *)ca_pem; *q != '\0'; q++) {
        if (*q == '\n') {
            buf[n++] = '\r';
        }
        buf[n++] = *q;
    }
    memcpy(buf + n, ca_pem, sizeof ca_pem - 1u);
    CHECK_EQ(init_with(buf, n + sizeof ca_pem - 1u), ASC_OK);

    T_CASE("trust anchors: rejected shapes");
    CHECK_EQ(init_with("no certificate here", 19), ASC_E_TLS_CERT);
    CHECK_EQ(init_with("no certificate here", 20), ASC_E_TLS_CERT); /* with NUL */
    n = sizeof ca_pem - 1u - 27u;                         /* END line cut */
    CHECK_EQ(init_with(ca_pem, n), ASC_E_TLS_CERT);
    memcpy(buf, ca_pem, sizeof ca_pem);
    buf[40] = '*';                                        /* bad base64 */
    CHECK_EQ(init_with(buf, sizeof ca_pem - 1u), ASC_E_TLS_CERT);
    memcpy(buf, ca_pem, sizeof ca_pem);
    buf[100] = (buf[100] == 'A') ? 'B' : 'A';             /* bad DER inside */
    CHECK_EQ(init_with(buf, sizeof ca_pem - 1u), ASC_E_TLS_CERT);
    der[5] ^= 0x55u;                                      /* bad DER */
    CHECK_EQ(init_with(der, dn), ASC_E_TLS_CERT);
    CHECK_EQ(asc_tls_init(&tls, &P, (const uint8_t *)ca_pem, (size_t)INT32_MAX + 1u),
             ASC_E_INVALID_ARG);
    CHECK_EQ(asc_tls_init(&tls, &P, NULL, 10), ASC_E_INVALID_ARG);
    CHECK_EQ(asc_tls_init(&tls, &P, (const uint8_t *)ca_pem, 0), ASC_E_INVALID_ARG);
}

static void test_port_shapes(void)
{
    int i;
    asc_port q;
    T_CASE("ports lacking a function");
    for (i = 0; i < 6; i++) {
        port_reset();
        q = P;
        switch (i) {
        case 0: q.connect = NULL; break;
        case 1: q.send = NULL; break;
        case 2: q.recv = NULL; break;
        case 3: q.close = NULL; break;
        case 4: q.mono_ms = NULL; break;
        default: q.random = NULL; break;
        }
        CHECK_EQ(asc_tls_init(&tls, &q, (const uint8_t *)ca_pem, sizeof ca_pem),
                 ASC_E_INVALID_ARG);
        asc_tls_free(&tls);
    }
}

static asc_status handshake(void)
{
    asc_status st = asc_tls_init(&tls, &P, (const uint8_t *)ca_pem, sizeof ca_pem);
    if (st == ASC_OK) {
        st = asc_tls_connect(&tls, "appstream.example", 443, 2000);
        CHECK(!tls.connected);
        CHECK_EQ(asc_tls_resumed(&tls), 0);
    }
    asc_tls_free(&tls);
    return st;
}

static void test_failed_handshakes(void)
{
    T_CASE("handshake: connect fails");
    port_reset();
    TP.connect_st = ASC_E_DNS;
    CHECK_EQ(handshake(), ASC_E_DNS);
    port_reset();
    CHECK_EQ(asc_tls_init(&tls, &P, (const uint8_t *)ca_pem, sizeof ca_pem), ASC_OK);
    CHECK_EQ(asc_tls_connect(&tls, "", 443, 100), ASC_E_INVALID_ARG);
    CHECK_EQ(asc_tls_connect(&tls, NULL, 443, 100), ASC_E_INVALID_ARG);
    asc_tls_free(&tls);

    T_CASE("handshake: peer closes / resets / stays silent");
    port_reset();
    TP.recv_ret = ASC_PORT_ERR_CLOSED;
    CHECK_EQ(handshake(), ASC_E_CLOSED);
    port_reset();
    TP.recv_ret = ASC_PORT_ERR_IO;
    CHECK_EQ(handshake(), ASC_E_IO);
    port_reset();
    TP.recv_ret = 0;
    CHECK_EQ(handshake(), ASC_E_TIMEOUT);

    T_CASE("handshake: the peer does not speak TLS");
    port_reset();
    TP.canned = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n";
    TP.recv_ret = ASC_PORT_ERR_CLOSED;
    CHECK_EQ(handshake(), ASC_E_TLS);

    T_CASE("handshake: send blocked / closed / reset");
    port_reset();
    TP.send_ret = 1;
    CHECK_EQ(handshake(), ASC_E_TIMEOUT);
    port_reset();
    TP.send_ret = ASC_PORT_ERR_CLOSED;
    CHECK_EQ(handshake(), ASC_E_CLOSED);
    port_reset();
    TP.send_ret = ASC_PORT_ERR_IO;
    CHECK_EQ(handshake(), ASC_E_IO);

    T_CASE("handshake: no randomness");
    port_reset();
    TP.rng_fail = 1;
    {
        asc_status st = handshake();
        CHECK(st == ASC_E_TLS || st == ASC_E_INVALID_ARG);
    }
}

int main(void)
{
    if (asc_tls_arena_init(arena, sizeof arena) != ASC_OK) {
        puts("(no arena: mbedTLS 2.28 uses its own heap)");
    }
    test_ca_shapes();
    test_port_shapes();
    test_failed_handshakes();
    return TEST_REPORT();
}
