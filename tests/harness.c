#include "harness.h"

unsigned long t_passed;
unsigned long t_failed;
const char *t_case = "";

void t_fail_at(const char *file, int line, const char *what)
{
    t_failed++;
    fprintf(stderr, "FAIL %s:%d [%s] %s\n", file, line, t_case, what);
}

static void dump(const char *label, const unsigned char *p, size_t n)
{
    size_t i;
    fprintf(stderr, "    %s (%zu bytes): \"", label, n);
    for (i = 0; i < n && i < 2000; i++) {
        unsigned char c = p[i];
        if (c >= 0x20 && c < 0x7f && c != '\\') {
            fputc(c, stderr);
        } else if (c == '\n') {
            fputs("\\n", stderr);
        } else {
            fprintf(stderr, "\\x%02x", c);
        }
    }
    fputs(i < n ? "...\"\n" : "\"\n", stderr);
}

void t_hexdump_diff(const char *label, const void *got, size_t got_len,
                    const void *want, size_t want_len)
{
    dump(label, (const unsigned char *)got, got_len);
    dump("want", (const unsigned char *)want, want_len);
}
