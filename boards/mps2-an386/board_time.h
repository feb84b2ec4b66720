/*
 * board_time.h - UTC on a board without a real-time clock.
 *
 * Two clocks read the time on this board:
 *  - the asc library signs requests with the port's utc_now hook
 *    (board_utc_now: -1 while unknown; with ASC_ENABLE_CLOCK_SYNC the
 *    library then learns the service's time from its Date header itself);
 *  - mbedTLS checks certificate dates against time() (newlib ->
 *    _gettimeofday, defined here: board_cert_clock).
 *
 * The certificate clock is the problem: the Date header arrives over TLS,
 * and TLS wants the date first. The path taken here ("learn the time
 * before verification is possible"):
 *
 * 1. Until the time is known, the certificate clock reads the FIRMWARE'S
 *    BUILD TIME (BOARD_BUILD_UTC, a true lower bound of "now"). A
 *    certificate that expired before the firmware was built is therefore
 *    refused even now; "not yet valid" cannot be decided (now may be long
 *    after the build), so TLS done by the asc library fails closed for
 *    certificates issued after the build (ASC_E_TLS_CERT).
 * 2. board_time_probe() connects to the service once, verifies the chain
 *    to the trust anchors and the host name exactly as the library does,
 *    the expiry against the build time, but not the start of validity;
 *    sends `HEAD / HTTP/1.1` and reads the Date header of the answer
 *    (any status: an unsigned request gets an error with a Date).
 * 3. The Date is refused if it is before the build time. Otherwise it
 *    becomes the board's time, and the probe re-checks both validity
 *    dates of every certificate the server sent against it; any failure
 *    forgets the time again.
 * 4. From then on every TLS connection (the library's) checks both dates
 *    against the learned time + uptime, and utc_now returns it.
 *
 * What it trusts: for that one exchange, a certificate chaining to our
 * trust anchors for the service's name whose notAfter is not before the
 * firmware's build - i.e. whoever holds the key of such a certificate
 * (including one that expired after the build, or was revoked: there is no
 * revocation check anyway) can set the clock to a time within that
 * certificate's validity. It cannot move the clock before the build time.
 * A product keeps the last learned time in flash to raise the floor, or
 * has an RTC / authenticated time (Roughtime, NTS) instead.
 */
#ifndef BOARD_TIME_H
#define BOARD_TIME_H

#include <stddef.h>
#include <stdint.h>

#include "asc_port.h"
#include "asc_status.h"

/** Set the floor (firmware build time, UTC seconds); time unknown. */
void board_time_init(int64_t build_utc);

/** The port's utc_now hook: learned UTC now, or -1 while unknown. */
int64_t board_utc_now(void *app);

/** What mbedTLS's time() reads: learned UTC now, or the build time. */
int64_t board_cert_clock(void);

/** 1 once the time was learned. */
int board_time_known(void);

/**
 * Learn the time as described above. port: an unused asc port (one
 * connection; closed again on return); host/port_no: the service; ca /
 * ca_len: trust anchors as for asc_tls_init; work: scratch for the
 * response head (512 bytes are plenty). Needs the mbedTLS arena
 * (asc_tls_arena_init) and a seeded board DRBG.
 * Returns ASC_OK (time known); ASC_E_TLS_CERT (chain, name, expiry before
 * the build time, a Date before the build time, or certificates not valid
 * at the Date); ASC_E_HTTP_MALFORMED (no usable Date); ASC_E_TLS and the
 * port's connect/IO statuses otherwise.
 */
asc_status board_time_probe(const asc_port *port, const char *host,
                            uint16_t port_no, const uint8_t *ca, size_t ca_len,
                            uint32_t timeout_ms, uint8_t *work, size_t work_len);

#endif /* BOARD_TIME_H */
