/*
 * cli_text.h - how the command-line tool prints text it did not write:
 * service text with control bytes escaped, requests and traces with the
 * secret values masked, JSON pretty-printed, and our own JSON.
 */
#ifndef CLI_TEXT_H
#define CLI_TEXT_H

#include <stddef.h>
#include <stdio.h>

/* Text from the service or the network, for a terminal: printable ASCII
 * and valid UTF-8 as they are, except
 *   backslash            -> \\
 *   \n \r \t             -> \n \r \t
 *   other control bytes  -> \u00XX  (ESC is \u001b: no escape sequence
 *                                    reaches the terminal)
 *   C1 controls U+0080..U+009F, bidirectional controls (U+061C, U+200E,
 *   U+200F, U+202A..U+202E, U+2066..U+2069), U+2028, U+2029 -> \uXXXX
 *   bytes that are not UTF-8 -> \xNN */
void cli_put_text(FILE *f, const char *p, size_t n);

/* The next secret value in p[from..n) (a request, a canonical request, a
 * string to sign, a service message): the value after one of
 *   x-acs-accesskey-id:  x-acs-security-token:  Credential=  Signature=
 *   AccessKeyId=  SecurityToken=  AccessKeyId%3D  SecurityToken%3D
 * (names matched case-insensitively, wherever they appear) up to the end of
 * its line, or its separator (, & space, or %26 after the %3D forms).
 * Returns 1 with [*start, *end) the value, 0 when there is none. Masks
 * more rather than less: a parameter value that happens to contain one of
 * these names loses the rest of its text in the output. */
int cli_next_secret(const char *p, size_t n, size_t from, size_t *start, size_t *end);

/* p with every secret value replaced by "****" (all of it shown when
 * show_secrets). escape: 1 writes the rest like cli_put_text, 0 as the raw
 * bytes (the --dry-run request on stdout). */
void cli_put_masked(FILE *f, const char *p, size_t n, int show_secrets, int escape);

/* What cli_put_masked(.., escape 1) prints for p[from..to), into out
 * (NUL-terminated; cut to cap - 1 bytes). *col receives the offset in out
 * where the byte p[at] is shown (from <= at <= to; at == to: the end), and
 * *in_secret whether p[at] lies inside a masked value. Returns the length
 * written to out. Secrets are found over all of p, so a value that starts
 * before `from` is still masked. */
size_t cli_render(const char *p, size_t n, size_t from, size_t to, int show_secrets,
                  size_t at, char *out, size_t cap, size_t *col, int *in_secret);

/* A JSON document pretty-printed (one member per line, tab indent), with
 * control, C1 and bidirectional characters inside strings written as
 * \uXXXX escapes (so the output stays valid JSON). */
void cli_pretty_json(FILE *f, const char *p, size_t n);

/* The string member `key` of the top-level JSON object body[0..n),
 * decoded (escapes resolved, \uXXXX as UTF-8) into out (NUL-terminated,
 * cut to cap - 1 bytes; *cut set when it was cut). Returns 1 when found,
 * 0 when absent, not a string, or the document is not an object. */
int cli_json_member(const char *body, size_t n, const char *key, char *out, size_t cap,
                    size_t *out_len, int *cut);

/* Element `index` (0-based) of the array member `key` of the top-level
 * JSON object body[0..n): its bytes are body[*start, *end). Returns 1 when
 * found, 0 when absent, not an array, too short or not well formed. */
int cli_json_element(const char *body, size_t n, const char *key, size_t index,
                     size_t *start, size_t *end);

/* s[0..n) as a JSON string literal, quotes included. */
void cli_put_json_string(FILE *f, const char *s, size_t n);

/* snprintf that fails (returns 0) when the text does not fit or on an
 * encoding error, instead of cutting it silently; 1 when it fit. */
int cli_format(char *buf, size_t cap, const char *fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

#endif
