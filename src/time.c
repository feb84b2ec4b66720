/* UTC calendar arithmetic without gmtime()/timegm() (not on every libc, and
 * gmtime is not reentrant): plain proleptic Gregorian rules, years
 * 1970..9999, in unsigned 32-bit arithmetic (cheap on Cortex-M). */
#include <stdbool.h>
#include "asc_request.h"
#include "util.h"

#define FIRST_YEAR 1970u
#define SECONDS_PER_DAY 86400u
#define MAX_EPOCH 253402300799 /* 9999-12-31T23:59:59Z */

static bool is_leap_year(uint32_t year)
{
    return (year % 4u == 0u && year % 100u != 0u) || year % 400u == 0u;
}

/* Leap years among 1 .. year - 1 (year >= 1). */
static uint32_t leap_years_before(uint32_t year)
{
    uint32_t last = year - 1u;
    return last / 4u - last / 100u + last / 400u;
}

/* Days from 1970-01-01 to January 1 of year (year >= 1970). Not inlined:
 * called at three places, each copy of its divisions costs more than the
 * call (make size). */
static ASC_NOINLINE uint32_t days_before_year(uint32_t year)
{
    return 365u * (year - FIRST_YEAR) + leap_years_before(year) -
           leap_years_before(FIRST_YEAR);
}

/* month 1..12 */
static uint32_t days_in_month(uint32_t year, uint32_t month)
{
    static const uint8_t days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return month == 2u && is_leap_year(year) ? 29u : days[month - 1u];
}

typedef struct civil_date {
    uint32_t year;
    uint32_t month; /* 1..12 */
    uint32_t day;   /* 1..31 */
} civil_date;

/* The date of day number `days` counted from 1970-01-01 (day 0). */
static civil_date civil_from_days(uint32_t days)
{
    civil_date d;
    /* no year has more than 366 days: this first guess is not too late */
    d.year = FIRST_YEAR + days / 366u;
    while (days_before_year(d.year + 1u) <= days) {
        d.year++;
    }
    days -= days_before_year(d.year);
    /* days < the year's length, so December is never passed; the bound
     * says so to the reader and to make prove (days_in_month indexes a
     * 12-entry table). */
    for (d.month = 1u; d.month < 12u && days >= days_in_month(d.year, d.month); d.month++) {
        days -= days_in_month(d.year, d.month);
    }
    d.day = days + 1u;
    return d;
}

/* epoch / 86400 for 0 <= epoch <= MAX_EPOCH (< 2^38) without a 64-bit
 * division, which is a library call on Cortex-M: 86400 = 128 * 675, and
 * epoch / 128 (a shift) fits 32 bits. */
static uint32_t whole_days(uint64_t epoch)
{
    return (uint32_t)(epoch / 128u) / 675u;
}

/* value as exactly width decimal digits (zero-padded), then separator;
 * returns the position after the separator. */
static char *put_field(char *p, uint32_t value, size_t width, char separator)
{
    size_t i = width;
    while (i-- > 0u) {
        p[i] = (char)('0' + value % 10u);
        value /= 10u;
    }
    p[width] = separator;
    return p + width + 1u;
}

asc_status asc_format_timestamp(int64_t epoch, char *out, size_t cap)
{
    uint32_t days, second_of_day;
    civil_date date;
    char *p;
    if (out == NULL || cap < ASC_TIMESTAMP_LEN + 1u || epoch < 0 || epoch > MAX_EPOCH) {
        return ASC_E_INVALID_ARG;
    }
    days = whole_days((uint64_t)epoch);
    second_of_day = (uint32_t)((uint64_t)epoch - (uint64_t)days * SECONDS_PER_DAY);
    date = civil_from_days(days);
    /* "YYYY-MM-DDTHH:MM:SSZ" */
    p = put_field(out, date.year, 4u, '-');
    p = put_field(p, date.month, 2u, '-');
    p = put_field(p, date.day, 2u, 'T');
    p = put_field(p, second_of_day / 3600u, 2u, ':');
    p = put_field(p, second_of_day / 60u % 60u, 2u, ':');
    p = put_field(p, second_of_day % 60u, 2u, 'Z');
    *p = '\0';
    return ASC_OK;
}

#if ASC_ENABLE_CLOCK_SYNC
/* IMF-fixdate (RFC 9110 5.6.7), exactly 29 bytes:
 *
 *     Sun, 06 Nov 1994 08:49:37 GMT
 *     0    5  8   12   17 20 23 25
 */
#define IMF_FIXDATE_LEN 29u
#define AT_DAY 5u
#define AT_MONTH 8u
#define AT_YEAR 12u
#define AT_HOUR 17u
#define AT_MINUTE 20u
#define AT_SECOND 23u

/* width decimal digits at p into *value; false when one is not a digit. */
static bool read_digits(const char *p, size_t width, uint32_t *value)
{
    size_t i;
    *value = 0u;
    for (i = 0; i < width; i++) {
        if (p[i] < '0' || p[i] > '9') {
            return false;
        }
        *value = *value * 10u + (uint32_t)(p[i] - '0');
    }
    return true;
}

/* The bytes at p equal text (its strlen, case-sensitive). */
static bool text_at(const char *p, const char *text)
{
    size_t i;
    for (i = 0u; text[i] != '\0'; i++) {
        if (p[i] != text[i]) {
            return false;
        }
    }
    return true;
}

/* "Jan".."Dec" (case-sensitive, as RFC 9110 spells them) at p: 1..12;
 * 0 for anything else. */
static uint32_t month_from_name(const char *p)
{
    static const char *const names[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
    uint32_t m;
    for (m = 0u; m < 12u; m++) {
        if (text_at(p, names[m])) {
            return m + 1u;
        }
    }
    return 0u;
}

#if ASC_STRICT_PARSING
/* The bytes between the fields: ", " after the weekday, the spaces, the
 * colons and " GMT" (the weekday name itself is not checked). */
static bool imf_separators_ok(const char *p)
{
    return text_at(p + 3, ", ") && p[AT_MONTH - 1u] == ' ' &&
           p[AT_YEAR - 1u] == ' ' && p[AT_HOUR - 1u] == ' ' &&
           p[AT_MINUTE - 1u] == ':' && p[AT_SECOND - 1u] == ':' &&
           text_at(p + AT_SECOND + 2u, " GMT");
}
#endif

/* Days from January 1 of year to the first of month (1..12). */
static uint32_t days_before_month(uint32_t year, uint32_t month)
{
    uint32_t m, days = 0u;
    for (m = 1u; m < month; m++) {
        days += days_in_month(year, m);
    }
    return days;
}

/* Strict: the day exists in its month (1..12). Lean: any day 1..31; one
 * past the month's end rolls over into the next month. */
static bool day_accepted(uint32_t year, uint32_t month, uint32_t day)
{
#if ASC_STRICT_PARSING
    return day >= 1u && day <= days_in_month(year, month);
#else
    (void)year;
    (void)month;
    return day >= 1u && day <= 31u;
#endif
}

/* "Sun, 06 Nov 1994 08:49:37 GMT" - exactly 29 bytes. The weekday is not
 * checked; lean (ASC_STRICT_PARSING 0): nor the separators and "GMT". */
asc_status asc_parse_http_date(asc_span s, int64_t *out_epoch)
{
    const char *p = s.ptr;
    uint32_t day, month, year, hour, minute, second, days;

    if (out_epoch == NULL || p == NULL || s.len != IMF_FIXDATE_LEN) {
        return ASC_E_INVALID_ARG;
    }
#if ASC_STRICT_PARSING
    if (!imf_separators_ok(p)) {
        return ASC_E_INVALID_ARG;
    }
#endif
    if (!read_digits(p + AT_DAY, 2u, &day) || !read_digits(p + AT_YEAR, 4u, &year) ||
        !read_digits(p + AT_HOUR, 2u, &hour) || !read_digits(p + AT_MINUTE, 2u, &minute) ||
        !read_digits(p + AT_SECOND, 2u, &second)) {
        return ASC_E_INVALID_ARG;
    }
    month = month_from_name(p + AT_MONTH);
    /* second 60 is a leap second */
    if (month == 0u || year < FIRST_YEAR || !day_accepted(year, month, day) ||
        hour > 23u || minute > 59u || second > 60u) {
        return ASC_E_INVALID_ARG;
    }
    if (second == 60u) {
        second = 59u; /* epoch seconds have no leap second: read as 59 */
    }
    days = days_before_year(year) + days_before_month(year, month) + day - 1u;
    *out_epoch = (int64_t)days * SECONDS_PER_DAY +
                 (int64_t)(hour * 3600u + minute * 60u + second);
    return ASC_OK;
}
#endif /* ASC_ENABLE_CLOCK_SYNC */
