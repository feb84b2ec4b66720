#include <stdio.h>
#include <string.h>
#include "fake_port.h"

static asc_status f_connect(void *ctx, const char *host, uint16_t port, uint32_t to)
{
    fake_port *f = (fake_port *)ctx;
    (void)to;
    f->connects++;
    (void)snprintf(f->connect_host, sizeof f->connect_host, "%s", host);
    f->connect_port = port;
    if (f->fail_connect_call != 0 && f->connects == f->fail_connect_call) {
        return f->connect_status != ASC_OK ? f->connect_status : ASC_E_CONNECT;
    }
    f->connected = true;
    return ASC_OK;
}

static int32_t f_send(void *ctx, const uint8_t *buf, size_t len, uint32_t to)
{
    fake_port *f = (fake_port *)ctx;
    size_t n = len;
    (void)to;
    f->sends++;
    if (!f->connected) {
        return ASC_PORT_ERR_IO;
    }
    if (f->fail_send_call != 0 && f->sends == f->fail_send_call) {
        return ASC_PORT_ERR_IO;
    }
    if (!f->sent_since_recv) {
        f->cur = f->requests++;
        f->pos = 0;
        f->sent_since_recv = true;
    }
    /* accept half of a longer write: exercises the partial-send loop */
    if (f->send_chunk > 0) {
        n = n < f->send_chunk ? n : f->send_chunk;
    } else if (n > 7) {
        n = n / 2;
    }
    if (f->cur >= 0 && f->cur < FAKE_MAX_RESP) {
        size_t room = FAKE_SENT_CAP - f->sent_len[f->cur];
        memcpy(f->sent[f->cur] + f->sent_len[f->cur], buf, n < room ? n : room);
        f->sent_len[f->cur] += n < room ? n : room;
    }
    return (int32_t)n;
}

static int32_t f_recv(void *ctx, uint8_t *buf, size_t len, uint32_t to)
{
    fake_port *f = (fake_port *)ctx;
    const fake_resp *r;
    size_t avail, n, limit;
    f->recvs++;
    f->sent_since_recv = false;
    if (!f->connected) {
        return ASC_PORT_ERR_IO;
    }
    if (f->fail_recv_call != 0 && f->recvs == f->fail_recv_call) {
        return ASC_PORT_ERR_IO;
    }
    if (f->cur < 0 || f->cur >= f->n_resp) {
        f->mono += to; /* nothing scripted: the peer is silent */
        return 0;
    }
    r = &f->resp[f->cur];
    if (r->stale) {
        return ASC_PORT_ERR_CLOSED;
    }
    limit = r->len;
    if (r->eof_at >= 0 && (size_t)r->eof_at < limit) {
        limit = (size_t)r->eof_at;
    }
    if (r->reset_at >= 0 && (size_t)r->reset_at < limit) {
        limit = (size_t)r->reset_at;
    }
    if (f->pos >= limit) {
        if (r->reset_at >= 0 && f->pos >= (size_t)r->reset_at) {
            return ASC_PORT_ERR_IO;
        }
        if (r->close_after || (r->eof_at >= 0 && f->pos >= (size_t)r->eof_at)) {
            return ASC_PORT_ERR_CLOSED;
        }
        f->mono += to;
        return 0;
    }
    avail = limit - f->pos;
    n = avail < len ? avail : len;
    if (f->pos == 0 && f->first_chunk > 0 && n > f->first_chunk) {
        n = f->first_chunk;
    } else if (f->chunk > 0 && n > f->chunk) {
        n = f->chunk;
    }
    memcpy(buf, r->bytes + f->pos, n);
    f->pos += n;
    return (int32_t)n;
}

static void f_close(void *ctx)
{
    fake_port *f = (fake_port *)ctx;
    if (f->connected) {
        f->closes++;
    }
    f->connected = false;
    f->sent_since_recv = false;
}

static int64_t f_utc(void *ctx)
{
    fake_port *f = (fake_port *)ctx;
    return f->utc < 0 ? -1 : f->utc + (int64_t)((f->mono - 1000000u) / 1000u);
}

static uint64_t f_mono(void *ctx)
{
    return ((fake_port *)ctx)->mono;
}

static asc_status f_random(void *ctx, uint8_t *buf, size_t len)
{
    fake_port *f = (fake_port *)ctx;
    size_t i;
    if (f->rng_fail) {
        return ASC_E_PORT;
    }
    for (i = 0; i < len; i++) {
        buf[i] = (uint8_t)(f->rng++ * 37u + 11u);
    }
    return ASC_OK;
}

static void f_sleep(void *ctx, uint32_t ms)
{
    fake_port *f = (fake_port *)ctx;
    f->mono += ms;
    f->slept_ms += ms;
    if (f->n_sleeps < 16) {
        f->sleeps[f->n_sleeps++] = ms;
    }
}

void fake_port_init(fake_port *f, asc_port *port)
{
    memset(f, 0, sizeof *f);
    f->cur = -1;
    f->utc = 1767225600; /* 2026-01-01T00:00:00Z */
    f->mono = 1000000;
    port->ctx = f;
    port->connect = f_connect;
    port->send = f_send;
    port->recv = f_recv;
    port->close = f_close;
    port->utc_now = f_utc;
    port->mono_ms = f_mono;
    port->random = f_random;
    port->sleep_ms = f_sleep;
}

int fake_add(fake_port *f, const char *bytes, size_t len)
{
    fake_resp *r = &f->resp[f->n_resp];
    memset(r, 0, sizeof *r);
    r->bytes = bytes;
    r->len = len;
    r->eof_at = -1;
    r->reset_at = -1;
    return f->n_resp++;
}
