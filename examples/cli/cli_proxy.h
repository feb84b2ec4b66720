/*
 * cli_proxy.h - which HTTP proxy the command-line tool uses, as the
 * official SDKs and curl decide it:
 *
 *   1. --proxy URL (an empty URL: no proxy, whatever the environment says);
 *   2. else the first non-empty of HTTPS_PROXY, https_proxy, ALL_PROXY,
 *      all_proxy (the API is HTTPS only, so HTTP_PROXY is not read);
 *   3. none when NO_PROXY (else no_proxy) matches the endpoint host: a
 *      comma-separated list, spaces around entries ignored; "*" matches
 *      every host; "example.com" and ".example.com" both match example.com
 *      and every name under it (not badexample.com); names compared without
 *      case; an entry "name:port" matches that port only; address literals
 *      match as written (no CIDR ranges). It applies to --proxy too, as the
 *      SDKs apply noProxy to an explicit httpsProxy.
 *
 * URL: [http://][user[:password]@]host[:port][/], user and password
 * percent-encoded where they hold '@', ':' or '%'; port 80 when absent
 * (as Python's and Go's HTTP stacks); an IPv6 host in brackets. https://
 * (TLS to the proxy) and socks proxies are refused.
 *
 * Credentials never leave this module but to the library: messages name
 * the proxy by host:port and where it came from, never by its URL. The
 * copies are wiped by cli_proxy_wipe().
 */
#ifndef CLI_PROXY_H
#define CLI_PROXY_H

#include <stddef.h>
#include <stdint.h>

#define CLI_PROXY_TEXT_MAX 256

typedef struct cli_proxy {
    int use;                  /* 1: a proxy applies to the endpoint */
    const char *source;       /* "--proxy", "HTTPS_PROXY", ... */
    const char *bypassed_by;  /* "NO_PROXY" / "no_proxy" when it matched */
    char host[CLI_PROXY_TEXT_MAX];
    uint16_t port;
    char user[CLI_PROXY_TEXT_MAX];
    size_t user_len;
    char pass[CLI_PROXY_TEXT_MAX];
    size_t pass_len;
    int has_credentials;
} cli_proxy;

/* Parse url into p (host, port, credentials). Returns NULL, or a message
 * that names what is wrong without quoting the URL. */
const char *cli_proxy_parse(const char *url, cli_proxy *p);

/* 1 when the NO_PROXY-style list matches host (and port). */
int cli_no_proxy_match(const char *list, const char *host, unsigned port);

/* Decide the proxy for the endpoint host:port (rules above): flag is the
 * --proxy value (NULL when not given); getenv_fn reads the environment
 * (getenv; tests pass their own). p->use says whether one applies.
 * Returns NULL or a message (as cli_proxy_parse, prefixed by the source). */
const char *cli_proxy_choose(const char *flag, const char *host, unsigned port,
                             const char *(*getenv_fn)(const char *), cli_proxy *p,
                             char *msg, size_t msg_cap);

/* Wipe p and the environment variables that may hold proxy credentials. */
void cli_proxy_wipe(cli_proxy *p);

#endif
