/* asc_status_str: the text of each asc_status value. */
#include "asc_status.h"

const char *asc_status_str(asc_status status)
{
    switch (status) {
    case ASC_OK: return "ok";
    case ASC_E_INVALID_ARG: return "invalid argument";
    case ASC_E_INVALID_HEADER_VALUE: return "control or invalid byte in a header value";
    case ASC_E_BUFFER_TOO_SMALL: return "buffer too small";
    case ASC_E_CRYPTO: return "hash backend failure";
    case ASC_E_PORT: return "port failure (time, randomness or missing function)";
    case ASC_E_DNS: return "host name resolution failed";
    case ASC_E_CONNECT: return "connection failed";
    case ASC_E_IO: return "send/receive error";
    case ASC_E_TIMEOUT: return "timeout";
    case ASC_E_CLOSED: return "connection closed before a complete response";
    case ASC_E_TLS: return "TLS failure";
    case ASC_E_TLS_CERT: return "server certificate verification failed";
    case ASC_E_HTTP_MALFORMED: return "malformed HTTP response";
    case ASC_E_HTTP_HEADERS_TOO_LARGE: return "HTTP response headers too large";
    case ASC_E_RESPONSE_TOO_LARGE: return "response does not fit the buffer";
    case ASC_E_JSON: return "malformed or unexpected JSON";
    case ASC_E_SERVICE: return "the service returned an error";
    case ASC_E_DEADLINE: return "deadline expired";
    case ASC_E_NEED_MORE: return "need more input";
    case ASC_E_DUPLICATE_PARAM: return "duplicate parameter name";
    default: return "unknown status";
    }
}
