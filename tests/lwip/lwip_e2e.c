/*
 * lwip_e2e.c - end-to-end test program whose TCP/IP stack is lwIP: the asc
 * library + one lwIP port (sockets flavour with -DASC_LWIP_SOCKETS, raw
 * flavour otherwise) over lwIP's contrib tap netif (tapif.c), talking TLS
 * to the emulator on the Linux side of the tap. Run by tests/lwip/run.sh
 * inside a network namespace.
 *
 *   lwip_e2e key=value...
 *     tap=NAME ip=A.B.C.D gw=A.B.C.D   tap device (exists), lwIP's address, peer
 *     ca=FILE host=H port=N            emulator CA (PEM) and endpoint
 *     dnsname=NAME                     add NAME -> gw to lwIP's local DNS list
 *     op=delete:IMAGE | op=list:PAGESIZE
 *     expect=STATUS[|STATUS...]        e.g. ASC_OK, ASC_E_TIMEOUT|ASC_E_IO
 *     code=CODE                        expected service code (optional)
 *     minbody=N                        ASC_OK body must be at least N bytes
 *     maxms=N                          the call must return within N ms
 *     connect_ms=N io_ms=N attempts=N  client timeouts (defaults 3000/3000/1)
 *     clock=none                       utc_now hook absent (bare metal, no RTC)
 *     repeat=N                         the call N times on one client (default 1)
 * Prints one line per call "status=... code=... body=... ms=..." and
 * exits 0 when every expectation holds, 1 otherwise, 2 on bad usage.
 *
 * The memory of the library, the port and mbedTLS is static (work buffer,
 * TLS arena, contexts); lwIP's is its static pools. The test itself (CA
 * file reading, the unix sys_arch's threads and mailboxes) is host code.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "lwip/init.h"
#include "lwip/dns.h"
#include "lwip/ip_addr.h"
#include "lwip/netif.h"
#include "lwip/stats.h"
#include "lwip/memp.h"
#include "lwip/sys.h"
#include "lwip/timeouts.h"
#include "netif/ethernet.h"
#include "netif/tapif.h"
#if defined(ASC_LWIP_SOCKETS)
#include "lwip/tcpip.h"
#endif

#include "asc.h"
#include "asc_client.h"
#include "asc_port_lwip.h"
#include "asc_tls.h"

#define WORK_SIZE (32u * 1024u)

static uint8_t work[WORK_SIZE];
static uint8_t arena[24u * 1024u]; /* what asc_tls.h says suffices */
static char ca_pem[16u * 1024u];
static asc_tls tls;
static asc_client client;
static asc_result res;
static struct netif tap_netif;
#if defined(ASC_LWIP_SOCKETS)
static asc_port_lwip_sock port_ctx;
#else
static asc_port_lwip_raw port_ctx;
#endif

static const char *arg(int argc, char **argv, const char *key)
{
    size_t k = strlen(key);
    int i;
    for (i = 1; i < argc; i++) {
        if (strncmp(argv[i], key, k) == 0 && argv[i][k] == '=') {
            return argv[i] + k + 1;
        }
    }
    return NULL;
}

static unsigned long arg_ul(int argc, char **argv, const char *key, unsigned long dflt)
{
    const char *v = arg(argc, argv, key);
    return v != NULL ? strtoul(v, NULL, 10) : dflt;
}

/* ---- application hooks (what a board supplies) ------------------------- */

static asc_status app_random(void *app, uint8_t *buf, size_t len)
{
    size_t got = 0;
    (void)app;
    while (got < len) {
        ssize_t n = getrandom(buf + got, len - got, 0);
        if (n > 0) {
            got += (size_t)n;
        } else if (!(n < 0 && errno == EINTR)) {
            return ASC_E_PORT;
        }
    }
    return ASC_OK;
}

static int64_t app_utc_now(void *app)
{
    (void)app;
    return (int64_t)time(NULL);
}

#if !defined(ASC_LWIP_SOCKETS)
/* The bare-metal main loop body: wait for a frame (at most max_wait_ms and
 * not past the next lwIP timer), feed what arrived, run the timers. */
static void app_poll(void *app, uint32_t max_wait_ms)
{
    struct netif *nif = (struct netif *)app;
    int fd = *(int *)nif->state; /* tapif.c's state starts with its fd */
    uint32_t next = sys_timeouts_sleeptime();
    struct pollfd p;
    int frames = 0;

    if (next < max_wait_ms) {
        max_wait_ms = next;
    }
    p.fd = fd;
    p.events = POLLIN;
    p.revents = 0;
    while (frames < 64 && poll(&p, 1, frames == 0 ? (int)max_wait_ms : 0) > 0 &&
           (p.revents & POLLIN) != 0) {
        tapif_poll(nif); /* reads one frame, netif->input */
        frames++;
        p.revents = 0;
    }
    sys_check_timeouts();
}
#endif

static uint64_t host_ms(void)
{
    struct timespec ts;
    (void)clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* Enum names, so the script can say expect=ASC_E_TIMEOUT. */
static const char *status_name(asc_status st)
{
    static const char *const names[] = {
        "ASC_OK", "ASC_E_INVALID_ARG", "ASC_E_INVALID_HEADER_VALUE",
        "ASC_E_BUFFER_TOO_SMALL", "ASC_E_CRYPTO", "ASC_E_PORT", "ASC_E_DNS",
        "ASC_E_CONNECT", "ASC_E_IO", "ASC_E_TIMEOUT", "ASC_E_CLOSED",
        "ASC_E_TLS", "ASC_E_TLS_CERT", "ASC_E_HTTP_MALFORMED",
        "ASC_E_HTTP_HEADERS_TOO_LARGE", "ASC_E_RESPONSE_TOO_LARGE",
        "ASC_E_JSON", "ASC_E_SERVICE", "ASC_E_DEADLINE", "ASC_E_NEED_MORE",
        "ASC_E_DUPLICATE_PARAM", "ASC_E_FRONT_END", "ASC_E_NOT_DELETED",
        "ASC_E_PROXY_AUTH", "ASC_E_PROXY_REFUSED", "ASC_E_PROXY_MALFORMED",
        "ASC_E_CREDENTIALS"
    };
    /* one name per status (compile-time check) */
    (void)sizeof(char[(sizeof names / sizeof names[0] == (size_t)ASC_STATUS_COUNT_) ? 1 : -1]);
    unsigned i = (unsigned)st;
    return i < sizeof names / sizeof names[0] ? names[i] : "ASC_E_?";
}

static int status_in(const char *list, const char *name)
{
    size_t n = strlen(name);
    const char *p = list;
    while (p != NULL && *p != '\0') {
        const char *bar = strchr(p, '|');
        size_t len = bar != NULL ? (size_t)(bar - p) : strlen(p);
        if (len == n && strncmp(p, name, n) == 0) {
            return 1;
        }
        p = bar != NULL ? bar + 1 : NULL;
    }
    return 0;
}

int main(int argc, char **argv)
{
    const char *tap = arg(argc, argv, "tap");
    const char *ip_s = arg(argc, argv, "ip");
    const char *gw_s = arg(argc, argv, "gw");
    const char *ca_file = arg(argc, argv, "ca");
    const char *host = arg(argc, argv, "host");
    const char *op = arg(argc, argv, "op");
    const char *expect = arg(argc, argv, "expect");
    const char *code = arg(argc, argv, "code");
    const char *dnsname = arg(argc, argv, "dnsname");
    const char *clock_s = arg(argc, argv, "clock");
    unsigned long minbody = arg_ul(argc, argv, "minbody", 0);
    unsigned long maxms = arg_ul(argc, argv, "maxms", 0);
    ip4_addr_t ip, mask, gw;
    asc_port port;
    asc_port_lwip_hooks hooks;
    asc_client_config cfg;
    asc_status st;
    size_t ca_len;
    size_t peak = 0;
    uint64_t t0, ms = 0;
    unsigned long iter;
    unsigned long repeat = arg_ul(argc, argv, "repeat", 1);
    int ok = 1;
    FILE *f;

    if (tap == NULL || ip_s == NULL || gw_s == NULL || ca_file == NULL ||
        host == NULL || op == NULL || expect == NULL ||
        !ip4addr_aton(ip_s, &ip) || !ip4addr_aton(gw_s, &gw)) {
        fprintf(stderr, "usage: see the comment at the top of lwip_e2e.c\n");
        return 2;
    }
    f = fopen(ca_file, "rb");
    if (f == NULL) {
        perror(ca_file);
        return 2;
    }
    ca_len = fread(ca_pem, 1, sizeof ca_pem - 1, f);
    (void)fclose(f);
    ca_pem[ca_len] = '\0';
    IP4_ADDR(&mask, 255, 255, 255, 0);
    /* tapif.c opens this existing tap instead of creating one and running
     * ifconfig: the test script made and configured it. */
    if (setenv("PRECONFIGURED_TAPIF", tap, 1) != 0) {
        return 2;
    }

    memset(&hooks, 0, sizeof hooks);
    hooks.random = app_random;
    hooks.utc_now = (clock_s != NULL && strcmp(clock_s, "none") == 0) ? NULL : app_utc_now;
    hooks.app = &tap_netif;

#if defined(ASC_LWIP_SOCKETS)
    tcpip_init(NULL, NULL);
    LOCK_TCPIP_CORE();
    netif_add(&tap_netif, &ip, &mask, &gw, NULL, tapif_init, tcpip_input);
#else
    hooks.poll = app_poll;
    lwip_init();
    netif_add(&tap_netif, &ip, &mask, &gw, NULL, tapif_init, ethernet_input);
#endif
    netif_set_default(&tap_netif);
    netif_set_up(&tap_netif);
    if (dnsname != NULL) {
        ip_addr_t a;
        ip_addr_copy_from_ip4(a, gw);
        if (dns_local_addhost(dnsname, &a) != ERR_OK) {
            fprintf(stderr, "dns_local_addhost failed\n");
            return 2;
        }
    }
#if defined(ASC_LWIP_SOCKETS)
    UNLOCK_TCPIP_CORE();
    asc_port_lwip_sock_init(&port, &port_ctx, &hooks);
#else
    asc_port_lwip_raw_init(&port, &port_ctx, &hooks);
#endif

    if (asc_tls_arena_init(arena, sizeof arena) != ASC_OK) {
        fprintf(stderr, "no TLS arena (needs the MBEDTLS=36 build)\n");
        return 2;
    }
    st = asc_tls_init(&tls, &port, (const uint8_t *)ca_pem, ca_len + 1);
    asc_client_config_defaults(&cfg);
    cfg.host = host;
    cfg.port = (uint16_t)arg_ul(argc, argv, "port", 443);
    cfg.creds.access_key_id = asc_span_from_str("testid");
    cfg.creds.access_key_secret = asc_span_from_str("testsecret");
    cfg.connect_timeout_ms = (uint32_t)arg_ul(argc, argv, "connect_ms", 3000);
    cfg.io_timeout_ms = (uint32_t)arg_ul(argc, argv, "io_ms", 3000);
    cfg.max_attempts = (uint8_t)arg_ul(argc, argv, "attempts", 1);
    cfg.backoff_base_ms = 50;
    cfg.backoff_max_ms = 200;
    cfg.deadline_ms = 20000;

    if (st == ASC_OK) {
        st = asc_client_init(&client, &cfg, &port, &tls, work, sizeof work);
    }
    if (st != ASC_OK) {
        printf("FAIL: setup: %s\n", status_name(st));
        return 1;
    }
    /* repeat=N: the same call N times on one client (keep-alive, reconnects
     * and pcb/socket recycling in the port); every call must meet the
     * expectations. */
    for (iter = 0; iter < repeat; iter++) {
        t0 = host_ms();
        if (strncmp(op, "delete:", 7) == 0) {
            st = asc_delete_image(&client, asc_span_from_str(op + 7), &res);
        } else if (strncmp(op, "list:", 5) == 0) {
            asc_param p[1];
            asc_rpc_request rq;
            p[0].name = asc_span_from_str("PageSize");
            p[0].value = asc_span_from_str(op + 5);
            memset(&rq, 0, sizeof rq);
            rq.action = asc_span_from_str("ListImage");
            rq.version = asc_span_from_str(ASC_API_VERSION);
            rq.method = ASC_METHOD_POST;
            rq.params_in = ASC_PARAMS_IN_BODY;
            rq.params = p;
            rq.n_params = 1;
            st = asc_call(&client, &rq, &res);
        } else {
            fprintf(stderr, "unknown op %s\n", op);
            return 2;
        }
        ms = host_ms() - t0;
        if (asc_tls_arena_peak(&peak, NULL) != ASC_OK) {
            peak = 0;
        }
        printf("status=%s (%s) code=%s body=%lu ms=%lu attempts=%u handshakes=%lu "
               "resumed=%lu arena_peak=%lu\n",
               status_name(st), asc_status_str(st), res.code, (unsigned long)res.body.len,
               (unsigned long)ms, (unsigned)client.attempts, (unsigned long)tls.handshakes,
               (unsigned long)tls.resumptions, (unsigned long)peak);
        if (!status_in(expect, status_name(st))) {
            printf("FAIL: status %s not in %s\n", status_name(st), expect);
            ok = 0;
        }
        if (code != NULL && strcmp(code, res.code) != 0) {
            printf("FAIL: code '%s', expected '%s'\n", res.code, code);
            ok = 0;
        }
        if (minbody > 0 && res.body.len < minbody) {
            printf("FAIL: body %lu < %lu bytes\n", (unsigned long)res.body.len, minbody);
            ok = 0;
        }
        if (maxms > 0 && ms > maxms) {
            printf("FAIL: took %lu ms > %lu\n", (unsigned long)ms, maxms);
            ok = 0;
        }
    }
    asc_client_close(&client);
    asc_tls_free(&tls);
#if LWIP_STATS && MEMP_STATS
    {
        int i;
        for (i = 0; i < MEMP_MAX; i++) {
            const struct stats_mem *m = lwip_stats.memp[i];
            if (m != NULL && m->err != 0) {
                printf("note: lwIP memp pool #%d ran out %u times (max used %u of %u)\n",
                       i, (unsigned)m->err, (unsigned)m->max, (unsigned)m->avail);
            }
        }
    }
#endif
    return ok ? 0 : 1;
}
