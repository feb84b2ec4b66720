/*
 * asc_port_posix.c - POSIX implementation of the asc_port contract.
 * See asc_port_posix.h for the behaviour; comments here say why.
 */
#include "asc_port_posix.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/random.h>
#define ASC_HAVE_GETRANDOM 1
#endif

#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL 0 /* BSD/macOS: SO_NOSIGPIPE would be the equivalent */
#endif

/* 2020-01-01T00:00:00Z: a wall clock earlier than this was never set. */
#define ASC_POSIX_MIN_SANE_UTC 1577836800LL

static uint64_t posix_now_ms(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
        return 0;
    }
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* Milliseconds left until deadline, clamped to poll()'s int range. */
static int posix_left(uint64_t deadline)
{
    uint64_t now = posix_now_ms();
    uint64_t left = deadline > now ? deadline - now : 0;
    return left > (uint64_t)INT_MAX ? INT_MAX : (int)left;
}

/* Wait for events on fd until deadline. Returns >0 ready, 0 timeout,
 * <0 poll error. EINTR is retried with the time that is left. */
static int posix_wait(int fd, short events, uint64_t deadline)
{
    for (;;) {
        struct pollfd p;
        int r;
        p.fd = fd;
        p.events = events;
        p.revents = 0;
        r = poll(&p, 1, posix_left(deadline));
        if (r >= 0) {
            return r;
        }
        if (errno != EINTR) {
            return -1;
        }
    }
}

static void posix_close(void *ctx)
{
    asc_port_posix *c = (asc_port_posix *)ctx;
    if (c != NULL && c->fd >= 0) {
        /* close() is not retried on EINTR: on Linux the fd is gone anyway. */
        (void)close(c->fd);
        c->fd = -1;
    }
}

static int posix_set_flags(int fd)
{
    int fl = fcntl(fd, F_GETFL, 0);
    int one = 1;
    if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) != 0) {
        return -1;
    }
    (void)fcntl(fd, F_SETFD, FD_CLOEXEC);
    /* Requests are written in one go; do not wait for Nagle. */
    (void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, (socklen_t)sizeof one);
    return 0;
}

/* One address: ASC_OK, ASC_E_CONNECT (refused/unreachable), ASC_E_TIMEOUT
 * or ASC_E_IO (no socket). *out_fd is set on success. */
static asc_status posix_try_addr(const struct addrinfo *ai, uint64_t deadline,
                                 int *out_fd)
{
    int fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    int err = 0;
    socklen_t elen = (socklen_t)sizeof err;
    int r;

    if (fd < 0) {
        return ASC_E_IO;
    }
    if (posix_set_flags(fd) != 0) {
        (void)close(fd);
        return ASC_E_IO;
    }
    r = connect(fd, ai->ai_addr, ai->ai_addrlen);
    if (r != 0 && errno != EINPROGRESS && errno != EINTR) {
        /* Refused at once (loopback) or no route. */
        (void)close(fd);
        return ASC_E_CONNECT;
    }
    if (r != 0) {
        /* In progress (an interrupted connect also continues
         * asynchronously): writable means done, SO_ERROR says how. */
        r = posix_wait(fd, POLLOUT, deadline);
        if (r == 0) {
            (void)close(fd);
            return ASC_E_TIMEOUT;
        }
        if (r < 0 || getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen) != 0 ||
            err != 0) {
            (void)close(fd);
            return ASC_E_CONNECT;
        }
    }
    *out_fd = fd;
    return ASC_OK;
}

static asc_status posix_connect(void *ctx, const char *host, uint16_t port,
                                uint32_t timeout_ms)
{
    asc_port_posix *c = (asc_port_posix *)ctx;
    uint64_t deadline = posix_now_ms() + timeout_ms;
    struct addrinfo hints;
    struct addrinfo *res = NULL;
    const struct addrinfo *ai;
    char service[8];
    asc_status st = ASC_E_CONNECT;

    if (c == NULL || host == NULL || host[0] == '\0') {
        return ASC_E_INVALID_ARG;
    }
    posix_close(c);
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_protocol = IPPROTO_TCP;
    (void)snprintf(service, sizeof service, "%u", (unsigned)port);
    /* getaddrinfo has no timeout of its own; the resolver's (resolv.conf)
     * applies. Any failure to resolve is ASC_E_DNS. */
    if (getaddrinfo(host, service, &hints, &res) != 0 || res == NULL) {
        return ASC_E_DNS;
    }
    for (ai = res; ai != NULL; ai = ai->ai_next) {
        int fd = -1;
        asc_status r = posix_try_addr(ai, deadline, &fd);
        if (r == ASC_OK) {
            c->fd = fd;
            st = ASC_OK;
            break;
        }
        /* Keep the most telling failure: a timeout beats a refusal. */
        if (r == ASC_E_TIMEOUT || st != ASC_E_TIMEOUT) {
            st = r;
        }
        if (posix_left(deadline) == 0) {
            st = ASC_E_TIMEOUT;
            break;
        }
    }
    freeaddrinfo(res);
    return st;
}

/* Shared start of send/recv: argument checks and the INT32_MAX clamp.
 * Returns 1 to go on, else the value to return. */
static int32_t posix_io_begin(const asc_port_posix *c, const uint8_t *buf,
                              size_t *len)
{
    if (c == NULL || c->fd < 0 || buf == NULL) {
        return ASC_PORT_ERR_IO;
    }
    if (*len == 0) {
        return 0;
    }
    if (*len > (size_t)INT32_MAX) {
        *len = (size_t)INT32_MAX;
    }
    return 1;
}

static int32_t posix_send(void *ctx, const uint8_t *buf, size_t len,
                          uint32_t timeout_ms)
{
    asc_port_posix *c = (asc_port_posix *)ctx;
    uint64_t deadline = posix_now_ms() + timeout_ms;
    int32_t early = posix_io_begin(c, buf, &len);
    if (early <= 0) {
        return early;
    }
    for (;;) {
        ssize_t n;
        int r = posix_wait(c->fd, POLLOUT, deadline);
        if (r == 0) {
            return 0;
        }
        if (r < 0) {
            return ASC_PORT_ERR_IO;
        }
        n = send(c->fd, buf, len, MSG_NOSIGNAL);
        if (n > 0) {
            return (int32_t)n;
        }
        if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (posix_left(deadline) == 0) {
                return 0;
            }
            continue;
        }
        return ASC_PORT_ERR_IO;
    }
}

static int32_t posix_recv(void *ctx, uint8_t *buf, size_t len,
                          uint32_t timeout_ms)
{
    asc_port_posix *c = (asc_port_posix *)ctx;
    uint64_t deadline = posix_now_ms() + timeout_ms;
    int32_t early = posix_io_begin(c, buf, &len);
    if (early <= 0) {
        return early;
    }
    for (;;) {
        ssize_t n;
        /* POLLHUP/POLLERR also wake us; recv() then reports what happened. */
        int r = posix_wait(c->fd, POLLIN, deadline);
        if (r == 0) {
            return 0;
        }
        if (r < 0) {
            return ASC_PORT_ERR_IO;
        }
        n = recv(c->fd, buf, len, 0);
        if (n > 0) {
            return (int32_t)n;
        }
        if (n == 0) {
            return ASC_PORT_ERR_CLOSED;
        }
        if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) {
            if (posix_left(deadline) == 0) {
                return 0;
            }
            continue;
        }
        return ASC_PORT_ERR_IO; /* ECONNRESET, ETIMEDOUT, ... */
    }
}

static int64_t posix_utc_now(void *ctx)
{
    struct timespec ts;
    (void)ctx;
    if (clock_gettime(CLOCK_REALTIME, &ts) != 0 ||
        (int64_t)ts.tv_sec < ASC_POSIX_MIN_SANE_UTC) {
        return -1;
    }
    return (int64_t)ts.tv_sec;
}

static uint64_t posix_mono_ms(void *ctx)
{
    (void)ctx;
    return posix_now_ms();
}

#if !defined(ASC_HAVE_GETRANDOM)
static asc_status posix_urandom(uint8_t *buf, size_t len)
{
    int fd = open("/dev/urandom", O_RDONLY);
    size_t got = 0;
    if (fd < 0) {
        return ASC_E_PORT;
    }
    while (got < len) {
        ssize_t n = read(fd, buf + got, len - got);
        if (n > 0) {
            got += (size_t)n;
        } else if (!(n < 0 && errno == EINTR)) {
            break;
        }
    }
    (void)close(fd);
    return got == len ? ASC_OK : ASC_E_PORT;
}
#endif

static asc_status posix_random(void *ctx, uint8_t *buf, size_t len)
{
    (void)ctx;
    if (buf == NULL && len != 0) {
        return ASC_E_PORT;
    }
#if defined(ASC_HAVE_GETRANDOM)
    {
        size_t got = 0;
        while (got < len) {
            /* Reads above 256 bytes may be short or interrupted: loop. */
            ssize_t n = getrandom(buf + got, len - got, 0);
            if (n > 0) {
                got += (size_t)n;
            } else if (!(n < 0 && errno == EINTR)) {
                return ASC_E_PORT;
            }
        }
        return ASC_OK;
    }
#else
    return posix_urandom(buf, len);
#endif
}

static void posix_sleep_ms(void *ctx, uint32_t ms)
{
    struct timespec ts;
    (void)ctx;
    ts.tv_sec = (time_t)(ms / 1000u);
    ts.tv_nsec = (long)(ms % 1000u) * 1000000L;
    (void)nanosleep(&ts, NULL);
}

void asc_port_posix_init(asc_port *port, asc_port_posix *ctx)
{
    if (port == NULL || ctx == NULL) {
        return;
    }
    ctx->fd = -1;
    port->ctx = ctx;
    port->connect = posix_connect;
    port->send = posix_send;
    port->recv = posix_recv;
    port->close = posix_close;
    port->utc_now = posix_utc_now;
    port->mono_ms = posix_mono_ms;
    port->random = posix_random;
    port->sleep_ms = posix_sleep_ms;
}
