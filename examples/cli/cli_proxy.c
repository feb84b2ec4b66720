/*
 * cli_proxy.c - the command-line tool's proxy choice (see cli_proxy.h).
 */
#include "cli_proxy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_text.h"

/* The variables that name a proxy for HTTPS, in the order they are read. */
static const char *const k_proxy_vars[] = { "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy" };
static const char *const k_no_proxy_vars[] = { "NO_PROXY", "no_proxy" };

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int equal_nocase(const char *a, size_t na, const char *b, size_t nb)
{
    size_t i;
    if (na != nb) {
        return 0;
    }
    for (i = 0; i < na; i++) {
        if (lower((unsigned char)a[i]) != lower((unsigned char)b[i])) {
            return 0;
        }
    }
    return 1;
}

static int hex_value(char c)
{
    c = (char)lower((unsigned char)c);
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* s[0..n) percent-decoded into out (cap bytes, NUL-terminated); 0 on a bad
 * escape, a NUL byte or when it does not fit. */
static int percent_decode(const char *s, size_t n, char *out, size_t cap, size_t *out_len)
{
    size_t i, k = 0;
    for (i = 0; i < n; i++) {
        int c = (unsigned char)s[i];
        if (c == '%') {
            int hi, lo;
            if (i + 2 >= n) {
                return 0;
            }
            hi = hex_value(s[i + 1]);
            lo = hex_value(s[i + 2]);
            if (hi < 0 || lo < 0) {
                return 0;
            }
            c = hi * 16 + lo;
            i += 2;
        }
        if (c == 0 || k + 1 >= cap) {
            return 0;
        }
        out[k++] = (char)c;
    }
    out[k] = '\0';
    *out_len = k;
    return 1;
}

static int parse_port(const char *s, size_t n, uint16_t *out)
{
    size_t i;
    unsigned long v = 0;
    if (n == 0 || n > 5) {
        return 0;
    }
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return 0;
        }
        v = v * 10 + (unsigned long)(s[i] - '0');
    }
    if (v == 0 || v > 65535) {
        return 0;
    }
    *out = (uint16_t)v;
    return 1;
}

const char *cli_proxy_parse(const char *url, cli_proxy *p)
{
    const char *s = url, *end, *at, *host, *host_end, *port_at = NULL, *sep;
    size_t n, hl;
    memset(p, 0, sizeof *p);
    p->port = 80;
    sep = strstr(s, "://");
    if (sep != NULL) {
        n = (size_t)(sep - s);
        if (equal_nocase(s, n, "https", 5)) {
            return "an https:// proxy (TLS to the proxy) is not supported; use http://";
        }
        if (!equal_nocase(s, n, "http", 4)) {
            return "only http:// proxies are supported (no socks)";
        }
        s = sep + 3;
    }
    end = s + strlen(s);
    if (end > s && end[-1] == '/') {
        end--; /* "http://proxy:3128/" */
    }
    if (memchr(s, '/', (size_t)(end - s)) != NULL || memchr(s, '?', (size_t)(end - s)) != NULL ||
        memchr(s, '#', (size_t)(end - s)) != NULL) {
        return "a proxy URL has no path, query or fragment";
    }
    /* the last '@' ends the user information (a password may hold '@' only
     * percent-encoded, but be lenient) */
    at = NULL;
    for (host = s; host < end; host++) {
        if (*host == '@') {
            at = host;
        }
    }
    host = s;
    if (at != NULL) {
        const char *colon = memchr(s, ':', (size_t)(at - s));
        const char *user_end = colon != NULL ? colon : at;
        if (!percent_decode(s, (size_t)(user_end - s), p->user, sizeof p->user, &p->user_len) ||
            (colon != NULL && !percent_decode(colon + 1, (size_t)(at - colon - 1), p->pass,
                                              sizeof p->pass, &p->pass_len))) {
            cli_proxy_wipe(p);
            return "bad user name or password in the proxy URL (percent-encode '@', ':', '%')";
        }
        if (p->user_len == 0) {
            cli_proxy_wipe(p);
            return "a password without a user name in the proxy URL";
        }
        if (memchr(p->user, ':', p->user_len) != NULL) {
            cli_proxy_wipe(p);
            return "a user name in the proxy URL cannot contain ':' (Basic authentication)";
        }
        p->has_credentials = 1;
        host = at + 1;
    }
    if (host < end && *host == '[') {
        const char *close = memchr(host, ']', (size_t)(end - host));
        if (close == NULL) {
            cli_proxy_wipe(p);
            return "unclosed '[' in the proxy host";
        }
        host_end = close;
        host++;
        if (close + 1 < end) {
            if (close[1] != ':') {
                cli_proxy_wipe(p);
                return "bad proxy host";
            }
            port_at = close + 2;
        }
    } else {
        host_end = memchr(host, ':', (size_t)(end - host));
        if (host_end != NULL) {
            port_at = host_end + 1;
        } else {
            host_end = end;
        }
    }
    hl = (size_t)(host_end - host);
    if (hl == 0 || hl >= sizeof p->host) {
        cli_proxy_wipe(p);
        return "no proxy host";
    }
    memcpy(p->host, host, hl);
    p->host[hl] = '\0';
    if (port_at != NULL && !parse_port(port_at, (size_t)(end - port_at), &p->port)) {
        cli_proxy_wipe(p);
        return "bad proxy port (1..65535)";
    }
    return NULL;
}

/* One NO_PROXY entry e[0..n) against host:port. */
static int entry_matches(const char *e, size_t n, const char *host, unsigned port)
{
    const char *colon;
    size_t hl = strlen(host);
    if (n == 1 && e[0] == '*') {
        return 1;
    }
    /* "name:port" (not an IPv6 literal: those have more than one ':') */
    colon = memchr(e, ':', n);
    if (colon != NULL && memchr(colon + 1, ':', n - (size_t)(colon - e) - 1u) == NULL) {
        uint16_t want;
        if (!parse_port(colon + 1, n - (size_t)(colon - e) - 1u, &want) || want != port) {
            return 0;
        }
        n = (size_t)(colon - e);
    }
    if (n > 0 && e[0] == '.') {
        e++;
        n--;
    }
    if (n >= 2 && e[0] == '[' && e[n - 1] == ']') {
        e++;
        n -= 2;
    }
    if (n == 0) {
        return 0;
    }
    if (equal_nocase(host, hl, e, n)) {
        return 1;
    }
    /* a name under it: "x.example.com" for "example.com" */
    return hl > n && host[hl - n - 1] == '.' && equal_nocase(host + hl - n, n, e, n);
}

int cli_no_proxy_match(const char *list, const char *host, unsigned port)
{
    const char *s = list;
    while (s != NULL && *s != '\0') {
        const char *comma = strchr(s, ',');
        const char *end = comma != NULL ? comma : s + strlen(s);
        const char *b = s;
        while (b < end && (*b == ' ' || *b == '\t')) {
            b++;
        }
        while (end > b && (end[-1] == ' ' || end[-1] == '\t')) {
            end--;
        }
        if (entry_matches(b, (size_t)(end - b), host, port)) {
            return 1;
        }
        s = comma != NULL ? comma + 1 : NULL;
    }
    return 0;
}

const char *cli_proxy_choose(const char *flag, const char *host, unsigned port,
                             const char *(*getenv_fn)(const char *), cli_proxy *p,
                             char *msg, size_t msg_cap)
{
    const char *url = flag, *source = "--proxy", *err;
    size_t i;
    memset(p, 0, sizeof *p);
    for (i = 0; url == NULL && i < sizeof k_proxy_vars / sizeof k_proxy_vars[0]; i++) {
        const char *v = getenv_fn(k_proxy_vars[i]);
        if (v != NULL && v[0] != '\0') {
            url = v;
            source = k_proxy_vars[i];
        }
    }
    if (url == NULL || url[0] == '\0') {
        return NULL; /* none, or --proxy "" */
    }
    err = cli_proxy_parse(url, p);
    if (err != NULL) {
        (void)cli_format(msg, msg_cap, "%s: %s", source, err);
        return msg;
    }
    p->source = source;
    for (i = 0; i < sizeof k_no_proxy_vars / sizeof k_no_proxy_vars[0]; i++) {
        const char *v = getenv_fn(k_no_proxy_vars[i]);
        if (v != NULL && v[0] != '\0') {
            if (cli_no_proxy_match(v, host, port)) {
                p->bypassed_by = k_no_proxy_vars[i];
                return NULL;
            }
            break; /* NO_PROXY set: no_proxy is not read */
        }
    }
    p->use = 1;
    return NULL;
}

static void wipe(void *ptr, size_t n)
{
    volatile unsigned char *v = (volatile unsigned char *)ptr;
    while (n-- > 0u) {
        *v++ = 0u;
    }
}

void cli_proxy_wipe(cli_proxy *p)
{
    size_t i;
    if (p != NULL) {
        wipe(p, sizeof *p);
    }
    for (i = 0; i < sizeof k_proxy_vars / sizeof k_proxy_vars[0]; i++) {
        char *v = getenv(k_proxy_vars[i]);
        if (v != NULL) {
            wipe(v, strlen(v));
        }
    }
}
