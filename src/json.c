/*
 * src/json.c - bind a response body to asc_result. The only file that
 * includes jsmn.
 *
 * Tokenizing: jsmn with parent links, in its strict mode in both profiles.
 * It checks bracket nesting, escape syntax in strings, that object keys are
 * strings and that primitives start like JSON ones (- 0-9 t f n). It does
 * not check the bytes between tokens (`{"a"}`, `{"a":1 "b":2}`, trailing
 * garbage, a second top-level value), the spelling of primitives (`tru`,
 * `01`, `1.`, `-`) or raw bytes in strings, and it stops silently at a NUL
 * byte. The lean profile tokenizes exactly as the strict one does, so both
 * stop at the same byte with the same verdict, running out of scratch
 * tokens included: a body is "too large" or "malformed" whatever the
 * profile. (With jsmn's default mode in lean, `{"x":b,"c":1,"d":2}` with
 * four tokens was "malformed" when strict and "too large" when lean:
 * strict jsmn stopped at the `b`, lean jsmn read on and ran out.)
 *
 * Binding: one walk over the tokens in document order binds the known keys
 * of the top-level object and checks their values. With
 * ASC_STRICT_PARSING the same walk checks every token against RFC 8259
 * first (strict_token_ok): the text between tokens is whitespace plus
 * exactly the expected separator, primitives are true/false/null or a
 * number, strings are valid UTF-8 without control bytes or lone surrogate
 * escapes, and nothing but whitespace follows the object. On any error r
 * is cleared.
 *
 * Tokens live in caller memory (the client passes the unused tail of its
 * work buffer), not on the stack: the token count of a body is unbounded,
 * and no fixed array would fit the stack budget of the call chain.
 */
#include <limits.h>
#include <string.h>
#include "asc_result.h"
#include "util.h"

#define JSMN_STATIC
#define JSMN_STRICT /* both profiles: see "Tokenizing" above */
#define JSMN_PARENT_LINKS
/* jsmn mixes int and unsigned positions; it is third-party code we do not
 * edit, so its conversion warnings are silenced for the include only. */
#if defined(__GNUC__) || defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wsign-conversion"
#endif
#include "jsmn.h"
#if defined(__GNUC__) || defined(__clang__)
#pragma GCC diagnostic pop
#endif

/* ---- the known keys ----------------------------------------------------- */

typedef enum known_key {
    KEY_DATA,
    KEY_SUCCESS,
    KEY_CODE,
    KEY_MESSAGE,
    KEY_REQUEST_ID,
    KEY_HOST_ID,
    KEY_RECOMMEND,
    KEY_COUNT, /* the number of known keys */
    KEY_NONE   /* not a known key */
} known_key;

/* Each known key of the top-level object, with its presence bit. */
static const struct {
    const char *name;
    unsigned present_bit;
} k_keys[KEY_COUNT] = {
    [KEY_DATA] = { "Data", ASC_RESULT_HAS_DATA },
    [KEY_SUCCESS] = { "Success", ASC_RESULT_HAS_SUCCESS },
    [KEY_CODE] = { "Code", ASC_RESULT_HAS_CODE },
    [KEY_MESSAGE] = { "Message", ASC_RESULT_HAS_MESSAGE },
    [KEY_REQUEST_ID] = { "RequestId", ASC_RESULT_HAS_REQUEST_ID },
    [KEY_HOST_ID] = { "HostId", ASC_RESULT_HAS_HOST_ID },
    [KEY_RECOMMEND] = { "Recommend", ASC_RESULT_HAS_RECOMMEND },
};

/* The known key named p[0..n) (exactly, case-sensitive), or KEY_NONE. */
static known_key known_key_named(const char *p, size_t n)
{
    int key;
    for (key = 0; key < (int)KEY_COUNT; key++) {
        if (asc_text_is(p, n, k_keys[key].name)) {
            return (known_key)key;
        }
    }
    return KEY_NONE;
}

/* The text field of r that key binds to (Code and after), and its size. */
static char *text_field(asc_result *r, known_key key, size_t *size)
{
    switch (key) {
    case KEY_CODE:
        *size = sizeof r->code;
        return r->code;
    case KEY_MESSAGE:
        *size = sizeof r->message;
        return r->message;
    case KEY_REQUEST_ID:
        *size = sizeof r->request_id;
        return r->request_id;
    case KEY_HOST_ID:
        *size = sizeof r->host_id;
        return r->host_id;
    default: /* KEY_RECOMMEND */
        *size = sizeof r->recommend;
        return r->recommend;
    }
}

static bool is_decimal_digit(char c) { return c >= '0' && c <= '9'; }

/* ---- strings -------------------------------------------------------------- */

/* The 16-bit value of the four hex digits at p (jsmn let only 0-9 a-f A-F
 * through). */
static uint32_t hex4_value(const char *p)
{
    uint32_t value = 0;
    size_t i;
    for (i = 0; i < 4u; i++) {
        value = value << 4 | asc_hex_digit_value((uint8_t)p[i]);
    }
    return value;
}

/* The character a one-letter escape \c stands for (jsmn let only
 * " \ / b f n r t through). */
static uint32_t escaped_char(char c)
{
    switch (c) {
    case 'b':
        return '\b';
    case 'f':
        return '\f';
    case 'n':
        return '\n';
    case 'r':
        return '\r';
    case 't':
        return '\t';
    default: /* " \ / stand for themselves */
        return (uint32_t)(unsigned char)c;
    }
}

static bool is_high_surrogate(uint32_t u) { return u >= 0xD800u && u <= 0xDBFFu; }
static bool is_low_surrogate(uint32_t u) { return u >= 0xDC00u && u <= 0xDFFFu; }

/*
 * Read the escape at *p, before end, as one code point into *cp and move *p
 * past it. jsmn checked the syntax inside a string token: a backslash is
 * followed by one of " \ / b f n r t, or by u and four hex digits. A
 * \uD800..\uDBFF must be followed at once by a \uDC00..\uDFFF escape: the
 * pair is one code point (RFC 8259, section 7). False for a lone surrogate.
 */
static bool read_escape(const char **p, const char *end, uint32_t *cp)
{
    const char *s = *p;
    uint32_t unit;
    if (s[1] != 'u') {
        *cp = escaped_char(s[1]);
        *p = s + 2;
        return true;
    }
    unit = hex4_value(s + 2);
    s += 6;
    if (is_low_surrogate(unit)) {
        return false;
    }
    if (is_high_surrogate(unit)) {
        uint32_t low;
        if (end - s < 6 || s[0] != '\\' || s[1] != 'u') {
            return false;
        }
        low = hex4_value(s + 2);
        if (!is_low_surrogate(low)) {
            return false;
        }
        unit = 0x10000u + ((unit - 0xD800u) << 10) + (low - 0xDC00u);
        s += 6;
    }
    *cp = unit;
    *p = s;
    return true;
}

/* Write code point cp (at most 0x10FFFF, no surrogate) as UTF-8 into
 * out[0..4); returns its length, 1..4 (RFC 3629, section 3). Not inlined:
 * only escapes need it, the cold path of decode_string(), whose raw-byte
 * loop stays smaller without it (about 50 bytes, make size). */
static ASC_NOINLINE size_t utf8_encode(uint32_t cp, uint8_t out[4])
{
    if (cp < 0x80u) {
        out[0] = (uint8_t)cp;
        return 1;
    }
    if (cp < 0x800u) {
        out[0] = (uint8_t)(0xC0u | (cp >> 6));
        out[1] = (uint8_t)(0x80u | (cp & 0x3Fu));
        return 2;
    }
    if (cp < 0x10000u) {
        out[0] = (uint8_t)(0xE0u | (cp >> 12));
        out[1] = (uint8_t)(0x80u | ((cp >> 6) & 0x3Fu));
        out[2] = (uint8_t)(0x80u | (cp & 0x3Fu));
        return 3;
    }
    out[0] = (uint8_t)(0xF0u | (cp >> 18));
    out[1] = (uint8_t)(0x80u | ((cp >> 12) & 0x3Fu));
    out[2] = (uint8_t)(0x80u | ((cp >> 6) & 0x3Fu));
    out[3] = (uint8_t)(0x80u | (cp & 0x3Fu));
    return 4;
}

#if ASC_STRICT_PARSING
static bool is_utf8_continuation(uint8_t c) { return c >= 0x80u && c <= 0xBFu; }

/*
 * Length 1..4 of the well-formed UTF-8 character at s[0..n), n >= 1, or 0
 * when there is none: a continuation byte first, an overlong form, an
 * encoded surrogate, a code point beyond U+10FFFF, a character cut by the
 * end (the table of RFC 3629, section 4).
 */
static size_t utf8_valid_length(const uint8_t *s, size_t n)
{
    uint8_t lead = s[0], second_min = 0x80u, second_max = 0xBFu;
    size_t len, i;
    if (lead < 0x80u) {
        return 1;
    }
    if (lead >= 0xC2u && lead <= 0xDFu) {
        len = 2;
    } else if (lead >= 0xE0u && lead <= 0xEFu) {
        len = 3;
        if (lead == 0xE0u) {
            second_min = 0xA0u; /* below: overlong */
        } else if (lead == 0xEDu) {
            second_max = 0x9Fu; /* above: a surrogate */
        }
    } else if (lead >= 0xF0u && lead <= 0xF4u) {
        len = 4;
        if (lead == 0xF0u) {
            second_min = 0x90u; /* below: overlong */
        } else if (lead == 0xF4u) {
            second_max = 0x8Fu; /* above: beyond U+10FFFF */
        }
    } else {
        return 0; /* a continuation byte, C0, C1 or F5..FF */
    }
    if (n < len || s[1] < second_min || s[1] > second_max) {
        return 0;
    }
    for (i = 2; i < len; i++) {
        if (!is_utf8_continuation(s[i])) {
            return 0;
        }
    }
    return len;
}
#else
/*
 * Lean: the length of the raw unit at s[0..n), n >= 1, copied unchecked: a
 * byte below 0x80 alone; a byte from 0x80 with the bytes it announces (a
 * byte from 0xE0 announces three in all, from 0xF0 four, any other two),
 * but never a backslash: it starts an escape jsmn checked, and the decoder
 * must read escapes where jsmn did. 0 when the string ends before the
 * announced length.
 */
static size_t raw_unit_length(const uint8_t *s, size_t n)
{
    size_t announced, len;
    if (s[0] < 0x80u) {
        return 1;
    }
    if (s[0] >= 0xF0u) {
        announced = 4;
    } else if (s[0] >= 0xE0u) {
        announced = 3;
    } else {
        announced = 2;
    }
    if (announced > n) {
        return 0;
    }
    len = 1;
    while (len < announced && s[len] != '\\') {
        len++;
    }
    return len;
}
#endif

typedef enum string_result {
    STRING_COPIED, /* all of it fitted */
    STRING_CUT,    /* the characters that fitted, then the NUL */
    STRING_INVALID
} string_result;

/*
 * Decode the contents s[0..n) of a jsmn string token into out[0..size),
 * size >= 1, NUL-terminated. Characters are written whole, up to the first
 * one that does not fit; the rest is still checked. Invalid: a raw control
 * byte, a lone surrogate escape, a character cut by the end of the string
 * or (ASC_STRICT_PARSING) any other invalid UTF-8. Lean copies raw bytes
 * unchecked, in the units their first byte announces (raw_unit_length).
 */
static ASC_NOINLINE string_result decode_string(const char *s, size_t n, char *out, size_t size)
{
    const char *end = s + n;
    size_t used = 0;
    bool cut = false;
    while (s < end) {
        uint8_t encoded[4];
        const uint8_t *bytes;
        size_t len;
        if (*s == '\\') {
            uint32_t cp;
            if (!read_escape(&s, end, &cp)) {
                return STRING_INVALID;
            }
            len = utf8_encode(cp, encoded);
            bytes = encoded;
        } else {
            bytes = (const uint8_t *)s;
            if (bytes[0] < 0x20u) {
                return STRING_INVALID; /* a raw control byte */
            }
#if ASC_STRICT_PARSING
            len = utf8_valid_length(bytes, (size_t)(end - s));
#else
            len = raw_unit_length(bytes, (size_t)(end - s));
#endif
            if (len == 0u) {
                return STRING_INVALID;
            }
            s += len;
        }
        if (!cut && len < size - used) { /* room for it and the NUL */
            memcpy(out + used, bytes, len);
            used += len;
        } else {
            cut = true;
        }
    }
    out[used] = '\0';
    return cut ? STRING_CUT : STRING_COPIED;
}

/* ---- strict checks (ASC_STRICT_PARSING) ------------------------------------ */

#if ASC_STRICT_PARSING

/* The index of the first non-digit of p[i..n), or n. */
static size_t skip_digits(const char *p, size_t n, size_t i)
{
    while (i < n && is_decimal_digit(p[i])) {
        i++;
    }
    return i;
}

/* p[0..n), n >= 1, is an RFC 8259 number:
 * [ "-" ] ( "0" / 1-9 *DIGIT ) [ "." 1*DIGIT ] [ ( "e" / "E" ) [ "+" / "-" ] 1*DIGIT ] */
static ASC_NOINLINE bool is_json_number(const char *p, size_t n)
{
    size_t i = p[0] == '-' ? 1u : 0u;
    size_t j = skip_digits(p, n, i);
    if (j == i || (p[i] == '0' && j > i + 1u)) {
        return false; /* no integer part, or a leading zero */
    }
    if (j < n && p[j] == '.') {
        i = j + 1u;
        j = skip_digits(p, n, i);
        if (j == i) {
            return false;
        }
    }
    if (j < n && (p[j] == 'e' || p[j] == 'E')) {
        i = j + 1u;
        if (i < n && (p[i] == '+' || p[i] == '-')) {
            i++;
        }
        j = skip_digits(p, n, i);
        if (j == i) {
            return false;
        }
    }
    return j == n;
}

static bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

#define NO_SEPARATOR '\0'

/*
 * The text js[from..to) between two tokens (or after the last one) is
 * whitespace and closing brackets, then exactly one separator (none when
 * NO_SEPARATOR), then whitespace. The brackets are the containers jsmn
 * closed there (it pairs every bracket with an open container), so only
 * their place needs checking: never after a separator.
 */
static bool between_tokens_ok(const char *js, size_t from, size_t to, char separator)
{
    bool separator_seen = false;
    for (; from < to; from++) {
        char c = js[from];
        if (is_json_space(c)) {
            continue;
        }
        if (!separator_seen && (c == ']' || c == '}')) {
            continue;
        }
        if (!separator_seen && separator != NO_SEPARATOR && c == separator) {
            separator_seen = true;
            continue;
        }
        return false;
    }
    return separator_seen || separator == NO_SEPARATOR;
}

/*
 * The strict checks of token i: the text before it, the spelling of a
 * primitive, the shape jsmn lets through, that a string decodes. *text_end
 * is where the previous token's text ended (just inside a container's
 * opening bracket); it moves to where this token's text ends.
 */
static ASC_NOINLINE bool strict_token_ok(const char *js, const jsmntok_t *t, int i,
                                         size_t *text_end)
{
    const jsmntok_t *tok = &t[i];
    const char *text = js + tok->start;
    size_t len = (size_t)(tok->end - tok->start);
    bool is_string = tok->type == JSMN_STRING;
    int parent = tok->parent;
    char separator;
    char dummy;

    if (parent < 0) {
        if (i > 0) {
            return false; /* a second top-level value */
        }
        separator = NO_SEPARATOR;
    } else if (t[parent].type == JSMN_STRING) {
        separator = ':'; /* the value of a key */
    } else if (parent == i - 1) {
        separator = NO_SEPARATOR; /* first in its object or array */
    } else {
        separator = ',';
    }
    /* a string token starts after its opening quote */
    if (!between_tokens_ok(js, *text_end, (size_t)tok->start - (is_string ? 1u : 0u),
                           separator)) {
        return false;
    }
    switch (tok->type) {
    case JSMN_OBJECT:
    case JSMN_ARRAY:
        *text_end = (size_t)tok->start + 1u;
        return true;
    case JSMN_PRIMITIVE:
        *text_end = (size_t)tok->end;
        return tok->size == 0 && (asc_text_is(text, len, "true") || asc_text_is(text, len, "false") ||
                                  asc_text_is(text, len, "null") || is_json_number(text, len));
    default: /* JSMN_STRING; its parent exists: token 0 is an object */
        *text_end = (size_t)tok->end + 1u;
        if (t[parent].type == JSMN_OBJECT) {
            /* a key: exactly one child, its value, inside the object (jsmn
             * also takes a ':' value after the object's end) */
            if (tok->size != 1 || tok[1].start >= t[parent].end) {
                return false;
            }
        } else if (tok->size != 0) {
            return false; /* a value with a child: `["a":1]`, `{"a":"b":1}` */
        }
        /* decoded into one byte: only the verdict is kept */
        return decode_string(text, len, &dummy, 1u) != STRING_INVALID;
    }
}
#endif

/* ---- binding -------------------------------------------------------------- */

/* p[0..n) consists of the characters of a number (lean accepts a Code
 * number by this; strict has checked its spelling already). */
static bool number_chars_only(const char *p, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        char c = p[i];
        if (!is_decimal_digit(c) && c != '+' && c != '-' && c != '.' && c != 'e' && c != 'E') {
            return false;
        }
    }
    return true;
}

/* Bind a string value of a text key: decoded, cut to fit. */
static asc_status bind_text(asc_result *r, known_key key, const char *text, size_t len)
{
    size_t size;
    char *field = text_field(r, key, &size);
    switch (decode_string(text, len, field, size)) {
    case STRING_INVALID:
        return ASC_E_JSON;
    case STRING_CUT:
        r->truncated = true;
        break;
    default:
        break;
    }
    r->present |= k_keys[key].present_bit;
    return ASC_OK;
}

/* Bind the value of Data or Success: a boolean, or the string "true" or
 * "false" (some services send those). */
static asc_status bind_boolean(asc_result *r, known_key key, const char *text, size_t len,
                               unsigned flags)
{
    bool value;
    if (asc_text_is(text, len, "true")) {
        value = true;
    } else if (asc_text_is(text, len, "false")) {
        value = false;
    } else {
        /* with ASC_BIND_DATA_ANY, Data may be of any type (raw text only) */
        return key == KEY_DATA && (flags & ASC_BIND_DATA_ANY) != 0u ? ASC_OK : ASC_E_JSON;
    }
    if (key == KEY_DATA) {
        r->data = value;
    } else {
        r->success = value;
    }
    r->present |= k_keys[key].present_bit;
    return ASC_OK;
}

/* Bind token value, the value of a known key. */
static asc_status bind_known_value(asc_result *r, const char *js, const jsmntok_t *value,
                                   known_key key, unsigned flags)
{
    const char *text = js + value->start;
    size_t len = (size_t)(value->end - value->start);
    bool is_string = value->type == JSMN_STRING;

    if (key == KEY_DATA) {
        /* the raw JSON text of Data, whatever its type (a string with its
         * quotes) */
        r->data_json.ptr = is_string ? text - 1 : text;
        r->data_json.len = is_string ? len + 2u : len;
    }
    if (!is_string && asc_text_is(text, len, "null")) {
        return ASC_OK; /* null counts as absent */
    }
    switch (key) {
    case KEY_DATA:
    case KEY_SUCCESS:
        return bind_boolean(r, key, text, len, flags);
    case KEY_CODE:
        /* a string, or a number copied as text */
        if (!is_string && !(value->type == JSMN_PRIMITIVE && number_chars_only(text, len))) {
            return ASC_E_JSON;
        }
        return bind_text(r, key, text, len);
    default: /* the other text keys: a string */
        return is_string ? bind_text(r, key, text, len) : ASC_E_JSON;
    }
}

/* C99 has no alignof: a member after a char sits at its type's alignment. */
typedef struct token_alignment {
    char c;
    jsmntok_t token;
} token_alignment;
#define TOKEN_ALIGNMENT offsetof(token_alignment, token)

/* jp and tokens are never NULL (js is when len is 0): the attribute lets
 * the compiler drop jsmn's token-counting mode (tokens == NULL). */
#if defined(__GNUC__) || defined(__clang__)
#define ASC_NONNULL __attribute__((nonnull(1, 4)))
#else
#define ASC_NONNULL
#endif

static ASC_NOINLINE ASC_NONNULL int tokenize(jsmn_parser *jp, const char *js, size_t len,
                                             jsmntok_t *tokens, unsigned count)
{
    jsmn_init(jp);
    return jsmn_parse(jp, js, len, tokens, count);
}

/* Tokenize js[0..len) into scratch, check it and bind the known keys into r
 * (cleared by the caller). */
static asc_status parse_and_bind(asc_result *r, const char *js, size_t len, unsigned flags,
                                 void *scratch, size_t scratch_len)
{
    jsmn_parser jp;
    jsmntok_t *t;
    size_t misalignment, pad, count;
    unsigned seen = 0; /* present bits of the known keys met so far */
    known_key pending = KEY_NONE; /* the key whose value is the next token */
    int n, i;
#if ASC_STRICT_PARSING
    size_t text_end = 0;
#endif

    if (js == NULL && len > 0u) {
        return ASC_E_INVALID_ARG;
    }
    if (scratch == NULL) {
        return ASC_E_RESPONSE_TOO_LARGE;
    }
    misalignment = (uintptr_t)scratch % TOKEN_ALIGNMENT;
    pad = misalignment == 0u ? 0u : TOKEN_ALIGNMENT - misalignment;
    if (len > (size_t)INT_MAX - 1u || scratch_len < pad + sizeof(jsmntok_t)) {
        return ASC_E_RESPONSE_TOO_LARGE; /* INT_MAX: jsmn positions are ints */
    }
    t = (jsmntok_t *)(void *)((unsigned char *)scratch + pad);
    count = (scratch_len - pad) / sizeof(jsmntok_t);
#if SIZE_MAX > UINT_MAX
    if (count > UINT_MAX) {
        count = UINT_MAX; /* jsmn counts in unsigned */
    }
#endif
    n = tokenize(&jp, js, len, t, (unsigned)count);
    if (n == JSMN_ERROR_NOMEM) {
        return ASC_E_RESPONSE_TOO_LARGE;
    }
    if (n < 1 || t[0].type != JSMN_OBJECT) {
        return ASC_E_JSON;
    }
    for (i = 0; i < n; i++) {
        const jsmntok_t *tok = &t[i];
#if ASC_STRICT_PARSING
        if (!strict_token_ok(js, t, i, &text_end)) {
            return ASC_E_JSON;
        }
#endif
        if (pending != KEY_NONE) {
            asc_status st = bind_known_value(r, js, tok, pending, flags);
            if (st != ASC_OK) {
                return st;
            }
            pending = KEY_NONE;
        } else if (tok->parent == 0) {
            /* a key of the top-level object (jsmn strict: a string) */
            known_key key = known_key_named(js + tok->start, (size_t)(tok->end - tok->start));
            if (key != KEY_NONE) {
                if (tok->size != 1 || tok[1].start >= t[0].end) {
                    return ASC_E_JSON; /* no value, two, or one after the object */
                }
                if ((seen & k_keys[key].present_bit) != 0u) {
                    return ASC_E_JSON; /* a known key twice: ambiguous */
                }
                seen |= k_keys[key].present_bit;
                pending = key;
            }
        }
    }
#if ASC_STRICT_PARSING
    if (!between_tokens_ok(js, text_end, len, NO_SEPARATOR)) {
        return ASC_E_JSON; /* anything but whitespace after the object */
    }
#endif
    return ASC_OK;
}

/* The response reports an error: a status other than 2xx, a Code other
 * than "200", or Success false. */
static bool reports_error(const asc_result *r, int http_status)
{
    bool http_ok = http_status >= 200 && http_status <= 299;
    bool code_ok = (r->present & ASC_RESULT_HAS_CODE) == 0u || strcmp(r->code, "200") == 0;
    bool success_ok = (r->present & ASC_RESULT_HAS_SUCCESS) == 0u || r->success;
    return !(http_ok && code_ok && success_ok);
}

size_t asc_json_token_size(void) { return sizeof(jsmntok_t); }

void asc_result_clear(asc_result *r)
{
    if (r != NULL) {
        memset(r, 0, sizeof *r);
        r->error = ASC_ERR_NONE;
    }
}

asc_status asc_result_bind(asc_result *r, asc_span body, int http_status,
                           unsigned flags, void *scratch, size_t scratch_len)
{
    asc_status st;
    if (r == NULL) {
        return ASC_E_INVALID_ARG;
    }
    asc_result_clear(r);
    st = parse_and_bind(r, body.ptr, body.len, flags, scratch, scratch_len);
    if (st != ASC_OK) {
        asc_result_clear(r);
    } else if (reports_error(r, http_status)) {
        /* no Code ("" maps to ASC_ERR_NONE), or Code "200" with a failure
         * otherwise: ASC_ERR_UNKNOWN */
        asc_error_code e = asc_error_code_from(asc_span_from_str(r->code));
        r->error = e == ASC_ERR_NONE ? ASC_ERR_UNKNOWN : e;
    }
    r->http_status = http_status;
    r->body = body;
    return st;
}
