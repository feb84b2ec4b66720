/*
 * asc_port_posix.h - the POSIX (Linux, BSD, macOS) port: BSD sockets,
 * getaddrinfo, poll, clock_gettime, getrandom, nanosleep.
 *
 * Usage:
 *     static asc_port_posix posix_ctx;   // caller places it (static/stack)
 *     asc_port port;
 *     asc_port_posix_init(&port, &posix_ctx);
 *     // pass &port to asc_client / asc_tls ...
 *
 * The context holds one socket descriptor; one port carries at most one
 * connection at a time (see asc_port.h). Nothing is allocated by this code
 * (getaddrinfo allocates inside libc and its result is released with
 * freeaddrinfo before connect returns).
 *
 * Behaviour of each function (beyond the contract in asc_port.h):
 *  - connect: getaddrinfo(AF_UNSPEC, SOCK_STREAM), each address tried in
 *    turn with a non-blocking connect bounded by what is left of timeout_ms.
 *    Returns ASC_E_DNS when the name does not resolve, ASC_E_CONNECT when
 *    every address refused / was unreachable, ASC_E_TIMEOUT when the time
 *    ran out, ASC_E_INVALID_ARG for a NULL host, ASC_E_IO if a socket
 *    cannot be created. A connection already open is closed first.
 *    The socket is TCP_NODELAY and stays non-blocking.
 *  - send/recv: poll() with timeout_ms, then one send (MSG_NOSIGNAL, no
 *    SIGPIPE)/recv. EINTR is retried against the same deadline.
 *    recv: 0 bytes from the socket -> ASC_PORT_ERR_CLOSED; ECONNRESET,
 *    EPIPE and other errors -> ASC_PORT_ERR_IO; no connection ->
 *    ASC_PORT_ERR_IO. send: EPIPE/ECONNRESET -> ASC_PORT_ERR_IO.
 *  - utc_now: CLOCK_REALTIME seconds; negative when before 2020-01-01
 *    (a board that booted without setting its clock).
 *  - mono_ms: CLOCK_MONOTONIC milliseconds.
 *  - random: getrandom(2) (retried on EINTR / short reads); where it is
 *    missing, /dev/urandom. ASC_E_PORT on failure.
 *  - sleep_ms: nanosleep (may return early on a signal).
 */
#ifndef ASC_PORT_POSIX_H
#define ASC_PORT_POSIX_H

#include "asc_port.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct asc_port_posix {
    /** Socket descriptor, -1 when no connection is open. */
    int fd;
} asc_port_posix;

/** Fill every function of *port with the POSIX implementation, point its
 *  context at *ctx and mark ctx as not connected. Both objects are owned by
 *  the caller and must outlive every use of the port. */
void asc_port_posix_init(asc_port *port, asc_port_posix *ctx);

#ifdef __cplusplus
}
#endif
#endif /* ASC_PORT_POSIX_H */
