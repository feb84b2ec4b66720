/* asc_status_str: the text of each asc_status value. One packed string in
 * enum order (no pointer table: 4 bytes per entry saved), walked by index. */
#include <string.h>
#include "asc_status.h"

static const char k_text[] =
    "ok\0"
    "invalid argument\0"
    "invalid header value\0"
    "buffer too small\0"
    "crypto failure\0"
    "port failure\0"
    "DNS failure\0"
    "connect failed\0"
    "I/O error\0"
    "timeout\0"
    "connection closed\0"
    "TLS failure\0"
    "certificate rejected\0"
    "malformed HTTP\0"
    "HTTP headers too large\0"
    "response too large\0"
    "malformed JSON\0"
    "service error\0"
    "deadline expired\0"
    "need more input\0"
    "duplicate parameter\0"
    "unknown status";

const char *asc_status_str(asc_status status)
{
    const char *p = k_text;
    unsigned i = (unsigned)status;
    if (i > (unsigned)ASC_E_DUPLICATE_PARAM) {
        i = (unsigned)ASC_E_DUPLICATE_PARAM + 1u;
    }
    while (i-- > 0u) {
        p += strlen(p) + 1u;
    }
    return p;
}
