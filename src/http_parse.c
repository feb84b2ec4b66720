/*
 * src/http_parse.c - resumable, zero-copy HTTP/1.1 response parser.
 *
 * Why it looks like this:
 * - State is offsets only, so the caller may place the struct anywhere and
 *   nothing dangles. Every read is bounded by len; every write (chunk
 *   de-framing) goes to an offset below the current read offset, so it
 *   stays inside buf[0..len) and never touches bytes not yet received.
 * - Everything but body bytes is one complete line at a time (status line,
 *   headers, chunk sizes, the CRLF after chunk data, trailers); the LF
 *   search resumes where it stopped, so feeding byte by byte stays linear.
 * - Headers are not stored: the few the client needs (framing, Connection,
 *   Date, the x-ratelimit TimeLeft) are checked and noted as their line is
 *   read. Names and value words are compared as text, without case.
 * - One state per thing expected next (enum parse_state); every transition
 *   names its target. What a header block said is a set of named flags.
 * - No recursion, no heap, no static buffers.
 */
#include <stddef.h>
#include <string.h>
#include "asc_http.h"
#include "util.h"

/* What the parser expects next (p->state). */
enum parse_state {
    ST_STATUS_LINE,      /* "HTTP/1.x NNN reason" */
    ST_HEADER_LINE,      /* a header line, or the blank line ending the head */
    ST_CHUNK_SIZE_LINE,  /* "hex-size[;extensions]" */
    ST_CHUNK_DATA,       /* p->body_left bytes of chunk data */
    ST_CHUNK_DATA_END,   /* the empty line that ends chunk data */
    ST_TRAILER_LINE,     /* a trailer line, or the blank line ending the body */
    ST_BODY_LENGTH,      /* p->body_left bytes of a Content-Length body */
    ST_BODY_UNTIL_CLOSE, /* body bytes until the peer closes */
    ST_DONE              /* a complete final response; p->end is set */
};
/* asc_http_parser_init zeroes the struct: that is the first state. */
typedef char parse_state_starts_at_zero[(ST_STATUS_LINE == 0) ? 1 : -1];
/* p->state is a uint8_t. */
typedef char parse_state_fits_state_field[(ST_DONE <= UINT8_MAX) ? 1 : -1];

/* What the current response's header block said (p->header_flags; reset
 * by each status line, so an interim response's headers are forgotten). */
enum header_flag {
    FLAG_HTTP11 = 0x01,           /* "HTTP/1.x", x not 0: may be kept alive */
    FLAG_CONTENT_LENGTH = 0x02,   /* a Content-Length; p->body_left holds it */
    FLAG_CHUNKED = 0x04,          /* Transfer-Encoding: chunked */
    FLAG_CONNECTION_CLOSE = 0x08, /* Connection lists "close" */
    FLAG_TIMELEFT = 0x10          /* an x-ratelimit TimeLeft (the longest is in
                                     p->ratelimit_wait_ms) */
};
/* p->header_flags is a uint16_t: the highest flag fits. */
typedef char header_flags_fit_flags_field[(FLAG_TIMELEFT <= 0x8000) ? 1 : -1];

/* p->error keeps a terminal status in a uint8_t, 0 (ASC_OK) meaning none. */
typedef char sticky_status_fits_error_field[
    (ASC_OK == 0 && ASC_E_CLOSED <= UINT8_MAX && ASC_E_HTTP_MALFORMED <= UINT8_MAX &&
     ASC_E_HTTP_HEADERS_TOO_LARGE <= UINT8_MAX && ASC_E_RESPONSE_TOO_LARGE <= UINT8_MAX) ? 1 : -1];

/* The headers the parser reads; every other one is only checked for
 * syntax. */
enum used_header {
    HDR_UNUSED,
    HDR_CONTENT_LENGTH,
    HDR_TRANSFER_ENCODING,
    HDR_CONNECTION,
    HDR_DATE,
    HDR_RATELIMIT /* x-ratelimit-user-api, x-ratelimit-user, x-ratelimit-api */
};

/* Offsets in the status line's fixed part "HTTP/1.x NNN": */
#define STATUS_MINOR_VERSION 7u /* x */
#define STATUS_CODE 9u          /* NNN: 9, 10, 11 */
#define STATUS_CODE_END 12u     /* the byte after NNN; also the part's length */

void asc_http_parser_init(asc_http_parser *p, size_t cap)
{
    if (p != NULL) {
        memset(p, 0, sizeof *p);
        p->cap = cap;
    }
}

#if ASC_ENABLE_PROXY
void asc_http_parser_init_connect(asc_http_parser *p, size_t cap)
{
    asc_http_parser_init(p, cap);
    if (p != NULL) {
        p->connect_answer = true;
    }
}
#endif

/* ---- bytes and words ------------------------------------------------------ */

static bool is_ows(uint8_t c) { return c == ' ' || c == '\t'; }

static bool is_digit(uint8_t c) { return c >= '0' && c <= '9'; }

/* A control byte other than HTAB (never valid in a field or line). */
static bool is_ctl(uint8_t c) { return (c < 0x20u && c != '\t') || c == 0x7fu; }

static bool has_ctl(const uint8_t *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (is_ctl(s[i])) {
            return true;
        }
    }
    return false;
}

#if ASC_STRICT_PARSING
/* RFC 9110 5.6.2 tchar: a byte of a token (header name, chunk extension). */
static bool is_tchar(uint8_t c)
{
    static const char symbols[] = "!#$%&'*+-.^_`|~";
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           memchr(symbols, c, sizeof symbols - 1u) != NULL;
}
#endif

/* ASCII letter c in lowercase; every other byte as it is. */
static uint8_t ascii_lower(uint8_t c)
{
    return (c >= 'A' && c <= 'Z') ? (uint8_t)(c - (uint8_t)'A' + (uint8_t)'a') : c;
}

/* s[0..n) is the text of word, ASCII letters compared without case. */
static bool ascii_equal_nocase(const uint8_t *s, size_t n, const char *word)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (word[i] == '\0' || ascii_lower(s[i]) != ascii_lower((uint8_t)word[i])) {
            return false;
        }
    }
    return word[n] == '\0';
}

/* Which used header the name s[0..n) is, HDR_UNUSED for any other. */
static enum used_header used_header_of(const uint8_t *s, size_t n)
{
    if (ascii_equal_nocase(s, n, "Content-Length")) {
        return HDR_CONTENT_LENGTH;
    }
    if (ascii_equal_nocase(s, n, "Transfer-Encoding")) {
        return HDR_TRANSFER_ENCODING;
    }
    if (ascii_equal_nocase(s, n, "Connection")) {
        return HDR_CONNECTION;
    }
    if (ascii_equal_nocase(s, n, "Date")) {
        return HDR_DATE;
    }
    if (ascii_equal_nocase(s, n, "x-ratelimit-user-api") ||
        ascii_equal_nocase(s, n, "x-ratelimit-user") ||
        ascii_equal_nocase(s, n, "x-ratelimit-api")) {
        return HDR_RATELIMIT;
    }
    return HDR_UNUSED;
}

/* ---- numbers ------------------------------------------------------------- */

/* value * base + digit, or SIZE_MAX when that does not fit (callers treat
 * SIZE_MAX as "too large"; it stays SIZE_MAX). */
static size_t append_digit(size_t value, size_t base, unsigned digit)
{
    return value > (SIZE_MAX - digit) / base ? SIZE_MAX : value * base + digit;
}

/* Number of hex digits s[0..n) starts with; *value is their value
 * (SIZE_MAX when too large). */
static size_t parse_hex_prefix(const uint8_t *s, size_t n, size_t *value)
{
    size_t i, v = 0;
    for (i = 0; i < n && asc_hex_digit_value(s[i]) < 16u; i++) {
        v = append_digit(v, 16u, asc_hex_digit_value(s[i]));
    }
    *value = v;
    return i;
}

/* s[0..n) is one or more decimal digits and nothing else: *value is their
 * value (SIZE_MAX when too large). */
static bool parse_decimal(const uint8_t *s, size_t n, size_t *value)
{
    size_t i, v = 0;
    for (i = 0; i < n; i++) {
        if (!is_digit(s[i])) {
            return false;
        }
        v = append_digit(v, 10u, (unsigned)(s[i] - '0'));
    }
    *value = v;
    return n != 0u;
}

/* ---- field values ---------------------------------------------------------- */

/* Without OWS at either end: *value and *len narrowed. */
static void trim_ows(const uint8_t **value, size_t *len)
{
    while (*len > 0u && is_ows(**value)) {
        (*value)++;
        (*len)--;
    }
    while (*len > 0u && is_ows((*value)[*len - 1u])) {
        (*len)--;
    }
}

/* A field value read as a list: elements end at any byte of separators
 * (or at the end of the value) and are taken without surrounding OWS. A
 * value with k separators has k + 1 elements, empty ones included. */
typedef struct value_list {
    const uint8_t *value;
    size_t len;
    size_t next;            /* where the next element starts; > len: none left */
    const char *separators; /* NUL-terminated */
} value_list;

static bool is_separator(const value_list *list, uint8_t c)
{
    return memchr(list->separators, c, strlen(list->separators)) != NULL;
}

/* The next element of list: *elem and *elem_len, and *ended_by the byte that
 * ended it (0 at the end of the value). False when none is left. */
static bool next_element(value_list *list, const uint8_t **elem, size_t *elem_len,
                         uint8_t *ended_by)
{
    size_t start = list->next, end;
    if (start > list->len) {
        return false;
    }
    for (end = start; end < list->len && !is_separator(list, list->value[end]); end++) {
    }
    *ended_by = end < list->len ? list->value[end] : 0u;
    list->next = end + 1u;
    *elem = list->value + start;
    *elem_len = end - start;
    trim_ows(elem, elem_len);
    return true;
}

/* Content-Length: a list of equal decimal numbers, equal to any earlier
 * Content-Length too (RFC 9110 8.6). */
static asc_status content_length_value(asc_http_parser *p, value_list *list)
{
    const uint8_t *elem;
    size_t elem_len, length;
    uint8_t ended_by;
    while (next_element(list, &elem, &elem_len, &ended_by)) {
        if (!parse_decimal(elem, elem_len, &length) || length == SIZE_MAX ||
            ((p->header_flags & FLAG_CONTENT_LENGTH) != 0u && length != p->body_left)) {
            return ASC_E_HTTP_MALFORMED;
        }
        p->body_left = length;
        p->header_flags |= FLAG_CONTENT_LENGTH;
    }
    return ASC_OK;
}

/* Transfer-Encoding: chunked, once (the library never asks for another
 * coding). Empty list elements are ignored (RFC 9110 5.6.1), but a field
 * with no coding at all is refused: a peer that takes it for "absent" and
 * one that does not would frame the body differently. */
static asc_status transfer_encoding_value(asc_http_parser *p, value_list *list)
{
    const uint8_t *elem;
    size_t elem_len;
    uint8_t ended_by;
    bool coding_seen = false;
    while (next_element(list, &elem, &elem_len, &ended_by)) {
        if (elem_len == 0u) {
            continue;
        }
        if (!ascii_equal_nocase(elem, elem_len, "chunked") ||
            (p->header_flags & FLAG_CHUNKED) != 0u) {
            return ASC_E_HTTP_MALFORMED;
        }
        p->header_flags |= FLAG_CHUNKED;
        coding_seen = true;
    }
    return coding_seen ? ASC_OK : ASC_E_HTTP_MALFORMED;
}

/* Connection: only a "close" element matters. */
static void connection_value(asc_http_parser *p, value_list *list)
{
    const uint8_t *elem;
    size_t elem_len;
    uint8_t ended_by;
    while (next_element(list, &elem, &elem_len, &ended_by)) {
        if (ascii_equal_nocase(elem, elem_len, "close")) {
            p->header_flags |= FLAG_CONNECTION_CLOSE;
        }
    }
}

/* x-ratelimit-*: "Limit:1,Remain:0,TimeLeft:2000,Reset:1234", split at
 * ',', ';' and ':'. A decimal element right after the element "TimeLeft"
 * ended by ':' counts; the longest, clamped to UINT32_MAX, is kept. */
static void ratelimit_value(asc_http_parser *p, value_list *list)
{
    const uint8_t *elem;
    size_t elem_len, ms;
    uint8_t ended_by;
    bool after_timeleft = false;
    while (next_element(list, &elem, &elem_len, &ended_by)) {
        if (after_timeleft && parse_decimal(elem, elem_len, &ms)) {
            uint32_t wait = ms < UINT32_MAX ? (uint32_t)ms : UINT32_MAX;
            if (wait > p->ratelimit_wait_ms) {
                p->ratelimit_wait_ms = wait;
            }
            p->header_flags |= FLAG_TIMELEFT;
        }
        after_timeleft = ascii_equal_nocase(elem, elem_len, "TimeLeft") && ended_by == ':';
    }
}

/* The value value[0..value_len) of a used header of the head. Control
 * bytes are refused in both profiles (lean checks only these values). */
static asc_status used_header_value(asc_http_parser *p, const uint8_t *value,
                                    size_t value_len, enum used_header which)
{
    value_list list;
    asc_status st = ASC_OK;
    if (has_ctl(value, value_len)) {
        return ASC_E_HTTP_MALFORMED;
    }
    list.value = value;
    list.len = value_len;
    list.next = 0;
    list.separators = ",";
    switch (which) {
    case HDR_CONTENT_LENGTH:
        st = content_length_value(p, &list);
        break;
    case HDR_TRANSFER_ENCODING:
        st = transfer_encoding_value(p, &list);
        break;
    case HDR_CONNECTION:
        connection_value(p, &list);
        break;
    case HDR_RATELIMIT:
        list.separators = ",;:";
        ratelimit_value(p, &list);
        break;
    default: /* HDR_DATE: read later by asc_http_header */
        break;
    }
    return st;
}

/* ---- lines ------------------------------------------------------------------- */

/* s[0..n) (n <= STATUS_CODE_END) agrees with the start of "HTTP/1.x NNN":
 * x a digit, NNN three digits, the first 1..5 (RFC 9110 15). */
static bool status_line_start_ok(const uint8_t *s, size_t n)
{
    static const char major[] = "HTTP/1.";
    size_t i;
    for (i = 0; i < n; i++) {
        uint8_t c = s[i];
        bool ok;
        if (i < STATUS_MINOR_VERSION) {
            ok = c == (uint8_t)major[i];
        } else if (i == STATUS_CODE - 1u) { /* between version and code */
            ok = c == ' ';
        } else if (i == STATUS_CODE) {
            ok = c >= '1' && c <= '5';
        } else { /* the minor version and the last two code digits */
            ok = is_digit(c);
        }
        if (!ok) {
            return false;
        }
    }
    return true;
}
typedef char status_major_text_ends_at_minor[
    (sizeof "HTTP/1." - 1u == STATUS_MINOR_VERSION) ? 1 : -1];

/* The byte after the status code in a line longer than "HTTP/1.x NNN":
 * SP before the reason phrase (lean: any byte from HTAB to SP). */
static bool status_code_end_ok(uint8_t c)
{
#if ASC_STRICT_PARSING
    return c == ' ';
#else
    return c >= '\t' && c <= ' ';
#endif
}

#if ASC_STRICT_PARSING
/* The bytes of a status line that have arrived, line[0..arrived) (its CR
 * included): strict refuses garbage before the line is complete. After
 * "HTTP/1.x NNN" comes SP or the line end. */
static bool status_line_so_far_ok(const uint8_t *line, size_t arrived)
{
    if (arrived <= STATUS_CODE_END) {
        return status_line_start_ok(line, arrived);
    }
    return status_line_start_ok(line, STATUS_CODE_END) &&
           (line[STATUS_CODE_END] == ' ' || line[STATUS_CODE_END] == '\r');
}
#endif

/* Status line line[0..len) (without the line end): a fresh response
 * starts. */
static asc_status status_line(asc_http_parser *p, const uint8_t *line, size_t len)
{
    if (len < STATUS_CODE_END || !status_line_start_ok(line, STATUS_CODE_END) ||
        (len > STATUS_CODE_END && !status_code_end_ok(line[STATUS_CODE_END]))) {
        return ASC_E_HTTP_MALFORMED;
    }
    p->status = (uint16_t)((line[STATUS_CODE] - '0') * 100 + (line[STATUS_CODE + 1u] - '0') * 10 +
                           (line[STATUS_CODE + 2u] - '0'));
    /* a fresh header block: what an interim response noted is dropped */
    p->header_flags = line[STATUS_MINOR_VERSION] != '0' ? FLAG_HTTP11 : 0u;
    p->ratelimit_wait_ms = 0;
    p->head_off = p->read_pos; /* the line after this one */
    p->state = ST_HEADER_LINE;
    return ASC_OK;
}

/* A header (in_head) or trailer line line[0..len), len > 0: "name:value".
 * The values of used headers are read; trailers are checked, ignored. */
static asc_status field_line(asc_http_parser *p, const uint8_t *line, size_t len, bool in_head)
{
    size_t name_len;
    enum used_header which;
#if ASC_STRICT_PARSING
    /* the name is a token, right before the ':' */
    for (name_len = 0; name_len < len && is_tchar(line[name_len]); name_len++) {
    }
    if (name_len == 0u || name_len == len || line[name_len] != ':') {
        return ASC_E_HTTP_MALFORMED;
    }
#else
    /* lean: the name is not checked, but must neither start (obs-fold)
     * nor end with a byte <= SP, so no folded line or "Name :" can be
     * taken for, or hide, a used header */
    const uint8_t *colon = (const uint8_t *)memchr(line, ':', len);
    if (colon == NULL || colon == line) {
        return ASC_E_HTTP_MALFORMED;
    }
    name_len = (size_t)(colon - line);
    if (line[0] <= ' ' || line[name_len - 1u] <= ' ') {
        return ASC_E_HTTP_MALFORMED;
    }
#endif
    which = in_head ? used_header_of(line, name_len) : HDR_UNUSED;
    if (which == HDR_UNUSED) {
        return ASC_OK;
    }
    return used_header_value(p, line + name_len + 1u, len - name_len - 1u, which);
}

/* The blank line that ends a head: an interim response's, or the final
 * one's, which chooses how the body is framed. */
static asc_status end_of_head(asc_http_parser *p)
{
    bool reusable;
    unsigned flags = p->header_flags;
    if (p->status < 200u) {
        if (p->status == 101u) {
            return ASC_E_HTTP_MALFORMED; /* we never ask to switch protocols */
        }
        /* 100 Continue, 103 Early Hints...: the final response follows */
        p->block_start = p->read_pos;
        p->state = ST_STATUS_LINE;
        return ASC_OK;
    }
    p->body_off = p->read_pos;
#if ASC_ENABLE_PROXY
    if (p->connect_answer) {
        /* a tunnel, or a refusal whose body nobody reads: done here */
        p->state = ST_DONE;
        p->keep_alive = false;
        return ASC_OK;
    }
#endif
    if (p->status == 204u || p->status == 304u) {
        reusable = true; /* no body, whatever the headers say */
        p->state = ST_DONE;
    } else if ((flags & FLAG_CHUNKED) != 0u) {
        /* chunked wins over a Content-Length (RFC 9112 6.3), but such a
         * response may be an attempt at smuggling: do not reuse */
        reusable = (flags & FLAG_CONTENT_LENGTH) == 0u;
        p->state = ST_CHUNK_SIZE_LINE;
    } else if ((flags & FLAG_CONTENT_LENGTH) != 0u) {
        reusable = true;
        p->state = ST_BODY_LENGTH;
    } else {
        reusable = false; /* the body ends with the connection */
        p->body_left = p->cap - p->read_pos;
        p->state = ST_BODY_UNTIL_CLOSE;
    }
    p->keep_alive = reusable && (flags & FLAG_HTTP11) != 0u &&
                    (flags & FLAG_CONNECTION_CLOSE) == 0u;
    return ASC_OK;
}

#if ASC_STRICT_PARSING
/* Index of the first byte at or after pos in line[0..len) that is not OWS. */
static size_t skip_ows(const uint8_t *line, size_t pos, size_t len)
{
    while (pos < len && is_ows(line[pos])) {
        pos++;
    }
    return pos;
}

/* Index just past the token at line[pos..len); pos when there is none. */
static size_t skip_token(const uint8_t *line, size_t pos, size_t len)
{
    while (pos < len && is_tchar(line[pos])) {
        pos++;
    }
    return pos;
}

/* line[*pos] is '"': moves *pos just past the closing '"' of the
 * quoted-string (RFC 9110 5.6.4: a '\' takes the next byte whatever it
 * is). False when it is not closed on the line. Control bytes were refused
 * for the whole line already. */
static bool skip_quoted_string(const uint8_t *line, size_t len, size_t *pos)
{
    size_t i;
    for (i = *pos + 1u; i < len; i++) {
        if (line[i] == '"') {
            *pos = i + 1u;
            return true;
        }
        if (line[i] == '\\') {
            i++; /* quoted-pair: the next byte is taken as it is */
        }
    }
    return false;
}

/* line[pos..len) is a chunk-ext (RFC 9112 7.1.1), possibly empty:
 *   *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )
 * name a token, value a token or a quoted-string. */
static bool chunk_ext_ok(const uint8_t *line, size_t pos, size_t len)
{
    while (pos < len) {
        size_t name_end, value_end;
        pos = skip_ows(line, pos, len); /* BWS */
        if (pos == len || line[pos] != ';') {
            return false;
        }
        pos = skip_ows(line, pos + 1u, len);
        name_end = skip_token(line, pos, len);
        if (name_end == pos) {
            return false;
        }
        pos = skip_ows(line, name_end, len);
        if (pos == len || line[pos] != '=') {
            pos = name_end; /* no value; what follows must be ";..." */
            continue;
        }
        pos = skip_ows(line, pos + 1u, len);
        if (pos < len && line[pos] == '"') {
            if (!skip_quoted_string(line, len, &pos)) {
                return false; /* not closed */
            }
        } else {
            value_end = skip_token(line, pos, len);
            if (value_end == pos) {
                return false; /* '=' without a value */
            }
            pos = value_end;
        }
    }
    return true;
}
#endif

/* A chunk-size line line[0..len): hex size, then (strict) a chunk-ext
 * (RFC 9112 7.1.1) or (lean) the line end, OWS or ';' right after the
 * digits. Extensions are ignored. */
static asc_status chunk_size_line(asc_http_parser *p, const uint8_t *line, size_t len)
{
    size_t size, pos = parse_hex_prefix(line, len, &size);
    if (pos == 0u || size == SIZE_MAX) {
        return ASC_E_HTTP_MALFORMED;
    }
#if ASC_STRICT_PARSING
    if (!chunk_ext_ok(line, pos, len)) {
        return ASC_E_HTTP_MALFORMED;
    }
#else
    if (pos < len && line[pos] != ';' && !is_ows(line[pos])) {
        return ASC_E_HTTP_MALFORMED;
    }
#endif
    p->body_left = size;
    /* trailers, if they follow, are a block of their own */
    p->block_start = p->read_pos;
    p->state = size != 0u ? ST_CHUNK_DATA : ST_TRAILER_LINE;
    return ASC_OK;
}

#if ASC_STRICT_PARSING
/* The lines of a chunked body (RFC 9112 7.1: chunk-size lines, the line
 * after chunk data, trailer lines and the last line) end with CRLF; a bare
 * LF is tolerated only in the header block (RFC 9112 2.2). */
static bool needs_crlf(unsigned state)
{
    return state == ST_CHUNK_SIZE_LINE || state == ST_CHUNK_DATA_END ||
           state == ST_TRAILER_LINE;
}
#endif

/* The states that read header or trailer lines (limited in bytes). */
static bool in_header_block(unsigned state)
{
    return state == ST_STATUS_LINE || state == ST_HEADER_LINE || state == ST_TRAILER_LINE;
}

/* The next complete line of a line state: ASC_OK when it was taken,
 * ASC_E_NEED_MORE when it has not fully arrived, else an error. */
static asc_status take_line(asc_http_parser *p, const uint8_t *buf, size_t len)
{
    unsigned state = p->state;
    size_t line_off = p->read_pos, line_end, line_len;
    const uint8_t *line = buf + line_off;
    bool ends_with_crlf;
    /* lf_search_from <= len; memchr of 0 bytes finds nothing */
    const uint8_t *lf = (const uint8_t *)memchr(buf + p->lf_search_from, '\n',
                                                len - p->lf_search_from);
    line_end = lf != NULL ? (size_t)(lf - buf) : len;
    p->lf_search_from = line_end;
    if (in_header_block(state) && line_end - p->block_start >= ASC_MAX_RESPONSE_HEADER_BYTES) {
        return ASC_E_HTTP_HEADERS_TOO_LARGE;
    }
    line_len = line_end - line_off; /* what has arrived, CR included */
#if ASC_STRICT_PARSING
    if (state == ST_STATUS_LINE && !status_line_so_far_ok(line, line_len)) {
        return ASC_E_HTTP_MALFORMED;
    }
#endif
    if (lf == NULL) {
        return ASC_E_NEED_MORE;
    }
    ends_with_crlf = line_len > 0u && line[line_len - 1u] == '\r';
    if (ends_with_crlf) {
        line_len--;
    }
#if ASC_STRICT_PARSING
    if (!ends_with_crlf && needs_crlf(state)) {
        return ASC_E_HTTP_MALFORMED;
    }
#endif
    p->read_pos = line_end + 1u;
    p->lf_search_from = p->read_pos;
#if ASC_STRICT_PARSING
    if (has_ctl(line, line_len)) { /* every line: HTAB, SP, VCHAR, obs-text only */
        return ASC_E_HTTP_MALFORMED;
    }
#endif
    switch (state) {
    case ST_STATUS_LINE:
        return status_line(p, line, line_len);
    case ST_HEADER_LINE:
        return line_len == 0u ? end_of_head(p) : field_line(p, line, line_len, true);
    case ST_CHUNK_SIZE_LINE:
        return chunk_size_line(p, line, line_len);
    case ST_CHUNK_DATA_END:
        if (line_len != 0u) {
            return ASC_E_HTTP_MALFORMED;
        }
        p->state = ST_CHUNK_SIZE_LINE;
        return ASC_OK;
    default: /* ST_TRAILER_LINE */
        if (line_len == 0u) {
            p->state = ST_DONE;
            return ASC_OK;
        }
        return field_line(p, line, line_len, false);
    }
}

/* Body bytes of a body state, moved down to the end of the decoded body (a
 * no-op unless chunked): ASC_OK when the state is finished, ASC_E_NEED_MORE
 * when more bytes are to come, ASC_E_RESPONSE_TOO_LARGE when they cannot
 * fit. */
static asc_status take_body_bytes(asc_http_parser *p, uint8_t *buf, size_t len, bool eof)
{
    unsigned state = p->state;
    size_t from = p->read_pos, count = len - from;
    if (p->body_left > p->cap - from) {
        return ASC_E_RESPONSE_TOO_LARGE;
    }
    if (count > p->body_left) {
        count = p->body_left;
    }
    memmove(buf + p->body_off + p->body_len, buf + from, count);
    p->body_len += count;
    p->body_left -= count;
    p->read_pos = from + count;
    p->lf_search_from = p->read_pos;
    if (state == ST_BODY_UNTIL_CLOSE) {
        if (!eof) {
            return ASC_E_NEED_MORE;
        }
        p->state = ST_DONE;
    } else if (p->body_left != 0u) {
        return ASC_E_NEED_MORE;
    } else {
        p->state = state == ST_CHUNK_DATA ? ST_CHUNK_DATA_END : ST_DONE;
    }
    return ASC_OK;
}

static bool is_body_state(unsigned state)
{
    return state == ST_CHUNK_DATA || state == ST_BODY_LENGTH || state == ST_BODY_UNTIL_CLOSE;
}

/* Take everything buf[0..len) allows, state by state. */
static asc_status parse_available(asc_http_parser *p, uint8_t *buf, size_t len, bool eof)
{
    asc_status st = ASC_OK;
    while (st == ASC_OK) {
        if (p->state == ST_DONE) {
            p->end = p->read_pos;
            return ASC_OK;
        }
        st = is_body_state(p->state) ? take_body_bytes(p, buf, len, eof) : take_line(p, buf, len);
    }
    if (st != ASC_E_NEED_MORE) {
        return st;
    }
    if (eof) {
        return ASC_E_CLOSED;
    }
    return len >= p->cap ? ASC_E_RESPONSE_TOO_LARGE : ASC_E_NEED_MORE;
}

asc_status asc_http_parse(asc_http_parser *p, uint8_t *buf, size_t len,
                          bool eof)
{
    asc_status st;
    uint8_t *bytes = buf;
    if (p == NULL) {
        return ASC_E_INVALID_ARG;
    }
    if (p->error != 0u) {
        return (asc_status)p->error;
    }
    if (bytes == NULL) {
        /* An empty buffer may be NULL; nothing is read from it then. */
        bytes = (uint8_t *)p;
        if (len != 0u) {
            return ASC_E_INVALID_ARG;
        }
    }
    if (len > p->cap || len < p->prev_len) {
        return ASC_E_INVALID_ARG;
    }
    p->prev_len = len;
    st = parse_available(p, bytes, len, eof);
    if (st != ASC_E_NEED_MORE) {
        p->error = (uint8_t)st; /* ASC_OK is 0: "no error" */
    }
    return st;
}

/* After ASC_OK, with every pointer argument given. */
static bool complete_with_args(const asc_http_parser *p, const void *buf, const void *out)
{
    return p != NULL && buf != NULL && out != NULL && p->state == ST_DONE;
}

asc_span asc_http_body(const asc_http_parser *p, const uint8_t *buf)
{
    asc_span body = { NULL, 0 };
    if (complete_with_args(p, buf, buf)) {
        body.ptr = (const char *)(buf + p->body_off);
        body.len = p->body_len;
    }
    return body;
}

/* The final response's header lines are buf[head_off..body_off), each
 * ending with LF (the last one is the blank line); the parser checked
 * them: each has a ':' after a non-empty name. Chunk decoding writes only
 * from body_off on, so they are intact. */
bool asc_http_header(const asc_http_parser *p, const uint8_t *buf, const char *name,
                     asc_span *out)
{
    const uint8_t *found = NULL;
    size_t found_len = 0, line_off, i;
    if (!complete_with_args(p, buf, out) || name == NULL) {
        return false;
    }
    line_off = p->head_off;
    for (i = p->head_off; i < p->body_off; i++) {
        if (buf[i] == '\n') {
            const uint8_t *line = buf + line_off;
            size_t len = i - line_off;
            const uint8_t *colon = (const uint8_t *)memchr(line, ':', len);
            if (colon != NULL && ascii_equal_nocase(line, (size_t)(colon - line), name)) {
                found = colon + 1;
                found_len = len - (size_t)(colon - line) - 1u;
                if (found_len > 0u && found[found_len - 1u] == '\r') {
                    found_len--;
                }
            }
            line_off = i + 1u;
        }
    }
    if (found == NULL) {
        return false;
    }
    trim_ows(&found, &found_len);
    if (has_ctl(found, found_len)) {
        return false; /* lean only: strict refused the response */
    }
    out->ptr = (const char *)found;
    out->len = found_len;
    return true;
}

#if ASC_ENABLE_CLOCK_SYNC
bool asc_http_date(const asc_http_parser *p, const uint8_t *buf, asc_span *out)
{
    return asc_http_header(p, buf, "Date", out);
}
#endif

bool asc_http_ratelimit_wait_ms(const asc_http_parser *p, const uint8_t *buf,
                                uint32_t *out_ms)
{
    if (!complete_with_args(p, buf, out_ms) || (p->header_flags & FLAG_TIMELEFT) == 0u) {
        return false;
    }
    *out_ms = p->ratelimit_wait_ms;
    return true;
}
