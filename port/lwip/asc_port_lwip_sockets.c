/*
 * asc_port_lwip_sockets.c - asc_port over lwIP's socket API (NO_SYS=0).
 * Behaviour in asc_port_lwip.h; comments here say why.
 */
#include "asc_port_lwip.h"

#include <string.h>

#include "lwip/opt.h"

#if LWIP_SOCKET

#include "lwip/errno.h"
#include "lwip/inet.h"
#include "lwip/netdb.h"
#include "lwip/sockets.h"
#include "lwip/sys.h"
#include "asc_port_lwip_common.h"

#if !LWIP_SO_RCVTIMEO || !LWIP_SO_SNDTIMEO
#error "asc lwIP sockets port: set LWIP_SO_RCVTIMEO 1 and LWIP_SO_SNDTIMEO 1 in lwipopts.h"
#endif
#if !LWIP_SOCKET_SELECT
#error "asc lwIP sockets port: LWIP_SOCKET_SELECT 1 is needed for connect timeouts"
#endif
#if NO_SYS
#error "asc lwIP sockets port needs NO_SYS 0 (use asc_port_lwip_raw.c with NO_SYS 1)"
#endif

static uint64_t sock_now(asc_port_lwip_sock *c)
{
    return lwip_mono_extend(&c->mono_last, &c->mono_high);
}

static void sock_close(void *ctx)
{
    asc_port_lwip_sock *c = (asc_port_lwip_sock *)ctx;
    if (c != NULL && c->fd >= 0) {
        (void)lwip_close(c->fd);
        c->fd = -1;
    }
}

/* Set SO_RCVTIMEO / SO_SNDTIMEO; lwIP reads the option as struct timeval
 * (or int ms with LWIP_SO_SNDRCVTIMEO_NONSTANDARD). 0 would mean "block
 * forever", which callers avoid with MSG_DONTWAIT. */
static int sock_set_timeout(int fd, int opt, uint32_t ms)
{
#if LWIP_SO_SNDRCVTIMEO_NONSTANDARD
    int v = ms > (uint32_t)INT32_MAX ? INT32_MAX : (int)ms;
#else
    struct timeval v;
    memset(&v, 0, sizeof v);
    v.tv_sec = (long)(ms / 1000u);
    v.tv_usec = (long)(ms % 1000u) * 1000L;
#endif
    return lwip_setsockopt(fd, SOL_SOCKET, opt, &v, (socklen_t)sizeof v);
}

/* Resolve host into *out (port set by the caller). IP literals never touch
 * DNS. Returns ASC_OK or ASC_E_DNS. */
static asc_status sock_resolve(const char *host, ip_addr_t *out)
{
    if (ipaddr_aton(host, out)) {
        return ASC_OK;
    }
#if LWIP_DNS
    {
        struct addrinfo hints;
        struct addrinfo *res = NULL;
        asc_status st = ASC_E_DNS;
        memset(&hints, 0, sizeof hints);
        hints.ai_family = AF_UNSPEC;
        hints.ai_socktype = SOCK_STREAM;
        /* The addrinfo comes from lwIP's static MEMP_NETDB pool. */
        if (lwip_getaddrinfo(host, NULL, &hints, &res) == 0 && res != NULL) {
#if LWIP_IPV4
            if (res->ai_family == AF_INET) {
                const struct sockaddr_in *sa = (const struct sockaddr_in *)(const void *)res->ai_addr;
                ip_addr_t a;
                inet_addr_to_ip4addr(ip_2_ip4(&a), &sa->sin_addr);
                IP_SET_TYPE_VAL(a, IPADDR_TYPE_V4);
                *out = a;
                st = ASC_OK;
            }
#endif
#if LWIP_IPV6
            if (res->ai_family == AF_INET6) {
                const struct sockaddr_in6 *sa6 = (const struct sockaddr_in6 *)(const void *)res->ai_addr;
                ip_addr_t a;
                inet6_addr_to_ip6addr(ip_2_ip6(&a), &sa6->sin6_addr);
                IP_SET_TYPE_VAL(a, IPADDR_TYPE_V6);
                ip6_addr_clear_zone(ip_2_ip6(&a));
                *out = a;
                st = ASC_OK;
            }
#endif
        }
        if (res != NULL) {
            lwip_freeaddrinfo(res);
        }
        return st;
    }
#else
    return ASC_E_DNS;
#endif
}

static asc_status sock_connect(void *ctx, const char *host, uint16_t port,
                               uint32_t timeout_ms)
{
    asc_port_lwip_sock *c = (asc_port_lwip_sock *)ctx;
    uint64_t deadline;
    ip_addr_t addr;
    struct sockaddr_storage ss;
    socklen_t sslen;
    int fd;
    int r;
    int one = 1;

    if (c == NULL || host == NULL || host[0] == '\0') {
        return ASC_E_INVALID_ARG;
    }
    sock_close(c);
    deadline = sock_now(c) + timeout_ms;
    if (sock_resolve(host, &addr) != ASC_OK) {
        return ASC_E_DNS;
    }
    memset(&ss, 0, sizeof ss);
#if LWIP_IPV6
    if (IP_IS_V6_VAL(addr)) {
        struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)(void *)&ss;
        s6->sin6_family = AF_INET6;
        s6->sin6_port = lwip_htons(port);
        inet6_addr_from_ip6addr(&s6->sin6_addr, ip_2_ip6(&addr));
        sslen = (socklen_t)sizeof *s6;
    } else
#endif
    {
#if LWIP_IPV4
        struct sockaddr_in *s4 = (struct sockaddr_in *)(void *)&ss;
        s4->sin_family = AF_INET;
        s4->sin_port = lwip_htons(port);
        inet_addr_from_ip4addr(&s4->sin_addr, ip_2_ip4(&addr));
        sslen = (socklen_t)sizeof *s4;
#else
        return ASC_E_DNS;
#endif
    }

    fd = lwip_socket(ss.ss_family, SOCK_STREAM, IPPROTO_TCP);
    if (fd < 0) {
        return ASC_E_IO; /* MEMP_NUM_NETCONN / NUM_SOCKETS exhausted */
    }
    /* Non-blocking connect so timeout_ms bounds it (lwIP's SO_SNDTIMEO
     * does not apply to connect). */
    if (lwip_fcntl(fd, F_SETFL, O_NONBLOCK) != 0) {
        (void)lwip_close(fd);
        return ASC_E_IO;
    }
    r = lwip_connect(fd, (const struct sockaddr *)(const void *)&ss, sslen);
    if (r != 0 && errno != EINPROGRESS) {
        (void)lwip_close(fd);
        return ASC_E_CONNECT;
    }
    if (r != 0) {
        int err = 0;
        socklen_t elen = (socklen_t)sizeof err;
        for (;;) {
            fd_set wset, eset;
            struct timeval tv;
            uint64_t now = sock_now(c);
            uint64_t left = deadline > now ? deadline - now : 0;
            FD_ZERO(&wset);
            FD_ZERO(&eset);
            FD_SET(fd, &wset);
            FD_SET(fd, &eset);
            tv.tv_sec = (long)(left / 1000u);
            tv.tv_usec = (long)(left % 1000u) * 1000L;
            r = lwip_select(fd + 1, NULL, &wset, &eset, &tv);
            if (r > 0) {
                break;
            }
            if (r == 0 || left == 0) {
                (void)lwip_close(fd);
                return ASC_E_TIMEOUT;
            }
            if (errno != EINTR) {
                (void)lwip_close(fd);
                return ASC_E_IO;
            }
        }
        /* SO_ERROR returns (and clears) the pending error: refused is
         * ECONNRESET, unreachable EHOSTUNREACH, ... */
        if (lwip_getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen) != 0 || err != 0) {
            (void)lwip_close(fd);
            return ASC_E_CONNECT;
        }
    }
    /* Back to blocking: send/recv use SO_SNDTIMEO / SO_RCVTIMEO. */
    if (lwip_fcntl(fd, F_SETFL, 0) != 0) {
        (void)lwip_close(fd);
        return ASC_E_IO;
    }
    /* Requests are written in one go; do not wait for Nagle. */
    (void)lwip_setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, (socklen_t)sizeof one);
    c->fd = fd;
    return ASC_OK;
}

static int32_t sock_send(void *ctx, const uint8_t *buf, size_t len,
                         uint32_t timeout_ms)
{
    asc_port_lwip_sock *c = (asc_port_lwip_sock *)ctx;
    ssize_t n;
    int flags = 0;

    if (c == NULL || c->fd < 0 || buf == NULL) {
        return ASC_PORT_ERR_IO;
    }
    if (len == 0) {
        return 0;
    }
    if (len > (size_t)INT32_MAX) {
        len = (size_t)INT32_MAX;
    }
    if (timeout_ms == 0) {
        flags = MSG_DONTWAIT;
    } else if (sock_set_timeout(c->fd, SO_SNDTIMEO, timeout_ms) != 0) {
        return ASC_PORT_ERR_IO;
    }
    /* With SO_SNDTIMEO lwIP returns what it queued when time runs out, or
     * -1/EWOULDBLOCK when nothing could be queued. */
    n = lwip_send(c->fd, buf, len, flags);
    if (n > 0) {
        return (int32_t)n;
    }
    if (n < 0 && (errno == EWOULDBLOCK || errno == EAGAIN || errno == EINTR)) {
        return 0;
    }
    return ASC_PORT_ERR_IO; /* ECONNRESET, ECONNABORTED, ENOTCONN, ... */
}

static int32_t sock_recv(void *ctx, uint8_t *buf, size_t len,
                         uint32_t timeout_ms)
{
    asc_port_lwip_sock *c = (asc_port_lwip_sock *)ctx;
    ssize_t n;
    int flags = 0;

    if (c == NULL || c->fd < 0 || buf == NULL) {
        return ASC_PORT_ERR_IO;
    }
    if (len == 0) {
        return 0;
    }
    if (len > (size_t)INT32_MAX) {
        len = (size_t)INT32_MAX;
    }
    if (timeout_ms == 0) {
        flags = MSG_DONTWAIT;
    } else if (sock_set_timeout(c->fd, SO_RCVTIMEO, timeout_ms) != 0) {
        return ASC_PORT_ERR_IO;
    }
    n = lwip_recv(c->fd, buf, len, flags);
    if (n > 0) {
        return (int32_t)n;
    }
    if (n == 0) {
        return ASC_PORT_ERR_CLOSED;
    }
    if (errno == EWOULDBLOCK || errno == EAGAIN || errno == EINTR) {
        return 0; /* SO_RCVTIMEO ran out */
    }
    return ASC_PORT_ERR_IO; /* ECONNRESET, ECONNABORTED, ... */
}

static int64_t sock_utc_now(void *ctx)
{
    asc_port_lwip_sock *c = (asc_port_lwip_sock *)ctx;
    return c != NULL ? lwip_hooks_utc(&c->hooks) : -1;
}

static uint64_t sock_mono_ms(void *ctx)
{
    asc_port_lwip_sock *c = (asc_port_lwip_sock *)ctx;
    return c != NULL ? sock_now(c) : (uint64_t)sys_now();
}

static asc_status sock_random(void *ctx, uint8_t *buf, size_t len)
{
    asc_port_lwip_sock *c = (asc_port_lwip_sock *)ctx;
    return c != NULL ? lwip_hooks_random(&c->hooks, buf, len) : ASC_E_PORT;
}

static void sock_sleep_ms(void *ctx, uint32_t ms)
{
    (void)ctx;
    if (ms > 0) {
        sys_msleep(ms);
    }
}

void asc_port_lwip_sock_init(asc_port *port, asc_port_lwip_sock *ctx,
                             const asc_port_lwip_hooks *hooks)
{
    if (port == NULL || ctx == NULL) {
        return;
    }
    memset(ctx, 0, sizeof *ctx);
    if (hooks != NULL) {
        ctx->hooks = *hooks;
    }
    ctx->fd = -1;
    ctx->mono_last = sys_now();
    port->ctx = ctx;
    port->connect = sock_connect;
    port->send = sock_send;
    port->recv = sock_recv;
    port->close = sock_close;
    port->utc_now = sock_utc_now;
    port->mono_ms = sock_mono_ms;
    port->random = sock_random;
    port->sleep_ms = sock_sleep_ms;
}

#else /* !LWIP_SOCKET */
/* This lwIP configuration has no socket API: the file is empty. */
typedef int asc_port_lwip_sockets_unused;
#endif
