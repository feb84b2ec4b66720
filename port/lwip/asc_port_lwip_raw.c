/*
 * asc_port_lwip_raw.c - asc_port over lwIP's raw TCP API for NO_SYS=1
 * (bare metal, one main loop). Behaviour in asc_port_lwip.h; comments here
 * say why.
 *
 * lwIP calls our callbacks only from inside the application's poll hook
 * (netif input, sys_check_timeouts), i.e. from within one of our own
 * blocking loops on the same thread: the callbacks just record what
 * happened in the context, the loops look at it.
 */
#include "asc_port_lwip.h"

#include <string.h>

#include "lwip/opt.h"

#if NO_SYS && LWIP_TCP && LWIP_CALLBACK_API

#include "lwip/dns.h"
#include "lwip/err.h"
#include "lwip/ip_addr.h"
#include "lwip/pbuf.h"
#include "lwip/sys.h"
#include "asc_port_lwip_common.h"
#include "lwip/tcp.h"

enum {
    RAW_IDLE = 0,       /* no pcb */
    RAW_CONNECTING = 1, /* tcp_connect issued */
    RAW_CONNECTED = 2,
    RAW_FAILED = 3      /* tcp_err fired: pcb is gone, last_err says why */
};

enum { DNS_IDLE = 0, DNS_WAITING = 1, DNS_FOUND = 2, DNS_NOT_FOUND = 3 };

static uint64_t raw_now(asc_port_lwip_raw *c)
{
    return lwip_mono_extend(&c->mono_last, &c->mono_high);
}

/* Milliseconds left until deadline (0 when passed), clamped to 32 bits. */
static uint32_t raw_left(asc_port_lwip_raw *c, uint64_t deadline)
{
    uint64_t now = raw_now(c);
    uint64_t left = deadline > now ? deadline - now : 0;
    return left > 0xFFFFFFFFu ? 0xFFFFFFFFu : (uint32_t)left;
}

/* One round of the application's main loop. */
static void raw_poll(asc_port_lwip_raw *c, uint32_t max_wait_ms)
{
    if (c->hooks.poll != NULL) {
        c->hooks.poll(c->hooks.app, max_wait_ms);
    }
}

/* ---- lwIP callbacks (run inside raw_poll) -------------------------------- */

static void raw_on_err(void *arg, err_t err)
{
    asc_port_lwip_raw *c = (asc_port_lwip_raw *)arg;
    if (c == NULL) {
        return;
    }
    /* lwIP has already freed the pcb: forget it. */
    c->pcb = NULL;
    c->state = RAW_FAILED;
    c->last_err = (int8_t)err;
}

static err_t raw_on_connected(void *arg, struct tcp_pcb *pcb, err_t err)
{
    asc_port_lwip_raw *c = (asc_port_lwip_raw *)arg;
    (void)pcb;
    if (c != NULL && err == ERR_OK) {
        c->state = RAW_CONNECTED;
    }
    return ERR_OK;
}

static err_t raw_on_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p,
                         err_t err)
{
    asc_port_lwip_raw *c = (asc_port_lwip_raw *)arg;
    (void)pcb;
    if (c == NULL) {
        if (p != NULL) {
            pbuf_free(p);
        }
        return ERR_OK;
    }
    if (p == NULL) {
        c->fin = 1; /* orderly close by the peer */
        return ERR_OK;
    }
    if (err != ERR_OK) {
        pbuf_free(p);
        return ERR_OK;
    }
    /* Keep the chain; the window opens again (tcp_recved) only as the
     * library reads, so at most TCP_WND bytes are held here. */
    if (c->rx == NULL) {
        c->rx = p;
    } else {
        pbuf_cat(c->rx, p);
    }
    return ERR_OK;
}

#if LWIP_DNS
static void raw_on_dns(const char *name, const ip_addr_t *addr, void *arg)
{
    asc_port_lwip_raw *c = (asc_port_lwip_raw *)arg;
    /* A late answer to a query we gave up on must not be taken for the
     * answer to a later one: match the name. */
    if (c == NULL || c->dns_state != DNS_WAITING || c->dns_name == NULL ||
        name == NULL || strcmp(name, c->dns_name) != 0) {
        return;
    }
    if (addr != NULL) {
        c->dns_addr = *addr;
        c->dns_state = DNS_FOUND;
    } else {
        c->dns_state = DNS_NOT_FOUND;
    }
}
#endif

/* ---- the port ------------------------------------------------------------ */

static void raw_detach(struct tcp_pcb *pcb)
{
    tcp_arg(pcb, NULL);
    tcp_recv(pcb, NULL);
    tcp_err(pcb, NULL);
    tcp_sent(pcb, NULL);
}

static void raw_close(void *ctx)
{
    asc_port_lwip_raw *c = (asc_port_lwip_raw *)ctx;
    if (c == NULL) {
        return;
    }
    if (c->pcb != NULL) {
        struct tcp_pcb *pcb = c->pcb;
        c->pcb = NULL;
        raw_detach(pcb);
        /* Unread data makes lwIP answer with RST, which is what we want for
         * an abandoned response; tcp_close fails only when out of memory
         * for the FIN, then abort. */
        if (tcp_close(pcb) != ERR_OK) {
            tcp_abort(pcb);
        }
    }
    if (c->rx != NULL) {
        pbuf_free(c->rx);
        c->rx = NULL;
    }
    c->state = RAW_IDLE;
    c->fin = 0;
    c->last_err = ERR_OK;
}

/* Resolve host within the deadline. ASC_OK, ASC_E_DNS or ASC_E_TIMEOUT. */
static asc_status raw_resolve(asc_port_lwip_raw *c, const char *host,
                              uint64_t deadline, ip_addr_t *out)
{
    if (ipaddr_aton(host, out)) {
        return ASC_OK;
    }
#if LWIP_DNS
    {
        err_t e;
        c->dns_name = host;
        c->dns_state = DNS_WAITING;
        e = dns_gethostbyname(host, out, raw_on_dns, c);
        if (e == ERR_OK) {
            c->dns_state = DNS_IDLE; /* cached or local host list */
            c->dns_name = NULL;
            return ASC_OK;
        }
        if (e != ERR_INPROGRESS) {
            c->dns_state = DNS_IDLE;
            c->dns_name = NULL;
            return ASC_E_DNS;
        }
        while (c->dns_state == DNS_WAITING) {
            uint32_t left = raw_left(c, deadline);
            if (left == 0) {
                c->dns_state = DNS_IDLE;
                c->dns_name = NULL;
                return ASC_E_TIMEOUT;
            }
            raw_poll(c, left);
        }
        e = c->dns_state == DNS_FOUND ? ERR_OK : ERR_VAL;
        if (e == ERR_OK) {
            *out = c->dns_addr;
        }
        c->dns_state = DNS_IDLE;
        c->dns_name = NULL;
        return e == ERR_OK ? ASC_OK : ASC_E_DNS;
    }
#else
    (void)c;
    (void)deadline;
    return ASC_E_DNS;
#endif
}

static asc_status raw_connect(void *ctx, const char *host, uint16_t port,
                              uint32_t timeout_ms)
{
    asc_port_lwip_raw *c = (asc_port_lwip_raw *)ctx;
    uint64_t deadline;
    ip_addr_t addr;
    struct tcp_pcb *pcb;
    asc_status st;

    if (c == NULL || host == NULL || host[0] == '\0') {
        return ASC_E_INVALID_ARG;
    }
    raw_close(c);
    deadline = raw_now(c) + timeout_ms;
    st = raw_resolve(c, host, deadline, &addr);
    if (st != ASC_OK) {
        return st;
    }
    pcb = tcp_new_ip_type(IP_GET_TYPE(&addr));
    if (pcb == NULL) {
        return ASC_E_CONNECT; /* MEMP_NUM_TCP_PCB exhausted */
    }
    c->pcb = pcb;
    c->state = RAW_CONNECTING;
    tcp_arg(pcb, c);
    tcp_err(pcb, raw_on_err);
    tcp_recv(pcb, raw_on_recv);
    tcp_nagle_disable(pcb); /* requests are written in one go */
    if (tcp_connect(pcb, &addr, port, raw_on_connected) != ERR_OK) {
        raw_close(c); /* no route, or no memory for the SYN */
        return ASC_E_CONNECT;
    }
    while (c->state == RAW_CONNECTING) {
        uint32_t left = raw_left(c, deadline);
        if (left == 0) {
            raw_close(c);
            return ASC_E_TIMEOUT;
        }
        raw_poll(c, left);
    }
    if (c->state != RAW_CONNECTED) {
        raw_close(c); /* RST (refused) or aborted (SYN retries ran out) */
        return ASC_E_CONNECT;
    }
    return ASC_OK;
}

static int32_t raw_send(void *ctx, const uint8_t *buf, size_t len,
                        uint32_t timeout_ms)
{
    asc_port_lwip_raw *c = (asc_port_lwip_raw *)ctx;
    uint64_t deadline;

    if (c == NULL || buf == NULL) {
        return ASC_PORT_ERR_IO;
    }
    if (c->state != RAW_CONNECTED || c->pcb == NULL) {
        return ASC_PORT_ERR_IO;
    }
    if (len == 0) {
        return 0;
    }
    deadline = raw_now(c) + timeout_ms;
    for (;;) {
        uint32_t left;
        if (c->state != RAW_CONNECTED || c->pcb == NULL) {
            return ASC_PORT_ERR_IO; /* reset while we waited */
        }
        {
            /* tcp_write takes at most 64 KiB - 1 at a time; halve on
             * ERR_MEM (segment queue or MEM_SIZE heap full). */
            uint16_t room = tcp_sndbuf(c->pcb);
            uint16_t n = (uint16_t)(len < room ? len : room);
            while (n > 0 && tcp_sndqueuelen(c->pcb) < TCP_SND_QUEUELEN) {
                err_t e = tcp_write(c->pcb, buf, n, TCP_WRITE_FLAG_COPY);
                if (e == ERR_OK) {
                    (void)tcp_output(c->pcb);
                    return (int32_t)n;
                }
                if (e != ERR_MEM) {
                    return ASC_PORT_ERR_IO; /* ERR_CONN: not connected */
                }
                n = (uint16_t)(n / 2u);
            }
        }
        /* No room: let acknowledgements arrive. */
        left = raw_left(c, deadline);
        if (left == 0) {
            return 0;
        }
        raw_poll(c, left);
    }
}

static int32_t raw_recv(void *ctx, uint8_t *buf, size_t len,
                        uint32_t timeout_ms)
{
    asc_port_lwip_raw *c = (asc_port_lwip_raw *)ctx;
    uint64_t deadline;

    if (c == NULL || buf == NULL) {
        return ASC_PORT_ERR_IO;
    }
    if (c->state == RAW_IDLE) {
        return ASC_PORT_ERR_IO;
    }
    if (len == 0) {
        return 0;
    }
    deadline = raw_now(c) + timeout_ms;
    for (;;) {
        uint32_t left;
        if (c->rx != NULL) {
            /* Copy out, drop the consumed pbufs, reopen the window. */
            uint16_t want = (uint16_t)(len < c->rx->tot_len ? len : c->rx->tot_len);
            uint16_t got = pbuf_copy_partial(c->rx, buf, want, 0);
            if (got == c->rx->tot_len) {
                pbuf_free(c->rx);
                c->rx = NULL;
            } else {
                c->rx = pbuf_free_header(c->rx, got);
            }
            if (c->pcb != NULL && c->state == RAW_CONNECTED) {
                tcp_recved(c->pcb, got);
            }
            return (int32_t)got;
        }
        /* Data first, then the reason the stream ended. */
        if (c->state == RAW_FAILED || c->pcb == NULL) {
            return c->last_err == ERR_CLSD ? ASC_PORT_ERR_CLOSED : ASC_PORT_ERR_IO;
        }
        if (c->fin) {
            return ASC_PORT_ERR_CLOSED;
        }
        left = raw_left(c, deadline);
        if (left == 0) {
            return 0;
        }
        raw_poll(c, left);
    }
}

static int64_t raw_utc_now(void *ctx)
{
    asc_port_lwip_raw *c = (asc_port_lwip_raw *)ctx;
    return c != NULL ? lwip_hooks_utc(&c->hooks) : -1;
}

static uint64_t raw_mono_ms(void *ctx)
{
    asc_port_lwip_raw *c = (asc_port_lwip_raw *)ctx;
    return c != NULL ? raw_now(c) : (uint64_t)sys_now();
}

static asc_status raw_random(void *ctx, uint8_t *buf, size_t len)
{
    asc_port_lwip_raw *c = (asc_port_lwip_raw *)ctx;
    return c != NULL ? lwip_hooks_random(&c->hooks, buf, len) : ASC_E_PORT;
}

/* Keep the stack alive while "sleeping": ARP, TCP timers, other pcbs. */
static void raw_sleep_ms(void *ctx, uint32_t ms)
{
    asc_port_lwip_raw *c = (asc_port_lwip_raw *)ctx;
    uint64_t deadline;
    if (c == NULL) {
        return;
    }
    deadline = raw_now(c) + ms;
    for (;;) {
        uint32_t left = raw_left(c, deadline);
        if (left == 0) {
            return;
        }
        raw_poll(c, left);
    }
}

void asc_port_lwip_raw_init(asc_port *port, asc_port_lwip_raw *ctx,
                            const asc_port_lwip_hooks *hooks)
{
    if (port == NULL || ctx == NULL) {
        return;
    }
    memset(ctx, 0, sizeof *ctx);
    if (hooks != NULL) {
        ctx->hooks = *hooks;
    }
    ctx->mono_last = sys_now();
    port->ctx = ctx;
    port->connect = raw_connect;
    port->send = raw_send;
    port->recv = raw_recv;
    port->close = raw_close;
    port->utc_now = raw_utc_now;
    port->mono_ms = raw_mono_ms;
    port->random = raw_random;
    port->sleep_ms = raw_sleep_ms;
}

#else /* !(NO_SYS && LWIP_TCP && LWIP_CALLBACK_API) */
/* This lwIP configuration is not NO_SYS=1 with TCP: the file is empty. */
typedef int asc_port_lwip_raw_unused;
#endif
