/* asc_status_str: the text of each asc_status value, as one packed string
 * in enum order (no pointer table), walked by index. Without
 * ASC_ENABLE_STATUS_TEXT the "text" is the decimal value, indexed directly
 * ("0".."9" are the tails of "10".."19"). */
#include <string.h>
#include "asc_config.h"
#include "asc_status.h"

static const char k_text[] =
#if ASC_ENABLE_STATUS_TEXT
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
#else
    /* "10".."20": value v < 10 is the tail of "1v" */
    "10\0" "11\0" "12\0" "13\0" "14\0" "15\0" "16\0" "17\0" "18\0" "19\0" "20\0"
    "unknown status";
#endif

const char *asc_status_str(asc_status status)
{
    unsigned i = (unsigned)status;
    if (i > (unsigned)ASC_E_DUPLICATE_PARAM) {
        i = (unsigned)ASC_E_DUPLICATE_PARAM + 1u;
    }
#if ASC_ENABLE_STATUS_TEXT
    {
        const char *p = k_text;
        while (i-- > 0u) {
            p += strlen(p) + 1u;
        }
        return p;
    }
#else
    return k_text + (i < 10u ? 3u * i + 1u : 3u * (i - 10u));
#endif
}
