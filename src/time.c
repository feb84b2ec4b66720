/* UTC calendar arithmetic without gmtime()/timegm() (not on every libc, and
 * gmtime is not reentrant). Algorithms after H. Hinnant, "chrono-compatible
 * low-level date algorithms", restricted to 1970..9999 so that everything
 * after the one 64-bit division fits unsigned 32-bit arithmetic (cheap on
 * Cortex-M: no 64-bit division helpers). */
#include "asc_request.h"
#include "util.h"

#define SECS_PER_DAY 86400u
#define MAX_EPOCH 253402300799 /* 9999-12-31T23:59:59Z */

/* Days since 1970-01-01 of y-m-d, y >= 1970 (proleptic Gregorian). */
static uint32_t days_from_civil(uint32_t y, uint32_t m, uint32_t d)
{
    uint32_t era, yoe, doy, doe;
    y -= (m <= 2u) ? 1u : 0u;
    era = y / 400u;
    yoe = y - era * 400u;
    doy = (153u * (m > 2u ? m - 3u : m + 9u) + 2u) / 5u + d - 1u;
    doe = yoe * 365u + yoe / 4u - yoe / 100u + doy;
    return era * 146097u + doe - 719468u;
}

static void put2(char *p, uint32_t v)
{
    p[0] = (char)('0' + (int)(v / 10u));
    p[1] = (char)('0' + (int)(v % 10u));
}

asc_status asc_format_timestamp(int64_t epoch, char *out, size_t cap)
{
    uint32_t z, era, doe, yoe, y, doy, mp, d, m, secs;
    if (out == NULL || cap < ASC_TIMESTAMP_LEN + 1u || epoch < 0 ||
        epoch > MAX_EPOCH) {
        return ASC_E_INVALID_ARG;
    }
    z = (uint32_t)((uint64_t)epoch / SECS_PER_DAY);
    secs = (uint32_t)((uint64_t)epoch - (uint64_t)z * SECS_PER_DAY);
    z += 719468u;
    era = z / 146097u;
    doe = z - era * 146097u;
    yoe = (doe - doe / 1460u + doe / 36524u - doe / 146096u) / 365u;
    y = yoe + era * 400u;
    doy = doe - (365u * yoe + yoe / 4u - yoe / 100u);
    mp = (5u * doy + 2u) / 153u;
    d = doy - (153u * mp + 2u) / 5u + 1u;
    m = mp < 10u ? mp + 3u : mp - 9u;
    y += (m <= 2u) ? 1u : 0u;

    put2(out, y / 100u);
    put2(out + 2, y % 100u);
    out[4] = '-';
    put2(out + 5, m);
    out[7] = '-';
    put2(out + 8, d);
    out[10] = 'T';
    put2(out + 11, secs / 3600u);
    out[13] = ':';
    put2(out + 14, (secs / 60u) % 60u);
    out[16] = ':';
    put2(out + 17, secs % 60u);
    out[19] = 'Z';
    out[20] = '\0';
    return ASC_OK;
}

static bool digits(const char *p, size_t n, uint32_t *v)
{
    size_t i;
    *v = 0u;
    for (i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9') {
            return false;
        }
        *v = *v * 10u + (uint32_t)(p[i] - '0');
    }
    return true;
}

/* "Sun, 06 Nov 1994 08:49:37 GMT" - exactly 29 bytes (RFC 7231 7.1.1.1). */
asc_status asc_parse_http_date(asc_span s, int64_t *out_epoch)
{
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    static const uint8_t mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    const char *p = s.ptr;
    uint32_t day, year, hh, mm, ss, mon = 0u, i;

    if (out_epoch == NULL || p == NULL || s.len != 29u || p[3] != ',' ||
        p[4] != ' ' || p[7] != ' ' || p[11] != ' ' || p[16] != ' ' ||
        p[19] != ':' || p[22] != ':' || p[25] != ' ' || p[26] != 'G' ||
        p[27] != 'M' || p[28] != 'T') {
        return ASC_E_INVALID_ARG;
    }
    for (i = 0u; i < 12u; i++) {
        if (p[8] == months[3u * i] && p[9] == months[3u * i + 1u] &&
            p[10] == months[3u * i + 2u]) {
            mon = i + 1u;
        }
    }
    if (mon == 0u || !digits(p + 5, 2u, &day) || !digits(p + 12, 4u, &year) ||
        !digits(p + 17, 2u, &hh) || !digits(p + 20, 2u, &mm) ||
        !digits(p + 23, 2u, &ss) || day < 1u || day > (uint32_t)mdays[mon - 1u] ||
        year < 1970u || hh > 23u || mm > 59u || ss > 60u ||
        (mon == 2u && day == 29u &&
         ((year % 4u) != 0u || ((year % 100u) == 0u && (year % 400u) != 0u)))) {
        return ASC_E_INVALID_ARG;
    }
    *out_epoch = (int64_t)days_from_civil(year, mon, day) * (int64_t)SECS_PER_DAY +
                 (int64_t)(hh * 3600u + mm * 60u + (ss > 59u ? 59u : ss));
    return ASC_OK;
}
