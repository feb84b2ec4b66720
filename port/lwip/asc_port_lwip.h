/*
 * asc_port_lwip.h - lwIP ports of the asc_port contract (lwIP 2.1.x).
 *
 * Two flavours, each filling an asc_port:
 *
 *  - sockets (asc_port_lwip_sockets.c, NO_SYS=0): lwIP's BSD-style socket
 *    API from the application's task. Needs LWIP_SOCKET, LWIP_SO_RCVTIMEO,
 *    LWIP_SO_SNDTIMEO (both off by default in lwIP!), LWIP_SOCKET_SELECT
 *    (connect timeout), LWIP_DNS for host names (lwip_getaddrinfo).
 *
 *  - raw (asc_port_lwip_raw.c, NO_SYS=1, bare metal): lwIP's raw TCP API
 *    (callbacks). The blocking library calls make progress by calling the
 *    application's poll hook in a loop: the hook services the network
 *    interface (feeds received frames to netif->input) and calls
 *    sys_check_timeouts(). Timeouts are measured with sys_now(). Host
 *    names go through dns_gethostbyname (LWIP_DNS; IP literals work
 *    without it).
 *
 * lwIP has no real-time clock and no TRNG: the application supplies UTC
 * time and random bytes through hooks (asc_port_lwip_hooks). The random
 * hook must be a cryptographically secure source (it feeds TLS nonces and
 * request nonces); utc_now may be NULL (the client then learns the time
 * from the service's Date header, and mbedTLS checks certificate dates
 * with its own clock - see port/mbedtls/asc_mbedtls_config.h).
 *
 * Memory: nothing is allocated by the port. The contexts below are
 * caller-placed (static storage or a long-lived stack frame) and must
 * outlive the asc_port. lwIP's own pools (memp, MEM_SIZE heap, PBUF_POOL)
 * are static in a MEM_LIBC_MALLOC=0 / MEMP_MEM_MALLOC=0 build; sizing in
 * port/lwip/README.md and the sample options lwipopts_sockets.h /
 * lwipopts_raw.h.
 *
 * Threading: a port carries one connection and is used by one thread.
 * Sockets flavour: any application task (not the tcpip thread). Raw
 * flavour: the single thread that runs lwIP (the main loop); never from an
 * interrupt or from within an lwIP callback.
 *
 * This header needs lwIP's include paths (lwip/ip_addr.h, your
 * lwipopts.h).
 */
#ifndef ASC_PORT_LWIP_H
#define ASC_PORT_LWIP_H

#include <stddef.h>
#include <stdint.h>
#include "asc_port.h"
#include "lwip/ip_addr.h"

#ifdef __cplusplus
extern "C" {
#endif

struct tcp_pcb;
struct pbuf;

/** What lwIP cannot know, supplied by the application. */
typedef struct asc_port_lwip_hooks {
    /** Passed first to every hook. */
    void *app;
    /** REQUIRED: fill buf with len cryptographically secure random bytes
     *  (hardware TRNG, or a DRBG seeded from one). ASC_OK or ASC_E_PORT. */
    asc_status (*random)(void *app, uint8_t *buf, size_t len);
    /** Optional: UTC seconds since 1970 (RTC, SNTP), negative when unknown.
     *  NULL means "unknown" (-1). */
    int64_t (*utc_now)(void *app);
    /** Raw flavour, REQUIRED: make lwIP progress once - feed frames that
     *  arrived on the network interface to netif->input and call
     *  sys_check_timeouts(). May sleep until a frame arrives but at most
     *  max_wait_ms (0: do not wait). Must not call the asc library.
     *  Sockets flavour: ignored (lwIP's tcpip thread does this). */
    void (*poll)(void *app, uint32_t max_wait_ms);
} asc_port_lwip_hooks;

/* ---- sockets flavour (NO_SYS=0) ---------------------------------------- */

/** Context of the sockets flavour. Treat fields as private. */
typedef struct asc_port_lwip_sock {
    asc_port_lwip_hooks hooks;
    int fd;              /* lwIP socket, -1 when none */
    uint32_t mono_last;  /* last sys_now(), for 64-bit extension */
    uint32_t mono_high;  /* wraps of sys_now() seen */
} asc_port_lwip_sock;

/**
 * Fill *port with the sockets implementation over *ctx; copies *hooks
 * (hooks->random must not be NULL: otherwise the port's random returns
 * ASC_E_PORT). Call after tcpip_init(). Behaviour:
 *  - connect: IP literal or name (lwip_getaddrinfo; the DNS wait is lwIP's
 *    own, DNS_MAX_RETRIES x DNS_TMR, not bounded by timeout_ms), then a
 *    non-blocking lwip_connect bounded by timeout_ms with lwip_select.
 *    ASC_E_DNS / ASC_E_CONNECT (refused, unreachable) / ASC_E_TIMEOUT /
 *    ASC_E_IO (no free socket/netconn). TCP_NODELAY is set.
 *  - send/recv: blocking lwip_send/lwip_recv with SO_SNDTIMEO/SO_RCVTIMEO
 *    set to timeout_ms (MSG_DONTWAIT for 0). Timeout -> 0; EOF ->
 *    ASC_PORT_ERR_CLOSED; reset/abort/other -> ASC_PORT_ERR_IO.
 *  - mono_ms: sys_now() extended to 64 bits; sleep_ms: sys_msleep().
 */
void asc_port_lwip_sock_init(asc_port *port, asc_port_lwip_sock *ctx,
                             const asc_port_lwip_hooks *hooks);

/* ---- raw flavour (NO_SYS=1) -------------------------------------------- */

/** Context of the raw flavour. Treat fields as private. */
typedef struct asc_port_lwip_raw {
    asc_port_lwip_hooks hooks;
    struct tcp_pcb *pcb;   /* NULL when no connection */
    struct pbuf *rx;       /* received, not yet read by the library */
    const char *dns_name;  /* name being resolved (callback matching) */
    ip_addr_t dns_addr;    /* result of the DNS callback */
    int8_t last_err;       /* err_t from tcp_err (ERR_OK when none) */
    uint8_t state;         /* internal connection state */
    uint8_t dns_state;     /* internal DNS state */
    uint8_t fin;           /* peer sent FIN */
    uint32_t mono_last;
    uint32_t mono_high;
} asc_port_lwip_raw;

/**
 * Fill *port with the raw-API implementation over *ctx; copies *hooks
 * (hooks->poll and hooks->random are required). Call after lwip_init()
 * and netif setup. Every blocking call loops { check; hooks.poll(app,
 * time left); } until its condition holds or timeout_ms (sys_now()) runs
 * out. Behaviour:
 *  - connect: IP literal (ipaddr_aton) or dns_gethostbyname (bounded by
 *    timeout_ms), then tcp_connect. ASC_E_DNS / ASC_E_CONNECT (RST,
 *    no route, no free pcb) / ASC_E_TIMEOUT. The pcb has Nagle off.
 *  - send: waits for tcp_sndbuf() space, tcp_write(COPY) + tcp_output.
 *  - recv: returns bytes from the received pbuf chain and opens the
 *    window (tcp_recved) by what was consumed. FIN -> ASC_PORT_ERR_CLOSED
 *    after the data; RST/abort -> ASC_PORT_ERR_IO.
 *  - close: tcp_close (tcp_abort if that fails), frees held pbufs.
 *  - mono_ms: sys_now() extended to 64 bits; sleep_ms: polls for ms.
 */
void asc_port_lwip_raw_init(asc_port *port, asc_port_lwip_raw *ctx,
                            const asc_port_lwip_hooks *hooks);

#ifdef __cplusplus
}
#endif
#endif /* ASC_PORT_LWIP_H */
