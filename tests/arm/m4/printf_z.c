/*
 * tests/arm/m4/printf_z.c - Debian's newlib for arm-none-eabi is built
 * without C99 printf formats: "%zu" prints "zu". The tests format sizes
 * with %zu (snprintf for Content-Length, fprintf in the harness), so the
 * test links wrap snprintf/fprintf/printf (-Wl,--wrap=...) with versions
 * that drop the 'z' length modifier (size_t is unsigned int here, passed
 * like int through varargs) and call newlib's v*printf.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

int __wrap_snprintf(char *buf, size_t n, const char *fmt, ...);
int __wrap_fprintf(FILE *f, const char *fmt, ...);
int __wrap_printf(const char *fmt, ...);

typedef char size_t_is_unsigned_int[sizeof(size_t) == sizeof(unsigned int) ? 1 : -1];

static const char *drop_z(const char *fmt, char *tmp, size_t cap)
{
    size_t i = 0;
    int in_spec = 0;
    const char *p;
    for (p = fmt; *p != '\0'; p++) {
        if (i + 1u >= cap) {
            return fmt; /* too long: leave as is */
        }
        if (in_spec) {
            if (*p == 'z') {
                continue;
            }
            if ((*p >= 'a' && *p <= 'z' && *p != 'l' && *p != 'h' && *p != 'j' &&
                 *p != 't') || (*p >= 'A' && *p <= 'Z') || *p == '%') {
                in_spec = 0;
            }
        } else if (*p == '%') {
            in_spec = 1;
        }
        tmp[i++] = *p;
    }
    tmp[i] = '\0';
    return tmp;
}

int __wrap_snprintf(char *buf, size_t n, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    int r;
    va_start(ap, fmt);
    r = vsnprintf(buf, n, drop_z(fmt, tmp, sizeof tmp), ap);
    va_end(ap);
    return r;
}

int __wrap_fprintf(FILE *f, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    int r;
    va_start(ap, fmt);
    r = vfprintf(f, drop_z(fmt, tmp, sizeof tmp), ap);
    va_end(ap);
    return r;
}

int __wrap_printf(const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    int r;
    va_start(ap, fmt);
    r = vprintf(drop_z(fmt, tmp, sizeof tmp), ap);
    va_end(ap);
    return r;
}
