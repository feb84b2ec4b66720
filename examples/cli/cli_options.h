/*
 * cli_options.h - the command-line tool's own options (lower-case, as in
 * the aliyun CLI; API parameters start with an upper-case letter) and the
 * "did you mean" suggestions for the ones it does not know.
 */
#ifndef CLI_OPTIONS_H
#define CLI_OPTIONS_H

#include <stddef.h>

typedef enum cli_option_id {
    OPT_HELP,
    OPT_REGION,
    OPT_ENDPOINT,
    OPT_CA_FILE,
    OPT_SIGNATURE,
    OPT_RETRIES,
    OPT_TIMEOUT_MS,
    OPT_DEADLINE_MS,
    OPT_VERBOSE,
    OPT_DRY_RUN,
    OPT_SHOW_SECRETS,
    OPT_NONCE,
    OPT_TIMESTAMP,
    OPT_ALLOW_ANY_TIMESTAMP,
    OPT_INSECURE_PLAINTEXT_HTTP,
    OPT_PROXY,
    OPT_PROFILE,
    OPT_REPEAT,
    OPT_INTERVAL_MS,
    OPT_COUNT_
} cli_option_id;

typedef struct cli_option {
    cli_option_id id;
    const char *name;   /* "--region" */
    int takes_value;    /* 1: the next argument is its value */
} cli_option;

/* The option spelled exactly `arg` ("--region"), NULL when none. */
const cli_option *cli_option_find(const char *arg);

/* Up to max option names close to `arg` (an argument that is not one of
 * ours): same letters in another case or with '_' for '-', a prefix of at
 * least two letters, a common beginning of four, or an edit distance
 * (insert, delete, replace, swap of neighbours) of at most 2; the closest
 * first. Returns how many were written to out; *score receives their
 * closeness (0: the same letters, 1: one edit or a beginning, 2). */
size_t cli_option_suggest(const char *arg, const char **out, size_t max, size_t *score);

#endif
