/*
 * cli_options.c - the tool's option table and "did you mean" (see
 * cli_options.h).
 */
#include "cli_options.h"

#include <string.h>

static const cli_option cli_options[] = {
    { OPT_HELP, "--help", 0 },
    { OPT_REGION, "--region", 1 },
    { OPT_ENDPOINT, "--endpoint", 1 },
    { OPT_CA_FILE, "--ca-file", 1 },
    { OPT_SIGNATURE, "--signature", 1 },
    { OPT_RETRIES, "--retries", 1 },
    { OPT_TIMEOUT_MS, "--timeout-ms", 1 },
    { OPT_DEADLINE_MS, "--deadline-ms", 1 },
    { OPT_VERBOSE, "--verbose", 0 },
    { OPT_DRY_RUN, "--dry-run", 0 },
    { OPT_SHOW_SECRETS, "--show-secrets", 0 },
    { OPT_NONCE, "--nonce", 1 },
    { OPT_TIMESTAMP, "--timestamp", 1 },
    { OPT_ALLOW_ANY_TIMESTAMP, "--allow-any-timestamp", 0 },
    { OPT_INSECURE_PLAINTEXT_HTTP, "--insecure-plaintext-http", 0 },
    { OPT_PROXY, "--proxy", 1 },
    { OPT_PROFILE, "--profile", 1 },
    { OPT_REPEAT, "--repeat", 1 },
    { OPT_INTERVAL_MS, "--interval-ms", 1 },
};
#define OPTION_COUNT (sizeof cli_options / sizeof cli_options[0])
/* one entry per cli_option_id */
typedef char option_table_has_every_id[(OPTION_COUNT == (size_t)OPT_COUNT_) ? 1 : -1];

const cli_option *cli_option_find(const char *arg)
{
    size_t i;
    for (i = 0; i < OPTION_COUNT; i++) {
        if (strcmp(arg, cli_options[i].name) == 0) {
            return &cli_options[i];
        }
    }
    return NULL;
}

#define NAME_MAX_LEN 48

/* arg without its leading dashes and any "=value", lower-case, '_' as '-',
 * into out; 0 when it is too long to compare. */
static size_t normalise(const char *arg, char out[NAME_MAX_LEN])
{
    size_t n = 0u;
    while (*arg == '-') {
        arg++;
    }
    for (; *arg != '\0' && *arg != '='; arg++) {
        char c = *arg;
        if (n + 1u == NAME_MAX_LEN) {
            return 0u;
        }
        out[n++] = c == '_' ? '-' : (c >= 'A' && c <= 'Z') ? (char)(c + ('a' - 'A')) : c;
    }
    out[n] = '\0';
    return n;
}

static size_t min3(size_t a, size_t b, size_t c)
{
    size_t m = a < b ? a : b;
    return m < c ? m : c;
}

/* Edit distance with swaps of neighbours (optimal string alignment):
 * "dryrun" -> "dry-run" is 1, "verobse" -> "verbose" 1. */
static size_t edit_distance(const char *a, size_t la, const char *b, size_t lb)
{
    size_t d[NAME_MAX_LEN + 1][NAME_MAX_LEN + 1];
    size_t i, j;
    for (i = 0; i <= la; i++) {
        d[i][0] = i;
    }
    for (j = 0; j <= lb; j++) {
        d[0][j] = j;
    }
    for (i = 1; i <= la; i++) {
        for (j = 1; j <= lb; j++) {
            size_t cost = a[i - 1] == b[j - 1] ? 0u : 1u;
            d[i][j] = min3(d[i - 1][j] + 1u, d[i][j - 1] + 1u, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1u < d[i][j]) {
                d[i][j] = d[i - 2][j - 2] + 1u;
            }
        }
    }
    return d[la][lb];
}

/* How far `given` is from option name `opt` (both normalised); above 2:
 * not worth suggesting. */
static size_t closeness(const char *given, size_t lg, const char *opt, size_t lo)
{
    size_t d = edit_distance(given, lg, opt, lo), common = 0u;
    while (common < lg && common < lo && given[common] == opt[common]) {
        common++;
    }
    if (lg >= 2u && common == lg && d > 1u) {
        d = 1u; /* a beginning of it: "--time" for "--timeout-ms" */
    }
    if (common >= 4u && d > 2u) {
        d = 2u; /* "--retry" for "--retries" */
    }
    return d;
}

size_t cli_option_suggest(const char *arg, const char **out, size_t max, size_t *score)
{
    char given[NAME_MAX_LEN], opt[NAME_MAX_LEN];
    size_t lg = normalise(arg, given), i, n = 0u;
    *score = 0u;
    if (lg == 0u) {
        return 0u;
    }
    for (*score = 0u; *score <= 2u; (*score)++) {
        for (i = 0; i < OPTION_COUNT && n < max; i++) {
            size_t lo = normalise(cli_options[i].name, opt);
            if (closeness(given, lg, opt, lo) == *score) {
                out[n++] = cli_options[i].name;
            }
        }
        if (n > 0u) {
            return n; /* only the closest ones */
        }
    }
    return 0u;
}
