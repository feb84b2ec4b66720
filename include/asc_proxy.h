/*
 * asc_proxy.h - reaching the service through an HTTP proxy: a CONNECT
 * tunnel (RFC 9110 9.3.6), built with ASC_ENABLE_PROXY (asc_config.h; on in
 * the full profile).
 *
 * Set asc_client_config.proxy.host (and port) and every connection of the
 * client goes through the proxy: the client opens a TCP connection to the
 * proxy with its port, sends
 *
 *     CONNECT appstream-center.cn-shanghai.aliyuncs.com:443 HTTP/1.1
 *     Host: appstream-center.cn-shanghai.aliyuncs.com:443
 *     Proxy-Authorization: Basic <base64(username ":" password)>   (only with credentials)
 *     <blank line>
 *
 * and reads the proxy's answer up to the end of its header block
 * (asc_http_parser_init_connect). A 2xx answer makes the connection a
 * tunnel to the endpoint: TLS runs through it exactly as on a direct
 * connection, with the endpoint's host name as SNI and certificate
 * verification against the endpoint's name (asc_tls_start); the proxy
 * relays encrypted bytes it cannot read. Any other answer ends the attempt,
 * with the proxy's HTTP status in asc_result.http_status:
 *
 *     407 (401: tinyproxy)  ASC_E_PROXY_AUTH       (not retried)
 *     any other non-2xx     ASC_E_PROXY_REFUSED    (5xx retried, 4xx not)
 *     not HTTP/1.x          ASC_E_PROXY_MALFORMED  (not retried; http_status
 *                                                   0 unless a status line
 *                                                   was read)
 *
 * A kept-alive tunnel is reused like a direct connection. Transport errors
 * on the way to the proxy are the usual ASC_E_DNS / ASC_E_CONNECT /
 * ASC_E_TIMEOUT / ASC_E_IO / ASC_E_CLOSED (retried). The connect timeout
 * (asc_client_config.connect_timeout_ms) covers the TCP connection to the
 * proxy, the CONNECT exchange and the TLS handshake together.
 *
 * Memory: no heap and no copy. The CONNECT request and the answer are
 * written to the client's work buffer behind the request it has built for
 * the call (so they need no extra space: the request plus the CONNECT
 * exchange must fit the work buffer, else ASC_E_BUFFER_TOO_SMALL with
 * asc_client.needed, before anything is sent). The credentials are read
 * from the caller's spans while the request is built; their base64 form is
 * wiped from the work buffer as soon as it is sent, and on every failure
 * path. The library never traces or logs them.
 */
#ifndef ASC_PROXY_H
#define ASC_PROXY_H

#include <stddef.h>
#include <stdint.h>
#include "asc_config.h"
#include "asc_port.h"
#include "asc_status.h"
#include "asc_types.h"

#ifdef __cplusplus
extern "C" {
#endif

#if ASC_ENABLE_PROXY
/** An HTTP proxy (member of asc_client_config; all zero: none). Built
 *  with ASC_ENABLE_PROXY only, like everything in this header. */
typedef struct asc_proxy_config {
    /** Proxy host name or address literal (NUL-terminated, as the port's
     *  connect takes it); NULL: no proxy, direct connections. 1 to
     *  ASC_MAX_HOST_LEN bytes of visible ASCII but # , / ; ? @ \ . */
    const char *host;
    /** Proxy port; required (no default) when host is set. */
    uint16_t port;
    /** Basic credentials (RFC 7617) in caller memory, kept for the
     *  client's life; both empty: no Proxy-Authorization is sent. username
     *  must not be empty when password is not, and must not contain ':';
     *  neither may contain a control byte (bytes 0x80 and above, UTF-8,
     *  are sent as they are). */
    asc_span username;
    asc_span password;
} asc_proxy_config;

/**
 * Check px for asc_client_init: ASC_OK when px->host is NULL (no proxy) or
 * the configuration follows the rules above; ASC_E_INVALID_ARG otherwise.
 */
ASC_NODISCARD asc_status asc_proxy_config_check(const asc_proxy_config *px);

/**
 * Write the CONNECT request for host:port (the endpoint; an IPv6 literal
 * is put in brackets) into buf[0..cap): *out_len is its length, also when
 * it does not fit (then nothing usable is left in buf, which is wiped, and
 * the status is ASC_E_BUFFER_TOO_SMALL; cap 0 with buf NULL just measures).
 * Returns ASC_OK; ASC_E_INVALID_ARG (NULL px/host/out_len, buf NULL with
 * cap > 0, px failing asc_proxy_config_check or without a host);
 * ASC_E_INVALID_HEADER_VALUE (host empty, longer than ASC_MAX_HOST_LEN or
 * with a byte the Host header cannot carry); ASC_E_BUFFER_TOO_SMALL.
 * The request carries the credentials: wipe it (asc_wipe-like) after use.
 */
ASC_NODISCARD asc_status asc_proxy_connect_request(const asc_proxy_config *px,
                                                   const char *host, uint16_t port,
                                                   uint8_t *buf, size_t cap,
                                                   size_t *out_len);

/**
 * Open a tunnel to host:port through the proxy px over port (nothing open
 * on it), within timeout_ms: build the request in buf[0..cap) (as
 * asc_proxy_connect_request; on failure nothing is sent, not even a
 * connection opened), connect to the proxy, send the request, wipe it,
 * read the answer into buf. *out_status is the proxy's HTTP status (0
 * before one was read).
 * Returns ASC_OK (the port's connection is the tunnel; nothing after the
 * proxy's answer has been read); the statuses of asc_proxy_connect_request;
 * ASC_E_DNS / ASC_E_CONNECT / ASC_E_TIMEOUT (from the port's connect, or
 * no complete answer in time); ASC_E_IO; ASC_E_CLOSED (the proxy closed
 * before its answer was complete); ASC_E_PROXY_AUTH, ASC_E_PROXY_REFUSED,
 * ASC_E_PROXY_MALFORMED (asc_status.h). On failure the port connection is
 * closed.
 */
ASC_NODISCARD asc_status asc_proxy_tunnel(const asc_port *port,
                                          const asc_proxy_config *px,
                                          const char *host, uint16_t host_port,
                                          uint8_t *buf, size_t cap,
                                          uint32_t timeout_ms,
                                          uint16_t *out_status);
#endif

#ifdef __cplusplus
}
#endif
#endif /* ASC_PROXY_H */
