/*
 * asc_http.h - zero-copy, resumable HTTP/1.1 response parser.
 *
 * The caller owns one byte buffer buf[0..cap). It receives bytes into
 * buf[len..cap), then calls asc_http_parse(p, buf, len, eof) again with the
 * new total; len never shrinks and the buffer never moves between calls.
 * The parser keeps only offsets and a little state in the caller-placed
 * asc_http_parser (no pointers into buf), so it is safe to copy or to place
 * anywhere.
 *
 * It reads only buf[0..len) and writes only there: a chunked body is
 * decoded IN PLACE, made contiguous right after the header block (bytes of
 * buf that were already consumed are overwritten; bytes at or past len
 * never are). The header block of the final response is left intact:
 * headers are not copied or indexed; asc_http_header() finds one in it
 * when asked (the parser keeps only where the block starts, and the
 * x-ratelimit TimeLeft it reads as the lines pass).
 *
 * Handles: status line "HTTP/1.x NNN reason" (reason may be empty; any
 * x but 0 is treated as 1.1); 1xx interim responses (100 Continue, ...)
 * skipped; header names and the value words the parser looks for
 * (chunked, close, TimeLeft) compared as text, ASCII letters without case;
 * optional whitespace around values; CRLF or bare LF line ends (strict:
 * CRLF in a chunked body, see below); Content-Length (a comma list or
 * repeated header with equal values is accepted, disagreeing values are
 * not); Transfer-Encoding: chunked (extensions ignored, trailers validated
 * and skipped; chunked wins over a Content-Length, and then the connection
 * is not reused); a body delimited by connection close when neither is
 * present; 204/304 have no body. keep_alive is true only for an HTTP/1.1
 * response without a "close" element in Connection and with a body framed
 * by Content-Length or chunked alone (or none, 204/304); an HTTP/1.0
 * response is never kept alive ("Connection: keep-alive" is not looked
 * at). Not supported (ASC_E_HTTP_MALFORMED):
 * obsolete line folding, any transfer coding other than chunked, a
 * Transfer-Encoding field without any coding ("Transfer-Encoding:" or only
 * commas: a peer that takes it for absent and one that does not would
 * frame the body differently), 101 Switching Protocols, HTTP/2+, a
 * Content-Length or chunk size of SIZE_MAX or more. Responses to HEAD
 * requests are not supported (the library sends none).
 *
 * ASC_STRICT_PARSING (asc_config.h) 1: every line is checked: no control
 * byte but HTAB anywhere (bare CR included), header and trailer names are
 * tokens, the status line is rejected as soon as its first bytes are not
 * "HTTP/1.x NNN" (then SP or the line end); every line of a chunked body
 * (chunk sizes, the line after chunk data, trailers, the last empty line)
 * ends with CRLF (RFC 9112 7.1; a bare LF is taken in the header block
 * only, RFC 9112 2.2); a chunk size is followed by nothing or by chunk
 * extensions as RFC 9112 7.1.1 spells them,
 *     *( OWS ";" OWS token [ OWS "=" OWS ( token / quoted-string ) ] )
 * (so "2;", "2 ", "2;a=" and an unclosed quoted value are refused).
 * 0 (lean): the status line is checked when complete (before that, garbage
 * without LF ends as ASC_E_CLOSED or a too-large error, not MALFORMED), and
 * the byte after the status code may be any byte from HTAB to SP (strict: SP
 * or the line end); reason phrase, chunk extensions and the names and
 * values of headers and trailers the parser does not use are not checked,
 * except that a header or trailer line needs a ':' and a name that neither
 * starts nor ends with a byte <= SP (so no folded line or "Name :" can hide
 * a used header); a chunk size needs its digits followed by the line end,
 * OWS or ';'; bare LF line ends are taken everywhere.
 * The values of the headers it uses (Content-Length, Transfer-Encoding,
 * Connection, Date, x-ratelimit-*) are checked alike in both: a control
 * byte in one is ASC_E_HTTP_MALFORMED. On every response the strict parser
 * accepts, the lean one gives the identical result.
 *
 * Example:
 *
 *     asc_http_parser hp;
 *     size_t len = 0;
 *     asc_http_parser_init(&hp, cap);
 *     for (;;) {
 *         size_t n; bool eof;
 *         receive(buf + len, cap - len, &n, &eof);  // n may be 0 at EOF
 *         len += n;
 *         st = asc_http_parse(&hp, buf, len, eof);
 *         if (st != ASC_E_NEED_MORE) break;
 *     }
 *     if (st == ASC_OK) { asc_span body = asc_http_body(&hp, buf); ... }
 */
#ifndef ASC_HTTP_H
#define ASC_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "asc_config.h"
#include "asc_status.h"
#include "asc_types.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Parser state. Fields are documented for reading after ASC_OK; treat
 *  everything else as private. */
typedef struct asc_http_parser {
    uint16_t status;   /**< status code of the final response (100..599) */
    bool keep_alive;   /**< after ASC_OK: the connection may be reused */
    uint8_t state;     /* private: what is expected next */
    uint8_t error;     /* private: sticky terminal status (asc_status), 0 = none */
    bool connect_answer; /* private: asc_http_parser_init_connect */
    size_t cap;        /**< buffer capacity given to init */
    size_t prev_len;   /**< len of the previous call (len may not shrink) */
    size_t read_pos;   /* private: start of the current line / next body byte */
    size_t lf_search_from; /* private: where the search for the next LF resumes */
    size_t block_start; /* private: start of the current header or trailer
                           block (the status line included), for the limit */
    size_t body_off;   /**< offset of the (decoded) body */
    size_t body_len;   /**< body length (complete after ASC_OK) */
    size_t end;        /**< offset just past the raw response (after ASC_OK);
                            bytes in [end, len) belong to no response */
    /* Per response (reset by each status line, so an interim response's
     * headers are forgotten); private but ratelimit_wait_ms: */
    uint16_t header_flags; /* what the header block said (FLAG_* in http_parse.c) */
    uint32_t ratelimit_wait_ms; /**< after ASC_OK: what asc_http_ratelimit_wait_ms
                                     reports, 0 when it reports false */
    size_t body_left;  /* Content-Length / chunk bytes still to come */
    size_t head_off;   /* first header line of the final response (its
                          header block is buf[head_off..body_off)) */
} asc_http_parser;

/** Prepare p for a new response in a buffer of cap bytes (offsets, so the
 *  same buffer must be used for every call). cap 0 is allowed (every
 *  response is then too large). */
void asc_http_parser_init(asc_http_parser *p, size_t cap);

#if ASC_ENABLE_PROXY
/**
 * Like asc_http_parser_init, for a proxy's answer to CONNECT (asc_proxy.h):
 * the final response ends with the blank line after its headers, whatever
 * its status and framing headers say. After a 2xx the connection is a
 * tunnel from that byte on (RFC 9112 6.3: Content-Length and
 * Transfer-Encoding are ignored); the body of a refusal is not read (the
 * caller closes the connection). After ASC_OK: body_len 0, end ==
 * body_off, keep_alive false, asc_http_header() works as usual.
 * (Built with ASC_ENABLE_PROXY only, asc_config.h.)
 */
void asc_http_parser_init_connect(asc_http_parser *p, size_t cap);
#endif

/**
 * Parse what has arrived in buf[0..len); eof is true when the peer has
 * closed (no more bytes will ever come). Call again with a larger len after
 * ASC_E_NEED_MORE. Errors are terminal: further calls return the same
 * status (and the connection must not be reused).
 *
 * Returns:
 *  ASC_OK                       a complete final response: status, body_off,
 *                               body_len, keep_alive, end are valid. Further
 *                               calls keep returning ASC_OK.
 *  ASC_E_NEED_MORE              incomplete; receive more (only when !eof and
 *                               len < cap).
 *  ASC_E_CLOSED                 eof before the response was complete (a
 *                               close-delimited body is complete at eof).
 *  ASC_E_HTTP_MALFORMED         bad status line, header syntax, Content-Length
 *                               (non-digits, overflow, disagreeing duplicates),
 *                               Transfer-Encoding, chunk framing or chunk-size
 *                               overflow; bytes before the status line.
 *  ASC_E_HTTP_HEADERS_TOO_LARGE a header block (or the trailers) longer than
 *                               ASC_MAX_RESPONSE_HEADER_BYTES (the number of
 *                               lines is not limited).
 *  ASC_E_RESPONSE_TOO_LARGE     the response cannot fit in cap bytes: known
 *                               early from Content-Length or a chunk size,
 *                               otherwise when the buffer is full (len == cap)
 *                               and the response is still incomplete. For a
 *                               chunked body the raw (framed) bytes must fit.
 *  ASC_E_INVALID_ARG            p NULL, buf NULL with len > 0, len > cap, or
 *                               len smaller than in the previous call (not
 *                               sticky).
 */
ASC_NODISCARD asc_status asc_http_parse(asc_http_parser *p, uint8_t *buf,
                                        size_t len, bool eof);

/** The body after ASC_OK (points into buf). Empty span before that. */
asc_span asc_http_body(const asc_http_parser *p, const uint8_t *buf);

/**
 * The value of header `name` in the final response's header block: name
 * compared as text, ASCII letters without case (NUL-terminated, e.g.
 * "Server", "Location", "Retry-After"); the value without the whitespace
 * (SP, HTAB) around it, pointing into buf (valid while buf is, and until
 * the buffer is reused). When the field is repeated, the LAST line named
 * so counts (values of repeated lines are not joined into a list).
 * Headers of interim 1xx responses and trailers of a chunked body are never
 * returned. Returns false when there is no such header, when the response
 * is not complete (ASC_OK not yet returned), when an argument is NULL, or
 * (lean profile only: ASC_STRICT_PARSING refuses such a response) when that
 * value contains a control byte other than HTAB. An empty value is found
 * (out->len 0).
 */
bool asc_http_header(const asc_http_parser *p, const uint8_t *buf, const char *name,
                     asc_span *out);

/**
 * The Date header of the final response: asc_http_header(p, buf, "Date",
 * out), same contract (the last Date line counts).
 */
bool asc_http_date(const asc_http_parser *p, const uint8_t *buf, asc_span *out);
/* (built with ASC_ENABLE_CLOCK_SYNC only, asc_config.h) */

/**
 * The longest TimeLeft (milliseconds) among the x-ratelimit-user-api,
 * x-ratelimit-user and x-ratelimit-api headers of the final response, e.g.
 * "Limit:1,Remain:0,TimeLeft:2000,Reset:1234": the value is split at ',',
 * ';' and ':' (whitespace around the parts ignored); a part that is a
 * decimal number and follows the part "TimeLeft" (any case) and a ':'
 * counts, values above UINT32_MAX are clamped. Returns false when there is none, when the
 * response is not complete or when an argument is NULL.
 */
bool asc_http_ratelimit_wait_ms(const asc_http_parser *p, const uint8_t *buf,
                                uint32_t *out_ms);

#ifdef __cplusplus
}
#endif
#endif /* ASC_HTTP_H */
