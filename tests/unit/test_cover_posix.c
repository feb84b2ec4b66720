/*
 * test_cover_posix.c - the POSIX port's less travelled paths, on loopback
 * sockets the test creates itself: zero-length reads and writes, a send
 * that cannot proceed (the peer never reads), poll() interrupted by a
 * signal, a peer that resets, a host name with several addresses that all
 * refuse, a timeout too large for poll().
 */
#include "harness.h"
#include "loopback.h"
#include "../../port/posix/asc_port_posix.h"

#include <errno.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <signal.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static asc_port port;
static asc_port_posix px;

/* Connect the port to a fresh listener; returns the accepted peer fd. */
static int pair(int *lfd)
{
    uint16_t p = 0;
    int peer;
    *lfd = listen_on(&p, 4);
    if (*lfd < 0 || port.connect(&px, "127.0.0.1", p, 2000) != ASC_OK) {
        return -1;
    }
    peer = accept(*lfd, NULL, NULL);
    return peer;
}

static volatile sig_atomic_t alarms;
static void on_alarm(int sig) { (void)sig; alarms++; }

static void test_reads(void)
{
    int lfd, peer;
    uint8_t b[16];
    T_CASE("zero-length, over-long and patient reads");
    asc_port_posix_init(&port, &px);
    peer = pair(&lfd);
    CHECK(peer >= 0);
    CHECK_EQ(port.recv(&px, b, 0, 10), 0);
    CHECK_EQ(port.send(&px, b, 0, 10), 0);
    CHECK_EQ(port.recv(&px, NULL, 4, 10), ASC_PORT_ERR_IO);
    CHECK_EQ(port.send(&px, NULL, 4, 10), ASC_PORT_ERR_IO);
    CHECK_EQ(write(peer, "abcd", 4), 4);
    /* (a length above INT32_MAX cannot be tested honestly: the kernel may
     * fault on a 2 GiB range over a 16-byte buffer) */
    CHECK_EQ(port.recv(&px, b, 4, UINT32_MAX), 4);
    CHECK_EQ(write(peer, "ef", 2), 2);
    CHECK_EQ(port.recv(&px, b, sizeof b, UINT32_MAX), 2); /* timeout > INT_MAX ms */

    T_CASE("poll interrupted by a signal keeps waiting");
    {
        struct sigaction sa;
        struct itimerval it;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_alarm; /* no SA_RESTART: poll fails with EINTR */
        sigemptyset(&sa.sa_mask);
        CHECK_EQ(sigaction(SIGALRM, &sa, NULL), 0);
        memset(&it, 0, sizeof it);
        it.it_value.tv_usec = 30000;
        CHECK_EQ(setitimer(ITIMER_REAL, &it, NULL), 0);
        CHECK_EQ(port.recv(&px, b, sizeof b, 200), 0); /* silence: timeout */
        CHECK(alarms >= 1);
        it.it_value.tv_usec = 30000;
        CHECK_EQ(setitimer(ITIMER_REAL, &it, NULL), 0);
        CHECK_EQ(write(peer, "g", 1), 1);
        CHECK_EQ(port.recv(&px, b, sizeof b, 200), 1);
        usleep(50000);
    }

    T_CASE("send blocked: the peer never reads");
    {
        static uint8_t big[256 * 1024];
        int32_t n;
        int i, zero = 0;
        for (i = 0; i < 400 && !zero; i++) {
            n = port.send(&px, big, sizeof big, 20);
            CHECK(n >= 0);
            zero = n == 0;
        }
        CHECK(zero);
    }

    T_CASE("peer resets");
    {
        struct linger lg;
        lg.l_onoff = 1;
        lg.l_linger = 0;
        CHECK_EQ(setsockopt(peer, SOL_SOCKET, SO_LINGER, &lg, (socklen_t)sizeof lg), 0);
        close(peer);
        usleep(20000);
        CHECK_EQ(port.recv(&px, b, sizeof b, 200), ASC_PORT_ERR_IO);
        CHECK(port.send(&px, b, sizeof b, 200) < 0);
    }
    port.close(&px);
    close(lfd);
}

static void test_refused_everywhere(void)
{
    uint16_t p = 0;
    int lfd = listen_on(&p, 4);
    T_CASE("every address of a name refuses");
    asc_port_posix_init(&port, &px);
    close(lfd); /* the port is now closed on 127.0.0.1 (and ::1) */
    CHECK_EQ(port.connect(&px, "localhost", p, 2000), ASC_E_CONNECT);
    CHECK_EQ(port.connect(&px, "127.0.0.1", p, 2000), ASC_E_CONNECT);
}

int main(void)
{
    test_reads();
    test_refused_everywhere();
    return TEST_REPORT();
}
