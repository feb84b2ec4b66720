/*
 * asc.h - App Streaming Client: the one header an application includes
 * (plus asc_tls.h for the mbedTLS transport, which needs mbedTLS's headers,
 * and its port's header).
 *
 * A zero-heap C99 client for Alibaba Cloud App Streaming (appstream-center,
 * API 2021-09-01). See README.md for the tour; each header below is the
 * manual for its part:
 *   asc_config.h   compile-time knobs and their defaults
 *   asc_status.h   the status enum every fallible call returns
 *   asc_types.h    spans, parameters, credentials
 *   asc_port.h     what the application supplies: sockets, clocks, random
 *   asc_request.h  signed request builder (V3 and V1), timestamps
 *   asc_result.h   the outcome of a call, JSON binding, service error codes
 *   asc_http.h     the HTTP/1.1 response parser
 *   asc_client.h   the client: DeleteImage and any RPC call, retries
 *   asc_credentials.h  credentials from a provider of yours (STS refresh)
 *   asc_tls.h      (not included here) TLS over a port with mbedTLS
 */
#ifndef ASC_H
#define ASC_H

#define ASC_VERSION_MAJOR 0
#define ASC_VERSION_MINOR 1
#define ASC_VERSION_PATCH 0
#define ASC_VERSION_STRING "0.1.0"

#include "asc_config.h"
#include "asc_status.h"
#include "asc_types.h"
#include "asc_port.h"
#include "asc_request.h"
#include "asc_result.h"
#include "asc_http.h"
#include "asc_client.h"

#endif /* ASC_H */
