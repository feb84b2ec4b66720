/*
 * asc_port.h - the port contract: what the application supplies so the
 * library can reach the network, tell time and draw random bytes.
 *
 * A port is a struct of function pointers plus one opaque context pointer
 * that every function receives first. The library never stores anything of
 * its own in the context. One port carries at most one connection at a time;
 * two ports (say, POSIX and lwIP, or a scripted test port) can live in the
 * same binary. Ports shipped with the library: port/posix (asc_port_posix.h)
 * and port/lwip.
 *
 * Threading: the library calls a port from the thread that called the
 * library, never concurrently for one client.
 */
#ifndef ASC_PORT_H
#define ASC_PORT_H

#include <stddef.h>
#include <stdint.h>
#include "asc_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** recv/send return values below zero. */
#define ASC_PORT_ERR_IO     (-1) /**< connection reset or other I/O error */
#define ASC_PORT_ERR_CLOSED (-2) /**< peer closed the connection (EOF)    */

typedef struct asc_port {
    /** Opaque port state (socket descriptor, netconn, ...). */
    void *ctx;

    /** Open a TCP connection to host:port within timeout_ms. host is a
     *  NUL-terminated DNS name or address literal. Returns ASC_OK,
     *  ASC_E_DNS, ASC_E_CONNECT or ASC_E_TIMEOUT. Called only while no
     *  connection is open. */
    asc_status (*connect)(void *ctx, const char *host, uint16_t port,
                          uint32_t timeout_ms);

    /** Send up to len bytes. Returns the count sent (> 0), 0 when nothing
     *  could be sent within timeout_ms (the library may call again), or
     *  ASC_PORT_ERR_IO / ASC_PORT_ERR_CLOSED. Never blocks longer than
     *  timeout_ms. len is at most INT32_MAX. */
    int32_t (*send)(void *ctx, const uint8_t *buf, size_t len,
                    uint32_t timeout_ms);

    /** Receive up to len bytes. Returns the count received (> 0), 0 when
     *  nothing arrived within timeout_ms, ASC_PORT_ERR_CLOSED on an orderly
     *  close by the peer, ASC_PORT_ERR_IO on error. Never blocks longer than
     *  timeout_ms. */
    int32_t (*recv)(void *ctx, uint8_t *buf, size_t len, uint32_t timeout_ms);

    /** Close the connection, if any. Safe to call when none is open. */
    void (*close)(void *ctx);

    /** Current UTC time in seconds since 1970-01-01T00:00:00Z, or a negative
     *  value when the device does not know the time (the library then relies
     *  on the clock offset it learns from the service). */
    int64_t (*utc_now)(void *ctx);

    /** Monotonic milliseconds from any origin (wraps after ~584 million
     *  years). Used for timeouts, deadlines and backoff. */
    uint64_t (*mono_ms)(void *ctx);

    /** Fill buf with len unpredictable bytes (nonces, backoff jitter, TLS).
     *  Returns ASC_OK or ASC_E_PORT. */
    asc_status (*random)(void *ctx, uint8_t *buf, size_t len);

    /** Sleep for ms milliseconds (between retries). May return early. */
    void (*sleep_ms)(void *ctx, uint32_t ms);
} asc_port;

struct asc_tls;

/** One connection as the HTTP layer sees it: TLS when tls != NULL, plain
 *  TCP over port otherwise (the client allows plain only when the caller
 *  asks for it explicitly). With TLS, port must be the port tls was
 *  initialised with. Functions: asc_conn_* in asc_tls.h. */
typedef struct asc_conn {
    const asc_port *port;
    struct asc_tls *tls; /* NULL = plain TCP */
} asc_conn;

#ifdef __cplusplus
}
#endif
#endif /* ASC_PORT_H */
