/* UTC calendar arithmetic without gmtime()/timegm() (not on every libc, and
 * gmtime is not reentrant). Algorithms after H. Hinnant, "chrono-compatible
 * low-level date algorithms". */
#include "asc_request.h"
#include "util.h"

#define SECS_PER_DAY 86400

/* Days since 1970-01-01 of y-m-d (proleptic Gregorian). */
static int64_t days_from_civil(int64_t y, int64_t m, int64_t d)
{
    int64_t era, yoe, doy, doe;
    y -= (m <= 2) ? 1 : 0;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void put2(char *p, int64_t v)
{
    p[0] = (char)('0' + (int)(v / 10));
    p[1] = (char)('0' + (int)(v % 10));
}

asc_status asc_format_timestamp(int64_t epoch, char *out, size_t cap)
{
    int64_t z, era, doe, yoe, y, doy, mp, d, m, secs;
    /* 1970-01-01 .. 9999-12-31T23:59:59Z */
    if (out == NULL || cap < ASC_TIMESTAMP_LEN + 1u || epoch < 0 ||
        epoch > 253402300799) {
        return ASC_E_INVALID_ARG;
    }
    z = epoch / SECS_PER_DAY;
    secs = epoch % SECS_PER_DAY;
    z += 719468;
    era = z / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = yoe + era * 400;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += (m <= 2) ? 1 : 0;

    put2(out, y / 100);
    put2(out + 2, y % 100);
    out[4] = '-';
    put2(out + 5, m);
    out[7] = '-';
    put2(out + 8, d);
    out[10] = 'T';
    put2(out + 11, secs / 3600);
    out[13] = ':';
    put2(out + 14, (secs / 60) % 60);
    out[16] = ':';
    put2(out + 17, secs % 60);
    out[19] = 'Z';
    out[20] = '\0';
    return ASC_OK;
}

static bool digits(const char *p, size_t n, int64_t *v)
{
    size_t i;
    *v = 0;
    for (i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9') {
            return false;
        }
        *v = *v * 10 + (p[i] - '0');
    }
    return true;
}

/* "Sun, 06 Nov 1994 08:49:37 GMT" - exactly 29 bytes (RFC 7231 7.1.1.1). */
asc_status asc_parse_http_date(asc_span s, int64_t *out_epoch)
{
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    static const uint8_t mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    const char *p = s.ptr;
    int64_t day, year, hh, mm, ss, mon = -1;
    int i;

    if (out_epoch == NULL || p == NULL || s.len != 29u || p[3] != ',' ||
        p[4] != ' ' || p[7] != ' ' || p[11] != ' ' || p[16] != ' ' ||
        p[19] != ':' || p[22] != ':' || p[25] != ' ' || p[26] != 'G' ||
        p[27] != 'M' || p[28] != 'T') {
        return ASC_E_INVALID_ARG;
    }
    for (i = 0; i < 12; i++) {
        if (p[8] == months[3 * i] && p[9] == months[3 * i + 1] &&
            p[10] == months[3 * i + 2]) {
            mon = i + 1;
        }
    }
    if (mon < 0 || !digits(p + 5, 2u, &day) || !digits(p + 12, 4u, &year) ||
        !digits(p + 17, 2u, &hh) || !digits(p + 20, 2u, &mm) ||
        !digits(p + 23, 2u, &ss) || day < 1 || day > (int64_t)mdays[mon - 1] ||
        year < 1970 || hh > 23 || mm > 59 || ss > 60) {
        return ASC_E_INVALID_ARG;
    }
    *out_epoch = days_from_civil(year, mon, day) * SECS_PER_DAY + hh * 3600 +
                 mm * 60 + (ss > 59 ? 59 : ss);
    return ASC_OK;
}
