/*
 * test_port_posix.c - the POSIX port against real loopback sockets the test
 * creates itself (single thread: the kernel completes TCP handshakes into
 * the listen backlog, so connect and accept can run one after the other).
 * All network traffic stays on 127.0.0.1.
 */
#include "harness.h"
#include "loopback.h"
#include "../../port/posix/asc_port_posix.h"

#include <errno.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <poll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int accept_within(int lfd, int ms)
{
    struct pollfd p;
    p.fd = lfd;
    p.events = POLLIN;
    p.revents = 0;
    if (poll(&p, 1, ms) != 1) {
        return -1;
    }
    return accept(lfd, NULL, NULL);
}

static void test_connect_send_recv(asc_port *port)
{
    uint16_t pn = 0;
    int lfd, afd;
    uint8_t buf[64];
    int32_t n;
    uint64_t t0, dt;

    T_CASE("connect/send/recv/timeout/close");
    lfd = listen_on(&pn, 4);
    CHECK(lfd >= 0);
    if (lfd < 0) {
        return;
    }
    CHECK_EQ(port->connect(port->ctx, "127.0.0.1", pn, 2000), ASC_OK);
    afd = accept_within(lfd, 2000);
    CHECK(afd >= 0);

    CHECK_EQ(port->send(port->ctx, (const uint8_t *)"hello", 5, 1000), 5);
    CHECK_EQ(recv(afd, buf, sizeof buf, 0), 5);
    CHECK_MEM(buf, 5, "hello", 5);

    CHECK_EQ(send(afd, "world!", 6, 0), 6);
    n = port->recv(port->ctx, buf, sizeof buf, 1000);
    CHECK_EQ(n, 6);
    CHECK_MEM(buf, 6, "world!", 6);

    /* Nothing to read: 0 after about the timeout. */
    t0 = port->mono_ms(port->ctx);
    n = port->recv(port->ctx, buf, sizeof buf, 150);
    dt = port->mono_ms(port->ctx) - t0;
    CHECK_EQ(n, 0);
    CHECK(dt >= 140 && dt < 1000);
    /* Zero timeout: immediate. */
    CHECK_EQ(port->recv(port->ctx, buf, sizeof buf, 0), 0);

    /* Orderly close by the peer. */
    close(afd);
    CHECK_EQ(port->recv(port->ctx, buf, sizeof buf, 1000), ASC_PORT_ERR_CLOSED);

    /* Writing into a closed peer: an error, never SIGPIPE. */
    {
        int i;
        int32_t r = 0;
        for (i = 0; i < 50 && r >= 0; i++) {
            r = port->send(port->ctx, (const uint8_t *)"x", 1, 200);
            if (r >= 0) {
                struct timespec ts = { 0, 10000000L };
                nanosleep(&ts, NULL);
            }
        }
        CHECK_EQ(r, ASC_PORT_ERR_IO);
    }
    port->close(port->ctx);
    port->close(port->ctx); /* twice is fine */
    CHECK_EQ(port->send(port->ctx, (const uint8_t *)"x", 1, 10), ASC_PORT_ERR_IO);
    CHECK_EQ(port->recv(port->ctx, buf, 1, 10), ASC_PORT_ERR_IO);

    /* "localhost" resolves (AF_UNSPEC: ::1 may be tried first and refused). */
    CHECK_EQ(port->connect(port->ctx, "localhost", pn, 2000), ASC_OK);
    afd = accept_within(lfd, 2000);
    CHECK(afd >= 0);
    /* Reset by the peer: SO_LINGER 0 makes close() send RST. */
    {
        struct linger lg;
        lg.l_onoff = 1;
        lg.l_linger = 0;
        (void)setsockopt(afd, SOL_SOCKET, SO_LINGER, &lg, (socklen_t)sizeof lg);
        close(afd);
        CHECK_EQ(port->recv(port->ctx, buf, sizeof buf, 1000), ASC_PORT_ERR_IO);
    }
    port->close(port->ctx);
    close(lfd);
}

static void test_connect_errors(asc_port *port)
{
    uint16_t pn = 0;
    int lfd;
    uint64_t t0, dt;

    T_CASE("connect errors");
    /* A port nobody listens on: take one, then close it. */
    lfd = listen_on(&pn, 1);
    CHECK(lfd >= 0);
    close(lfd);
    CHECK_EQ(port->connect(port->ctx, "127.0.0.1", pn, 2000), ASC_E_CONNECT);
    CHECK_EQ(port->connect(port->ctx, "no-such-host.invalid", 443, 2000), ASC_E_DNS);
    CHECK_EQ(port->connect(port->ctx, NULL, 443, 2000), ASC_E_INVALID_ARG);
    CHECK_EQ(port->connect(port->ctx, "", 443, 2000), ASC_E_INVALID_ARG);

    /* Timeout: a listener with a full accept queue drops further SYNs. */
    lfd = listen_on(&pn, 0);
    CHECK(lfd >= 0);
    if (lfd >= 0) {
        asc_port_posix extra[4];
        asc_port p2[4];
        asc_status st = ASC_OK;
        int i;
        for (i = 0; i < 4 && st == ASC_OK; i++) {
            asc_port_posix_init(&p2[i], &extra[i]);
            t0 = port->mono_ms(port->ctx);
            st = p2[i].connect(p2[i].ctx, "127.0.0.1", pn, 300);
            dt = port->mono_ms(port->ctx) - t0;
        }
        CHECK_EQ(st, ASC_E_TIMEOUT);
        CHECK(dt >= 290 && dt < 2000);
        while (i-- > 0) {
            p2[i].close(p2[i].ctx);
        }
        close(lfd);
    }
}

static void test_clock_random(asc_port *port)
{
    uint8_t a[300], b[300], z[300];
    uint64_t m0, m1, m2;
    int64_t utc;
    size_t i;
    int same = 1;

    T_CASE("clocks, random, sleep");
    utc = port->utc_now(port->ctx);
    CHECK(utc > 1577836800LL);
    CHECK((time_t)utc - time(NULL) <= 1 && time(NULL) - (time_t)utc <= 1);

    m0 = port->mono_ms(port->ctx);
    m1 = port->mono_ms(port->ctx);
    CHECK(m1 >= m0);
    port->sleep_ms(port->ctx, 50);
    m2 = port->mono_ms(port->ctx);
    CHECK(m2 - m1 >= 45 && m2 - m1 < 1000);

    memset(a, 0, sizeof a);
    memset(b, 0, sizeof b);
    memset(z, 0, sizeof z);
    CHECK_EQ(port->random(port->ctx, a, sizeof a), ASC_OK);
    CHECK_EQ(port->random(port->ctx, b, sizeof b), ASC_OK);
    CHECK(memcmp(a, z, sizeof a) != 0);
    for (i = 0; i < sizeof a; i++) {
        if (a[i] != b[i]) {
            same = 0;
        }
    }
    CHECK(!same);
    CHECK_EQ(port->random(port->ctx, a, 0), ASC_OK);
}

int main(void)
{
    asc_port_posix ctx;
    asc_port port;

    asc_port_posix_init(&port, &ctx);
    CHECK_EQ(ctx.fd, -1);
    CHECK(port.connect != NULL && port.send != NULL && port.recv != NULL &&
          port.close != NULL && port.utc_now != NULL && port.mono_ms != NULL &&
          port.random != NULL && port.sleep_ms != NULL && port.ctx == &ctx);

    test_connect_send_recv(&port);
    test_connect_errors(&port);
    test_clock_random(&port);
    port.close(port.ctx);
    return TEST_REPORT();
}
