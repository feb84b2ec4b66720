/*
 * tests/harness.h - a tiny test harness (jsmn-style). Each test program is
 * one binary; main() runs its cases and ends with TEST_REPORT(), which prints
 * "N passed, N failed" and returns the exit status.
 */
#ifndef ASC_TEST_HARNESS_H
#define ASC_TEST_HARNESS_H

#include <stdio.h>
#include <string.h>
#include <stddef.h>

extern unsigned long t_passed;
extern unsigned long t_failed;
extern const char *t_case;

void t_fail_at(const char *file, int line, const char *what);
void t_hexdump_diff(const char *label, const void *got, size_t got_len,
                    const void *want, size_t want_len);

#define T_CASE(name) (t_case = (name))

#define CHECK(cond)                                                     \
    do {                                                                \
        if (cond) { t_passed++; }                                       \
        else { t_fail_at(__FILE__, __LINE__, #cond); }                  \
    } while (0)

/* Compare byte ranges; prints both on mismatch. */
#define CHECK_MEM(got, glen, want, wlen)                                \
    do {                                                                \
        size_t g_l_ = (glen), w_l_ = (wlen);                            \
        if (g_l_ == w_l_ && memcmp((got), (want), g_l_) == 0) {         \
            t_passed++;                                                 \
        } else {                                                        \
            t_fail_at(__FILE__, __LINE__, #got " == " #want);           \
            t_hexdump_diff(#got, (got), g_l_, (want), w_l_);            \
        }                                                               \
    } while (0)

#define CHECK_STR(got, want) CHECK_MEM((got), strlen(got), (want), strlen(want))

/* Equality of two integers, printing both on mismatch. */
#define CHECK_EQ(got, want)                                             \
    do {                                                                \
        long long g_v_ = (long long)(got), w_v_ = (long long)(want);    \
        if (g_v_ == w_v_) { t_passed++; }                               \
        else {                                                          \
            t_fail_at(__FILE__, __LINE__, #got " == " #want);           \
            fprintf(stderr, "    got %lld, want %lld\n", g_v_, w_v_);   \
        }                                                               \
    } while (0)

#define TEST_REPORT()                                                   \
    (printf("%lu passed, %lu failed\n", t_passed, t_failed),            \
     fflush(stdout), t_failed ? 1 : 0)

#endif
