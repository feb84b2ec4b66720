/* UTC calendar arithmetic without gmtime()/timegm() (not on every libc, and
 * gmtime is not reentrant). Algorithms after C. Neri and L. Schneider,
 * "Euclidean affine functions and their application to calendar
 * algorithms" (2022), restricted to 1970..9999 so that everything fits
 * unsigned 32-bit arithmetic (cheap on Cortex-M: no 64-bit division). */
#include <string.h>
#include "asc_request.h"
#include "util.h"

#define MAX_EPOCH 253402300799u /* 9999-12-31T23:59:59Z */

/* Days since 1970-01-01 -> f[0] day, f[1] month, f[2] year. */
static void civil_from_days(uint32_t z, uint32_t *f)
{
    uint32_t n = 4u * (z + 719468u) + 3u; /* days since 0000-03-01 */
    uint32_t c = n / 146097u;             /* century */
    uint64_t p = 2939745u * (uint64_t)(n % 146097u / 4u * 4u + 3u);
    uint32_t doy = (uint32_t)p / 2939745u / 4u; /* from March 1 */
    uint32_t md = 2141u * doy + 197913u;
    uint32_t j = doy >= 306u ? 1u : 0u; /* January or February */
    f[0] = (md & 0xffffu) / 2141u + 1u;
    f[1] = (md >> 16) - 12u * j;
    f[2] = 100u * c + (uint32_t)(p >> 32) + j;
}

asc_status asc_format_timestamp(int64_t epoch, char *out, size_t cap)
{
    /* digit d: next digit in radix d + 1; ':' copied; others start the
     * next field of f (seconds of day, day, month, year) */
    static const char tpl[] = "9999-99-99T99:59:59Z";
    uint32_t f[4], z, v = 0u;
    size_t i = ASC_TIMESTAMP_LEN, k = 0u;
    if (out == NULL || cap < ASC_TIMESTAMP_LEN + 1u || (uint64_t)epoch > MAX_EPOCH) {
        return ASC_E_INVALID_ARG;
    }
    /* epoch < 2^38: epoch / 86400 == (epoch / 128) / 675, all in 32 bits */
    z = (uint32_t)((uint64_t)epoch >> 7) / 675u;
    f[0] = (uint32_t)epoch - z * 86400u;
    civil_from_days(z, f + 1);
    out[i] = '\0';
    while (i-- > 0u) {
        char c = tpl[i];
        uint32_t r = (uint32_t)(c - '0') + 1u;
        if (r <= 10u) {
            c = (char)('0' + v % r);
            v /= r;
        } else if (c != ':') {
            v = f[k++];
        }
        out[i] = c;
    }
    return ASC_OK;
}

#if ASC_ENABLE_CLOCK_SYNC
/* "Sun, 06 Nov 1994 08:49:37 GMT" - exactly 29 bytes (RFC 7231 7.1.1.1).
 * The weekday is not checked; lean (ASC_STRICT_PARSING 0): nor the
 * separators and "GMT", and a day past the month's end rolls over. */
asc_status asc_parse_http_date(asc_span s, int64_t *out_epoch)
{
    /* '0' a digit, '_' any byte, else that byte, which ends a field */
    static const char tpl[] = "___, 00 ___ 0000 00:00:00 GMT";
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    const char *p = s.ptr;
#if ASC_STRICT_PARSING
    uint32_t g[3];
#endif
    uint32_t f[11] = { 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u }, v = 0u, k = 0u, i, m, y, days;

    if (out_epoch == NULL || p == NULL || s.len != 29u) {
        return ASC_E_INVALID_ARG;
    }
    /* f[2] day, f[4] year, f[5] hour, f[6] minute, f[7] second */
    for (i = 0; i < 29u; i++) {
        char t = tpl[i];
        uint32_t d = (uint32_t)(p[i] - '0');
        if (t == '0') {
            if (d > 9u) {
                return ASC_E_INVALID_ARG;
            }
            v = v * 10u + d;
        } else if (t != '_') {
#if ASC_STRICT_PARSING
            if (p[i] != t) {
                return ASC_E_INVALID_ARG;
            }
#endif
            f[k++] = v;
            v = 0u;
        }
    }
    for (m = 0u; m < 12u && memcmp(p + 8, months + (size_t)3u * m, 3u) != 0; m++) {
    }
    y = f[4];
    if (m == 12u || y < 1970u || f[5] > 23u || f[6] > 59u || f[7] > 60u
#if !ASC_STRICT_PARSING
        || f[2] - 1u > 30u /* day 1..31 */
#endif
        ) {
        return ASC_E_INVALID_ARG;
    }
    /* days_from_civil (Neri-Schneider, year from March; m is 0-based); a
     * day not in the month (0, 31 Nov, 29 Feb of a common year) comes back
     * from civil_from_days as another date. */
    if (m < 2u) {
        y -= 1u;
        m += 12u;
    }
    days = 1461u * y / 4u - y / 100u + y / 400u + (979u * m - 1940u) / 32u + f[2] - 719469u;
#if ASC_STRICT_PARSING
    civil_from_days(days, g);
    if (g[0] != f[2]) {
        return ASC_E_INVALID_ARG;
    }
#endif
    *out_epoch = (int64_t)((uint64_t)days * 86400u +
                           (f[5] * 3600u + f[6] * 60u + f[7] - (f[7] > 59u ? 1u : 0u)));
    return ASC_OK;
}
#endif /* ASC_ENABLE_CLOCK_SYNC */
