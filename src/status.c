/*
 * src/status.c - asc_status_str: a short text for each asc_status value.
 *
 * With ASC_ENABLE_STATUS_TEXT a phrase, else the value in decimal; each
 * table has one entry per value, in enum order (checked at compile time
 * against ASC_STATUS_COUNT_).
 */
#include <stddef.h>
#include "asc_config.h"
#include "asc_status.h"

#if ASC_ENABLE_STATUS_TEXT
static const char *const k_status_text[] = {
    "ok",                     /* ASC_OK */
    "invalid argument",       /* ASC_E_INVALID_ARG */
    "invalid header value",   /* ASC_E_INVALID_HEADER_VALUE */
    "buffer too small",       /* ASC_E_BUFFER_TOO_SMALL */
    "crypto failure",         /* ASC_E_CRYPTO */
    "port failure",           /* ASC_E_PORT */
    "DNS failure",            /* ASC_E_DNS */
    "connect failed",         /* ASC_E_CONNECT */
    "I/O error",              /* ASC_E_IO */
    "timeout",                /* ASC_E_TIMEOUT */
    "connection closed",      /* ASC_E_CLOSED */
    "TLS failure",            /* ASC_E_TLS */
    "certificate rejected",   /* ASC_E_TLS_CERT */
    "malformed HTTP",         /* ASC_E_HTTP_MALFORMED */
    "HTTP headers too large", /* ASC_E_HTTP_HEADERS_TOO_LARGE */
    "response too large",     /* ASC_E_RESPONSE_TOO_LARGE */
    "malformed JSON",         /* ASC_E_JSON */
    "service error",          /* ASC_E_SERVICE */
    "deadline expired",       /* ASC_E_DEADLINE */
    "need more input",        /* ASC_E_NEED_MORE */
    "duplicate parameter",    /* ASC_E_DUPLICATE_PARAM */
    "front-end answer, no service answer", /* ASC_E_FRONT_END */
    "image not deleted",      /* ASC_E_NOT_DELETED */
    "proxy authentication required", /* ASC_E_PROXY_AUTH */
    "proxy refused the tunnel",      /* ASC_E_PROXY_REFUSED */
    "malformed proxy answer",        /* ASC_E_PROXY_MALFORMED */
    "credentials unavailable", /* ASC_E_CREDENTIALS */
};
#else
/* The value v as decimal text, at index v. */
static const char *const k_status_text[] = {
    "0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
    "10", "11", "12", "13", "14", "15", "16", "17", "18", "19",
    "20", "21", "22", "23", "24", "25", "26",
};
#endif

typedef char asc_status_text_per_value[
    (sizeof k_status_text / sizeof k_status_text[0] == (size_t)ASC_STATUS_COUNT_) ? 1 : -1];

const char *asc_status_str(asc_status status)
{
    int value = (int)status;
    if (value < 0 || value >= ASC_STATUS_COUNT_) {
        return "unknown status";
    }
    return k_status_text[value];
}
