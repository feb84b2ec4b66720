/*
 * src/proxy.c - the CONNECT tunnel through an HTTP proxy (asc_proxy.h).
 *
 * Build the request (the credentials go through a streaming base64 encoder
 * straight into the caller's buffer), connect to the proxy, send, wipe,
 * then read the answer with the library's HTTP parser in its CONNECT mode
 * (the answer ends with its header block) and name the outcome by status.
 */
#include <string.h>
#include "asc_http.h"
#include "asc_proxy.h"
#include "util.h"

#if ASC_ENABLE_PROXY

/* c is an ASCII byte of class cls (util.h); bytes >= 0x80 are in none. */
static bool ascii_in_class(uint8_t c, unsigned cls)
{
    return c < 0x80u && (((unsigned)asc_ascii_class[cls][c >> 3] >> (c & 7u)) & 1u) != 0u;
}

/* No control byte (< 0x20, 0x7f) in s; other bytes, UTF-8 included, pass. */
static bool no_control_byte(asc_span s)
{
    size_t i;
    for (i = 0; i < s.len; i++) {
        uint8_t c = (uint8_t)s.ptr[i];
        if (c < 0x20u || c == 0x7fu) {
            return false;
        }
    }
    return true;
}

/* A host name or address literal the proxy rules allow (asc_proxy.h). */
static bool host_ok(asc_span h)
{
    size_t i;
    if (h.len == 0u || h.len > ASC_MAX_HOST_LEN) {
        return false;
    }
    for (i = 0; i < h.len; i++) {
        if (!ascii_in_class((uint8_t)h.ptr[i], ASC_CLASS_HOST)) {
            return false;
        }
    }
    return true;
}

static bool span_valid(asc_span s)
{
    return s.len == 0u || s.ptr != NULL;
}

asc_status asc_proxy_config_check(const asc_proxy_config *px)
{
    if (px == NULL) {
        return ASC_E_INVALID_ARG;
    }
    if (px->host == NULL) {
        return ASC_OK; /* no proxy */
    }
    if (!host_ok(asc_span_from_str(px->host)) || px->port == 0u ||
        !span_valid(px->username) || !span_valid(px->password) ||
        (px->username.len == 0u && px->password.len != 0u) ||
        (px->username.len > 0u && memchr(px->username.ptr, ':', px->username.len) != NULL) ||
        !no_control_byte(px->username) || !no_control_byte(px->password)) {
        return ASC_E_INVALID_ARG;
    }
    return ASC_OK;
}

/* ---- base64 (RFC 4648 4, with padding), a byte at a time ------------------ */

typedef struct base64_sink {
    asc_out *out;
    uint32_t group; /* up to 3 bytes not yet encoded */
    unsigned count; /* how many */
} base64_sink;

static const char k_base64_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
typedef char base64_alphabet_has_64_digits[(sizeof k_base64_alphabet == 65u) ? 1 : -1];

/* The first `digits` base64 digits of the 24-bit group, then '=' up to 4. */
static void base64_emit(base64_sink *b, unsigned digits)
{
    unsigned i;
    for (i = 0; i < 4u; i++) {
        const char *d = i < digits ? &k_base64_alphabet[(b->group >> (18u - 6u * i)) & 63u] : "=";
        asc_out_put(b->out, d, 1u);
    }
}

static void base64_byte(base64_sink *b, uint8_t c)
{
    b->group = b->group << 8 | c;
    if (++b->count == 3u) {
        base64_emit(b, 4u);
        b->group = 0u;
        b->count = 0u;
    }
}

static void base64_span(base64_sink *b, asc_span s)
{
    size_t i;
    for (i = 0; i < s.len; i++) {
        base64_byte(b, (uint8_t)s.ptr[i]);
    }
}

/* Pad the last group (1 byte -> 2 digits "==", 2 bytes -> 3 digits "="). */
static void base64_finish(base64_sink *b)
{
    if (b->count != 0u) {
        b->group <<= 8u * (3u - b->count);
        base64_emit(b, b->count + 1u);
    }
}

/* ---- the request -------------------------------------------------------------- */

/* "host:port", an IPv6 literal as "[host]:port" (RFC 9110 7.2). */
static void put_authority(asc_out *o, asc_span host, uint16_t port)
{
    bool ipv6 = memchr(host.ptr, ':', host.len) != NULL && host.ptr[0] != '[';
    if (ipv6) {
        asc_out_put(o, "[", 1u);
    }
    asc_out_span(o, host);
    asc_out_put(o, ipv6 ? "]:" : ":", ipv6 ? 2u : 1u);
    asc_out_dec(o, port);
}

static void put_text(asc_out *o, const char *s)
{
    asc_out_put(o, s, strlen(s));
}

asc_status asc_proxy_connect_request(const asc_proxy_config *px, const char *host,
                                     uint16_t port, uint8_t *buf, size_t cap,
                                     size_t *out_len)
{
    asc_span h = asc_span_from_str(host);
    asc_out o;

    if (px == NULL || px->host == NULL || host == NULL || out_len == NULL ||
        (buf == NULL && cap > 0u) || asc_proxy_config_check(px) != ASC_OK) {
        return ASC_E_INVALID_ARG;
    }
    if (!host_ok(h)) {
        return ASC_E_INVALID_HEADER_VALUE;
    }
    asc_out_init(&o, buf, cap);
    put_text(&o, "CONNECT ");
    put_authority(&o, h, port);
    put_text(&o, " HTTP/1.1\r\nHost: ");
    put_authority(&o, h, port);
    put_text(&o, "\r\n");
    if (px->username.len > 0u) {
        base64_sink b = { NULL, 0u, 0u };
        b.out = &o;
        put_text(&o, "Proxy-Authorization: Basic ");
        base64_span(&b, px->username);
        base64_byte(&b, (uint8_t)':');
        base64_span(&b, px->password);
        base64_finish(&b);
        asc_wipe(&b, sizeof b);
        put_text(&o, "\r\n");
    }
    put_text(&o, "\r\n");
    *out_len = o.len;
    if (o.len > cap) {
        asc_wipe(buf, cap); /* a part of the credentials may be there */
        return ASC_E_BUFFER_TOO_SMALL;
    }
    return ASC_OK;
}

/* ---- the exchange ---------------------------------------------------------------- */

/* Milliseconds left until deadline (mono ms), 0 when it has passed. */
static uint32_t time_left(const asc_port *port, uint64_t deadline)
{
    uint64_t now = port->mono_ms(port->ctx);
    uint64_t left = deadline > now ? deadline - now : 0u;
    return left > UINT32_MAX ? UINT32_MAX : (uint32_t)left;
}

static asc_status send_all(const asc_port *port, const uint8_t *buf, size_t len,
                           uint64_t deadline)
{
    size_t off = 0;
    while (off < len) {
        uint32_t to = time_left(port, deadline);
        int32_t r;
        if (to == 0u) {
            return ASC_E_TIMEOUT;
        }
        r = port->send(port->ctx, buf + off, len - off, to);
        if (r < 0) {
            return r == ASC_PORT_ERR_CLOSED ? ASC_E_CLOSED : ASC_E_IO;
        }
        off += (size_t)r; /* 0: nothing went out in time; try until the deadline */
    }
    return ASC_OK;
}

/* What the proxy's final answer means (asc_proxy.h). */
static asc_status answer_status(uint16_t status)
{
    if (status >= 200u && status < 300u) {
        return ASC_OK;
    }
    /* 407 is the proxy's "who are you"; some proxies (tinyproxy) answer
     * wrong credentials with 401, which for CONNECT can only be theirs */
    return status == 407u || status == 401u ? ASC_E_PROXY_AUTH : ASC_E_PROXY_REFUSED;
}

/* Receive and parse the answer into buf[0..cap). */
static asc_status read_answer(const asc_port *port, uint8_t *buf, size_t cap,
                              uint64_t deadline, uint16_t *out_status)
{
    asc_http_parser hp;
    asc_status st = ASC_E_NEED_MORE;
    size_t len = 0;

    asc_http_parser_init_connect(&hp, cap);
    while (st == ASC_E_NEED_MORE) {
        uint32_t to = time_left(port, deadline);
        int32_t r;
        if (to == 0u) {
            return ASC_E_TIMEOUT;
        }
        r = port->recv(port->ctx, buf + len, cap - len, to);
        if (r == ASC_PORT_ERR_CLOSED) {
            st = asc_http_parse(&hp, buf, len, true);
        } else if (r < 0) {
            return ASC_E_IO;
        } else {
            len += (size_t)r; /* 0: nothing yet; the deadline decides */
            st = asc_http_parse(&hp, buf, len, false);
        }
    }
    *out_status = hp.status;
    if (st == ASC_E_CLOSED) {
        return ASC_E_CLOSED;
    }
    if (st != ASC_OK) {
        return ASC_E_PROXY_MALFORMED; /* not HTTP, or its head does not fit */
    }
    st = answer_status(hp.status);
    if (st == ASC_OK && hp.end != len) {
        /* The TLS server never speaks first: bytes here are the proxy's. */
        return ASC_E_PROXY_MALFORMED;
    }
    return st;
}

asc_status asc_proxy_tunnel(const asc_port *port, const asc_proxy_config *px,
                            const char *host, uint16_t host_port, uint8_t *buf,
                            size_t cap, uint32_t timeout_ms, uint16_t *out_status)
{
    uint64_t deadline;
    size_t len = 0;
    asc_status st;

    if (port == NULL || out_status == NULL) {
        return ASC_E_INVALID_ARG;
    }
    *out_status = 0u;
    st = asc_proxy_connect_request(px, host, host_port, buf, cap, &len);
    if (st != ASC_OK) {
        return st; /* nothing sent, no connection opened */
    }
    deadline = port->mono_ms(port->ctx) + timeout_ms;
    st = port->connect(port->ctx, px->host, px->port, timeout_ms);
    if (st == ASC_OK) {
        st = send_all(port, buf, len, deadline);
    }
    asc_wipe(buf, len); /* the credentials' base64 */
    if (st == ASC_OK) {
        st = read_answer(port, buf, cap, deadline, out_status);
    }
    if (st != ASC_OK) {
        port->close(port->ctx);
    }
    return st;
}

#endif /* ASC_ENABLE_PROXY */
