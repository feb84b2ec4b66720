/* asc_status_str: the text of each asc_status value. With
 * ASC_ENABLE_STATUS_TEXT a table of phrases in enum order; without it one
 * packed string of decimal values, indexed directly ("0".."9" are the
 * tails of "10".."19"). Each table's length is tied to the enum by a
 * compile-time assert: a new status without its text does not build. */
#include <stddef.h>
#include "asc_config.h"
#include "asc_status.h"

#if ASC_ENABLE_STATUS_TEXT
static const char *const k_text[] = {
    "ok",
    "invalid argument",
    "invalid header value",
    "buffer too small",
    "crypto failure",
    "port failure",
    "DNS failure",
    "connect failed",
    "I/O error",
    "timeout",
    "connection closed",
    "TLS failure",
    "certificate rejected",
    "malformed HTTP",
    "HTTP headers too large",
    "response too large",
    "malformed JSON",
    "service error",
    "deadline expired",
    "need more input",
    "duplicate parameter",
    "credentials unavailable",
    "unknown status", /* every value past ASC_STATUS_LAST_ */
};
typedef char status_text_per_value[
    (sizeof k_text / sizeof k_text[0] == (unsigned)ASC_STATUS_LAST_ + 2u) ? 1 : -1];
#else
/* "10".."21": value v < 10 is the tail of "1v" */
static const char k_text[] =
    "10\0" "11\0" "12\0" "13\0" "14\0" "15\0" "16\0" "17\0" "18\0" "19\0" "20\0"
    "21\0"
    "unknown status";
typedef char status_number_per_value[
    (sizeof k_text == (size_t)3u * ((size_t)ASC_STATUS_LAST_ - 9u) + sizeof "unknown status")
        ? 1 : -1];
#endif

const char *asc_status_str(asc_status status)
{
    unsigned i = (unsigned)status;
    if (i > (unsigned)ASC_STATUS_LAST_) {
        i = (unsigned)ASC_STATUS_LAST_ + 1u;
    }
#if ASC_ENABLE_STATUS_TEXT
    return k_text[i];
#else
    return k_text + (i < 10u ? 3u * i + 1u : 3u * (i - 10u));
#endif
}
