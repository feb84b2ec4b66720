/*
 * asc_result.h - the outcome of one API call, bound from the JSON body of
 * the response, and the table of documented error codes.
 *
 * No heap: every text field is a fixed-size array inside the struct, always
 * NUL-terminated; a value that does not fit is cut on a UTF-8 character
 * boundary and `truncated` is set. The raw body stays available as a span
 * (into the caller's work buffer) for generic callers that want more than
 * the common fields.
 *
 * Example:
 *
 *     asc_result r;
 *     asc_status st = asc_result_bind(&r, body, 400, 0, scratch, scratch_len);
 *     if (st == ASC_OK && r.error == ASC_ERR_IMAGE_NOT_EXIST) { ... }
 */
#ifndef ASC_RESULT_H
#define ASC_RESULT_H

#include <stdbool.h>
#include <stddef.h>
#include "asc_config.h"
#include "asc_status.h"
#include "asc_types.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Error codes the service documents for DeleteImage (API reference, section
 * 1) and the gateway codes every call can meet (section 5). Values are
 * stable: new ones are appended. asc_error_code_from() maps the `Code` text;
 * anything not listed gives ASC_ERR_UNKNOWN (the text stays in
 * asc_result.code).
 */
typedef enum asc_error_code {
    ASC_ERR_NONE = 0,        /**< no error (success body) */
    ASC_ERR_UNKNOWN,         /**< a Code this library does not know */
    /* DeleteImage */
    ASC_ERR_INTERNAL_ERROR,                      /**< InternalError */
    ASC_ERR_IMAGE_NOT_EXIST,                     /**< Image.NotExist */
    ASC_ERR_IMAGE_DELETE_NOT_ALLOW,              /**< ImageDeleteFailed.NotAllow */
    ASC_ERR_IMAGE_DELETE_NOT_ALLOW_COMMUNITY_PARENT, /**< ImageDeleteFailed.NotAllowCommunityParent */
    ASC_ERR_IMAGE_DELETE_NOT_ALLOW_SHARED_IMAGE, /**< ImageDeleteFailed.NotAllowSharedImage */
    ASC_ERR_IMAGE_NOT_ALLOW_DELETE,              /**< ImageNotAllowDelete */
    ASC_ERR_IMAGE_IS_CREATING,                   /**< InvalidImageOperation.ImageIsCreating */
    ASC_ERR_DELETE_TEMPLATE_FAILED,              /**< DeleteTemplate.Failed */
    ASC_ERR_QUERY_TEMPLATE_FAILED,               /**< QueryTemplate.Failed */
    ASC_ERR_TEMPLATE_NOT_FOUND,                  /**< InvalidTemplate.NotFound */
    ASC_ERR_IMAGE_DELETE_HAS_SHARED_IMAGE,       /**< ImageDeleteFailed.HasSharedImage */
    ASC_ERR_SERVICE_UNAVAILABLE,                 /**< ServiceUnavailable */
    /* Gateway */
    ASC_ERR_SIGNATURE_DOES_NOT_MATCH,   /**< SignatureDoesNotMatch */
    ASC_ERR_INCOMPLETE_SIGNATURE,       /**< IncompleteSignature */
    ASC_ERR_TIMESTAMP_EXPIRED,          /**< InvalidTimeStamp.Expired */
    ASC_ERR_TIMESTAMP_FORMAT,           /**< InvalidTimeStamp.Format */
    ASC_ERR_SIGNATURE_NONCE_USED,       /**< SignatureNonceUsed */
    ASC_ERR_ACCESS_KEY_NOT_FOUND,       /**< InvalidAccessKeyId.NotFound */
    ASC_ERR_ACCESS_KEY_INACTIVE,        /**< InvalidAccessKeyId.Inactive */
    ASC_ERR_THROTTLING,                 /**< Throttling, and any other Throttling.* */
    ASC_ERR_THROTTLING_USER,            /**< Throttling.User */
    ASC_ERR_THROTTLING_API,             /**< Throttling.Api */
    ASC_ERR_FORBIDDEN_RAM,              /**< Forbidden.RAM */
    ASC_ERR_API_NOT_FOUND,              /**< InvalidApi.NotFound */
    ASC_ERR_MISSING_PARAMETER,          /**< any Missing<Param> */
    ASC_ERR_INVALID_PARAMETER           /**< any Invalid<Param> not listed above */
} asc_error_code;

/** Number of asc_error_code values (for tables and tests). */
#define ASC_ERR_COUNT_ ((int)ASC_ERR_INVALID_PARAMETER + 1)

/**
 * Map a service `Code` text to its enum value. A documented code is
 * recognised only by its exact whole text, compared byte for byte
 * (case-sensitive; no hash): a text that is not one of them never gets a
 * documented code's value, except the family rule for "Throttling.*".
 * Then the families, by exact prefix: "Throttling.*" -> ASC_ERR_THROTTLING, "Missing*" ->
 * ASC_ERR_MISSING_PARAMETER, "Invalid*" -> ASC_ERR_INVALID_PARAMETER
 * ("Missing" / "Invalid" alone are not a family). Empty text or a NULL ptr
 * -> ASC_ERR_NONE; anything else -> ASC_ERR_UNKNOWN. Never reads past
 * code.len. (There is no enum -> text function; asc_result.code keeps the
 * text the service sent.)
 */
asc_error_code asc_error_code_from(asc_span code);

/** True when the call is worth repeating unchanged (with backoff): any HTTP
 *  5xx or 429, InternalError, ServiceUnavailable and every Throttling code.
 *  Clock (InvalidTimeStamp.Expired) and nonce errors are not "retryable"
 *  here: the client handles them by re-signing. */
bool asc_error_is_retryable(asc_error_code code, int http_status);

/** True for ASC_ERR_THROTTLING / _USER / _API (honour TimeLeft). */
bool asc_error_is_throttling(asc_error_code code);

/** Presence bits of asc_result.present. */
#define ASC_RESULT_HAS_DATA       0x01u
#define ASC_RESULT_HAS_SUCCESS    0x02u
#define ASC_RESULT_HAS_CODE       0x04u
#define ASC_RESULT_HAS_MESSAGE    0x08u
#define ASC_RESULT_HAS_REQUEST_ID 0x10u
#define ASC_RESULT_HAS_HOST_ID    0x20u
#define ASC_RESULT_HAS_RECOMMEND  0x40u
/** Set by the client calls (never by asc_result_bind): the final response
 *  had a Retry-After header the client could read (retry_after_ms). */
#define ASC_RESULT_HAS_RETRY_AFTER 0x80u

/** Result of one call. Text fields are NUL-terminated UTF-8 (JSON escapes
 *  decoded; lean parsing copies raw bytes unchecked, see asc_result_bind);
 *  absent fields are "". */
typedef struct asc_result {
    int http_status;          /**< HTTP status of the final response */
    asc_error_code error;     /**< mapped from `code`; ASC_ERR_NONE on success */
    bool data;                /**< `Data` (false when absent or not boolean) */
    bool success;             /**< `Success` (false when absent) */
    bool truncated;           /**< some text field was cut to fit */
    /** Set by asc_delete_image only: an attempt whose answer was lost had
     *  deleted the image, and the retry answered Image.NotExist (the call
     *  then returns ASC_OK). Never set by asc_result_bind. */
    bool already_deleted;
    unsigned present;         /**< ASC_RESULT_HAS_* bits of fields seen */
    char code[ASC_CODE_MAX];
    char message[ASC_MESSAGE_MAX];
    char request_id[ASC_REQUEST_ID_MAX];
    char host_id[ASC_HOST_ID_MAX];
    char recommend[ASC_RECOMMEND_MAX];
    /** The whole JSON body (points into the caller's buffer: valid while
     *  that buffer is). Empty when no body was bound. */
    asc_span body;
    /** Raw JSON text of the `Data` value, whatever its type (e.g. an object
     *  for generic calls); empty when absent. Points into `body`. */
    asc_span data_json;
#if ASC_ENABLE_FRONT_END_FIELDS
    /* Front-end fields (ASC_ENABLE_FRONT_END_FIELDS builds): set by the
     * client calls (asc_call, asc_delete_image) from the headers of the
     * final response, whatever its status; never by asc_result_bind.
     * Printable ASCII only (any other byte becomes '?'); "" when absent. */
    /** `Server` header (e.g. "nginx"), cut to fit (`truncated` set). */
    char server[ASC_SERVER_MAX];
    /** `Location` header of a 3xx answer (never followed), cut to fit
     *  (`truncated` set); "" for other statuses. */
    char location[ASC_LOCATION_MAX];
#endif
    /** `Retry-After` of the final response in milliseconds, when present
     *  (ASC_RESULT_HAS_RETRY_AFTER): delay-seconds, or an HTTP-date minus
     *  the response's Date (the device clock without one; 0 for a past
     *  date; HTTP-dates are read only with ASC_ENABLE_CLOCK_SYNC). Values
     *  beyond UINT32_MAX ms are clamped. */
    uint32_t retry_after_ms;
} asc_result;

/** Bind flag: accept a `Data` value of any JSON type (generic calls whose
 *  Data is an object or array); without it `Data` must be a boolean. */
#define ASC_BIND_DATA_ANY 0x01u

/** Size of one JSON token in the binder's scratch memory (bytes). A body
 *  needs one token per JSON value (object, array, string, number, literal,
 *  key): at most body.len / 2 + 1. */
size_t asc_json_token_size(void);

/** Reset r: all fields empty/false/zero, error ASC_ERR_NONE. */
void asc_result_clear(asc_result *r);

/**
 * Parse the response body into r. r is cleared first; r->body = body and
 * r->http_status = http_status are set even on failure, and a failure
 * leaves every other field cleared.
 *
 * The body must be one JSON object (after optional whitespace). It is
 * tokenized by jsmn in its strict mode, in both profiles: brackets must
 * pair, escapes must be well-formed, every key must be a string, every
 * unquoted value must start with - 0-9 t f or n, and a NUL byte ends the
 * input. Known keys of the top-level object (matched exactly,
 * case-sensitive; a key written with escapes is treated as unknown): Data,
 * Success (boolean; the strings "true"/"false" are accepted too, as some
 * services send them), Code (string or number, number copied as text),
 * Message, RequestId, HostId, Recommend (string); null counts as absent.
 * Any other key, with a value of any type and depth, is skipped. A known
 * key given twice, or without exactly one value inside the object, is an
 * error. \uXXXX escapes (surrogate pairs included) become UTF-8 (\u0000
 * ends the field's text); a lone surrogate escape or a raw control byte in
 * a bound string is an error. Nesting depth is not limited (the walk is
 * iterative); the scratch memory bounds a body.
 *
 * ASC_STRICT_PARSING 1 (the full profile) also requires strict RFC 8259 in
 * every part: separators and nothing but whitespace between tokens and
 * after the object, numbers and literals exactly as the RFC spells them,
 * and every string (keys and skipped values too) valid UTF-8 with no raw
 * control byte and no lone surrogate escape. It accepts no document that
 * is not RFC 8259 JSON.
 *
 * ASC_STRICT_PARSING 0 (lean) tokenizes exactly as the strict profile
 * does and then checks only what it binds. So a body lean rejects, strict
 * rejects with the same status (for any scratch size: both run out of
 * tokens at the same place), and a body strict accepts, lean binds
 * identically. Lean also accepts some malformed bodies: misplaced or
 * missing separators (`{"a" "b":1}` binds as if the commas were there, but
 * a known key must still have its value), any bytes jsmn takes after the
 * object (a second value, `:` or `,`), any spelling of primitives (`tru`,
 * `01`) and any bytes in strings that are not bound. In bound strings it
 * does not check UTF-8: raw bytes are copied as sent (a byte from 0x80 and
 * the bytes it announces are one unit for truncation, but a backslash always
 * starts an escape; one announcing more bytes than the string has is an
 * error). A Code number need only consist of 0-9 + - . e E (`1-2` binds as
 * "1-2"). The Data text in data_json (ASC_BIND_DATA_ANY) is jsmn-tokenized
 * only: its contents are not checked.
 *
 * error: ASC_ERR_NONE when the HTTP status is 2xx, Success is not false and
 * Code is absent or "200"; otherwise asc_error_code_from(Code) (or
 * ASC_ERR_UNKNOWN without a Code).
 *
 * scratch/scratch_len: caller memory for the jsmn tokens (any alignment;
 * the binder aligns it). The client passes the unused tail of its work
 * buffer. Tokens live there only during the call.
 *
 * Returns:
 *  ASC_OK                    bound.
 *  ASC_E_INVALID_ARG         r NULL, or body.ptr NULL with body.len > 0.
 *  ASC_E_JSON                not valid JSON, not an object, a known field of
 *                            the wrong type, duplicate known field.
 *  ASC_E_RESPONSE_TOO_LARGE  scratch NULL or too small for the body's tokens
 *                            (found while tokenizing, the same way in both
 *                            profiles: it wins over an error later in the
 *                            body, not over one before), or body.len >=
 *                            INT_MAX.
 */
ASC_NODISCARD asc_status asc_result_bind(asc_result *r, asc_span body,
                                         int http_status, unsigned flags,
                                         void *scratch, size_t scratch_len);

#ifdef __cplusplus
}
#endif
#endif /* ASC_RESULT_H */
