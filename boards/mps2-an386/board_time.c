/*
 * board_time.c - the board's UTC clocks and the Date probe (see
 * board_time.h for the path and what it trusts).
 */
#include "board_time.h"

#include <string.h>
#include <sys/time.h>

#include "asc_request.h"
#include "board.h"
#include "entropy.h"
#include "mbedtls/ssl.h"
#include "mbedtls/x509_crt.h"
#include "psa/crypto.h"

static int64_t build_floor;     /* seconds */
static int64_t learned_utc;     /* seconds, at learned_at_ms */
static uint64_t learned_at_ms;  /* board_ms() when learned */
static int known;

void board_time_init(int64_t build_utc)
{
    build_floor = build_utc;
    known = 0;
}

int board_time_known(void)
{
    return known;
}

static int64_t learned_now(void)
{
    return learned_utc + (int64_t)((board_ms() - learned_at_ms) / 1000u);
}

int64_t board_utc_now(void *app)
{
    (void)app;
    return known ? learned_now() : -1;
}

int64_t board_cert_clock(void)
{
    return known ? learned_now() : build_floor;
}

static void learn(int64_t utc)
{
    learned_utc = utc;
    learned_at_ms = board_ms();
    known = 1;
}

/* newlib's time() (and so mbedTLS's certificate checks) reads this. */
int _gettimeofday(struct timeval *tv, void *tz);
int _gettimeofday(struct timeval *tv, void *tz)
{
    (void)tz;
    if (tv != NULL) {
        tv->tv_sec = (time_t)board_cert_clock();
        tv->tv_usec = 0;
    }
    return 0;
}

/* ---- the probe's TLS connection --------------------------------------------- */

typedef struct probe {
    const asc_port *port;
    uint64_t deadline;
    int timed_out;
    int io_failed;
} probe;

static uint32_t probe_left(const probe *p)
{
    uint64_t now = p->port->mono_ms(p->port->ctx);
    uint64_t left = p->deadline > now ? p->deadline - now : 0u;
    return left > 0xFFFFFFFFu ? 0xFFFFFFFFu : (uint32_t)left;
}

static int probe_send(void *ctx, const unsigned char *buf, size_t len)
{
    probe *p = (probe *)ctx;
    int32_t n = p->port->send(p->port->ctx, buf, len, probe_left(p));
    if (n > 0) {
        return (int)n;
    }
    if (n == 0) {
        p->timed_out = 1;
    } else {
        p->io_failed = 1;
    }
    return MBEDTLS_ERR_SSL_INTERNAL_ERROR;
}

static int probe_recv(void *ctx, unsigned char *buf, size_t len)
{
    probe *p = (probe *)ctx;
    int32_t n = p->port->recv(p->port->ctx, buf, len, probe_left(p));
    if (n > 0) {
        return (int)n;
    }
    if (n == ASC_PORT_ERR_CLOSED) {
        return 0; /* EOF */
    }
    if (n == 0) {
        p->timed_out = 1;
    } else {
        p->io_failed = 1;
    }
    return MBEDTLS_ERR_SSL_INTERNAL_ERROR;
}

static int probe_rng(void *ctx, unsigned char *out, size_t len)
{
    (void)ctx;
    return board_random(NULL, out, len) == ASC_OK ? 0 : MBEDTLS_ERR_SSL_INTERNAL_ERROR;
}

/* The one relaxation of the probe: "not yet valid" (against the build
 * time, the only clock there is) is not an error. Everything else
 * mbedTLS found - chain, name, expiry before the build - stays. */
static int probe_verify(void *ctx, mbedtls_x509_crt *crt, int depth, uint32_t *flags)
{
    (void)ctx;
    (void)crt;
    (void)depth;
    *flags &= ~(uint32_t)MBEDTLS_X509_BADCERT_FUTURE;
    return 0;
}

static asc_status probe_status(const probe *p, int ret)
{
    if (p->timed_out) {
        return ASC_E_TIMEOUT;
    }
    if (ret == MBEDTLS_ERR_X509_CERT_VERIFY_FAILED) {
        return ASC_E_TLS_CERT;
    }
    if (p->io_failed) {
        return ASC_E_IO;
    }
    return ASC_E_TLS;
}

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* The Date field of a response head (head[0..len) ends with CRLF CRLF). */
static int find_date(const uint8_t *head, size_t len, asc_span *out)
{
    static const char name[] = "\r\ndate:";
    const size_t n = sizeof name - 1u;
    size_t i, k, end;
    for (i = 0; i + n <= len; i++) {
        for (k = 0; k < n && lower(head[i + k]) == name[k]; k++) {
        }
        if (k < n) {
            continue;
        }
        i += n;
        while (i < len && (head[i] == ' ' || head[i] == '\t')) {
            i++;
        }
        for (end = i; end < len && head[end] != '\r'; end++) {
        }
        while (end > i && (head[end - 1u] == ' ' || head[end - 1u] == '\t')) {
            end--;
        }
        out->ptr = (const char *)head + i;
        out->len = end - i;
        return 1;
    }
    return 0;
}

/* Both validity dates of every certificate the server sent, against the
 * (now learned) certificate clock. */
static int peer_chain_valid_now(const mbedtls_ssl_context *ssl)
{
    const mbedtls_x509_crt *c = mbedtls_ssl_get_peer_cert(ssl);
    if (c == NULL) {
        return 0;
    }
    for (; c != NULL && c->raw.len > 0u; c = c->next) {
        if (mbedtls_x509_time_is_past(&c->valid_to) ||
            mbedtls_x509_time_is_future(&c->valid_from)) {
            return 0;
        }
    }
    return 1;
}

/* Handshake, HEAD, read the head into work. ASC_OK and *head_len. */
static asc_status probe_exchange(mbedtls_ssl_context *ssl, probe *p, const char *host,
                                 uint8_t *work, size_t work_len, size_t *head_len)
{
    static const char req1[] = "HEAD / HTTP/1.1\r\nHost: ";
    static const char req2[] = "\r\nUser-Agent: asc-board-time-probe\r\nConnection: close\r\n\r\n";
    size_t hl = strlen(host), len = 0, sent = 0;
    int ret;

    do {
        ret = mbedtls_ssl_handshake(ssl);
    } while (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE);
    if (ret != 0) {
        return probe_status(p, ret);
    }
    if (sizeof req1 - 1u + hl + sizeof req2 > work_len) {
        return ASC_E_BUFFER_TOO_SMALL;
    }
    memcpy(work, req1, sizeof req1 - 1u);
    memcpy(work + sizeof req1 - 1u, host, hl);
    memcpy(work + sizeof req1 - 1u + hl, req2, sizeof req2 - 1u);
    len = sizeof req1 - 1u + hl + sizeof req2 - 1u;
    while (sent < len) {
        ret = mbedtls_ssl_write(ssl, work + sent, len - sent);
        if (ret > 0) {
            sent += (size_t)ret;
        } else if (ret != MBEDTLS_ERR_SSL_WANT_READ && ret != MBEDTLS_ERR_SSL_WANT_WRITE) {
            return probe_status(p, ret);
        }
    }
    len = 0;
    for (;;) {
        if (len >= 4u && memcmp(work + len - 4u, "\r\n\r\n", 4) == 0) {
            *head_len = len;
            return ASC_OK;
        }
        if (len == work_len) {
            return ASC_E_HTTP_MALFORMED; /* head larger than work */
        }
        /* One byte at a time: the head's end is found exactly, nothing of
         * the body is read (it is of no interest). */
        ret = mbedtls_ssl_read(ssl, work + len, 1);
        if (ret == 1) {
            len++;
        } else if (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE
#if defined(MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET)
                   || ret == MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET
#endif
        ) {
            if (p->timed_out) {
                return ASC_E_TIMEOUT;
            }
        } else if (ret == 0 || ret == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY) {
            return ASC_E_HTTP_MALFORMED; /* closed before the head ended */
        } else {
            return probe_status(p, ret);
        }
    }
}

asc_status board_time_probe(const asc_port *port, const char *host,
                            uint16_t port_no, const uint8_t *ca, size_t ca_len,
                            uint32_t timeout_ms, uint8_t *work, size_t work_len)
{
    /* mbedTLS's structures live on the stack for the probe's duration;
     * their buffers come from the arena. */
    mbedtls_ssl_context ssl;
    mbedtls_ssl_config conf;
    mbedtls_x509_crt anchors;
    probe p;
    asc_status st;
    size_t head_len = 0;
    asc_span date;
    int64_t server_utc;

    if (port == NULL || host == NULL || ca == NULL || work == NULL) {
        return ASC_E_INVALID_ARG;
    }
    memset(&p, 0, sizeof p);
    p.port = port;
    p.deadline = port->mono_ms(port->ctx) + timeout_ms;
    mbedtls_ssl_init(&ssl);
    mbedtls_ssl_config_init(&conf);
    mbedtls_x509_crt_init(&anchors);

    st = psa_crypto_init() == PSA_SUCCESS ? ASC_OK : ASC_E_TLS;
    if (st == ASC_OK && mbedtls_x509_crt_parse(&anchors, ca, ca_len) != 0) {
        st = ASC_E_TLS_CERT;
    }
    if (st == ASC_OK &&
        mbedtls_ssl_config_defaults(&conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
                                    MBEDTLS_SSL_PRESET_DEFAULT) != 0) {
        st = ASC_E_TLS;
    }
    if (st == ASC_OK) {
        mbedtls_ssl_conf_authmode(&conf, MBEDTLS_SSL_VERIFY_REQUIRED);
        mbedtls_ssl_conf_ca_chain(&conf, &anchors, NULL);
        mbedtls_ssl_conf_rng(&conf, probe_rng, NULL);
        mbedtls_ssl_conf_verify(&conf, probe_verify, NULL);
        mbedtls_ssl_conf_min_tls_version(&conf, MBEDTLS_SSL_VERSION_TLS1_2);
        /* Our mbedTLS takes records of at most 4 KiB (asc_mbedtls_config.h). */
        (void)mbedtls_ssl_conf_max_frag_len(&conf, MBEDTLS_SSL_MAX_FRAG_LEN_4096);
        st = port->connect(port->ctx, host, port_no, timeout_ms);
    }
    if (st == ASC_OK) {
        if (mbedtls_ssl_setup(&ssl, &conf) != 0 || mbedtls_ssl_set_hostname(&ssl, host) != 0) {
            st = ASC_E_TLS;
        } else {
            mbedtls_ssl_set_bio(&ssl, &p, probe_send, probe_recv, NULL);
            st = probe_exchange(&ssl, &p, host, work, work_len, &head_len);
        }
    }
    if (st == ASC_OK) {
        if (!find_date(work, head_len, &date) || asc_parse_http_date(date, &server_utc) != ASC_OK) {
            st = ASC_E_HTTP_MALFORMED;
        } else if (server_utc < build_floor) {
            st = ASC_E_TLS_CERT; /* a clock cannot go back before the build */
        } else {
            learn(server_utc);
            if (!peer_chain_valid_now(&ssl)) {
                known = 0; /* the certificate is not valid at its own Date */
                st = ASC_E_TLS_CERT;
            }
        }
    }
    if (p.deadline > port->mono_ms(port->ctx)) {
        (void)mbedtls_ssl_close_notify(&ssl); /* best effort */
    }
    port->close(port->ctx);
    mbedtls_ssl_free(&ssl);
    mbedtls_ssl_config_free(&conf);
    mbedtls_x509_crt_free(&anchors);
    memset(work, 0, work_len);
    return st;
}
