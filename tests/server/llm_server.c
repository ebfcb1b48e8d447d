/*
 * llm-server: an LLM-like HTTP/1.1 test server for Loom's tests and benchmarks.
 *
 * C11, depends only on libuv and zlib. One libuv loop, no threads; every
 * connection is a single heap object (conn_t) released in its handles' close
 * callbacks. See README.md next to this file for the endpoints and knobs.
 */
#define _GNU_SOURCE
#define ZLIB_CONST
#include <uv.h>
#include <zlib.h>

#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>

/* ------------------------------------------------------------------------ */
/* Limits                                                                     */

#define MAX_HEAD        (16 * 1024)          /* request line + headers      */
#define MAX_HEADERS     256
#define MAX_CHUNK_LINE  4096                 /* chunk-size line of uploads  */
#define MAX_TRAILERS    (16 * 1024)
#define MAX_BODY        ((uint64_t)64 << 20) /* kept bodies (/echo, chat)   */
#define READ_PAUSE      (256 * 1024)         /* stop reading while busy     */
#define HIGH_WATER      ((size_t)1 << 20)    /* queued-write limit per conn */
#define LOW_WATER       ((size_t)256 << 10)
#define XBUF_SIZE       ((size_t)1 << 20)    /* static buffer of 'x'        */
#define TOKEN_BATCH     64                   /* tokens per pump when late   */
#define GATE_MAX        256                  /* distinct gate names         */
#define GATE_NAME       64                   /* longest gate name + 1       */
#define GATE_POLL_MS    5                    /* how often a gated stream looks */
#define GZIP_BUDGET     ((uint64_t)4 << 20)  /* input bytes per pump        */
#define PIECE_BATCH     256                  /* sse pieces per pump         */
#define LISTEN_BACKLOG  8192

/* ------------------------------------------------------------------------ */
/* Small dynamic string                                                       */

typedef struct {
    char *p;
    size_t len, cap;
} dstr;

static void die_oom(void)
{
    fprintf(stderr, "llm-server: out of memory\n");
    abort();
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) die_oom();
    return p;
}

static void *xrealloc(void *o, size_t n)
{
    void *p = realloc(o, n ? n : 1);
    if (!p) die_oom();
    return p;
}

static void ds_reserve(dstr *d, size_t extra)
{
    if (d->len + extra + 1 > d->cap) {
        size_t nc = d->cap ? d->cap : 256;
        while (nc < d->len + extra + 1) nc *= 2;
        d->p = xrealloc(d->p, nc);
        d->cap = nc;
    }
}

static void ds_add(dstr *d, const void *s, size_t n)
{
    ds_reserve(d, n);
    memcpy(d->p + d->len, s, n);
    d->len += n;
    d->p[d->len] = 0;
}

static void ds_adds(dstr *d, const char *s) { ds_add(d, s, strlen(s)); }

static void ds_addc(dstr *d, char ch) { ds_add(d, &ch, 1); }

static void ds_printf(dstr *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void ds_printf(dstr *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    ds_reserve(d, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(d->p + d->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    d->len += (size_t)n;
}

static void ds_free(dstr *d)
{
    free(d->p);
    d->p = NULL;
    d->len = d->cap = 0;
}

/* JSON string literal (with quotes). Control characters are escaped, valid
 * UTF-8 is copied verbatim, invalid bytes become \u00XX (Latin-1). */
static void ds_json_str(dstr *d, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s, *e = p + n;
    ds_reserve(d, n + 2);
    ds_addc(d, '"');
    while (p < e) {
        unsigned char ch = *p;
        if (ch == '"' || ch == '\\') {
            char esc[2] = {'\\', (char)ch};
            ds_add(d, esc, 2);
            p++;
        } else if (ch < 0x20) {
            switch (ch) {
            case '\n': ds_add(d, "\\n", 2); break;
            case '\r': ds_add(d, "\\r", 2); break;
            case '\t': ds_add(d, "\\t", 2); break;
            case '\b': ds_add(d, "\\b", 2); break;
            case '\f': ds_add(d, "\\f", 2); break;
            default: {
                char u[6] = {'\\', 'u', '0', '0', hex[ch >> 4], hex[ch & 15]};
                ds_add(d, u, 6);
            }
            }
            p++;
        } else if (ch < 0x80) {
            const unsigned char *q = p;
            while (q < e && *q >= 0x20 && *q < 0x80 && *q != '"' && *q != '\\') q++;
            ds_add(d, p, (size_t)(q - p));
            p = q;
        } else {
            /* validate one UTF-8 sequence */
            size_t need = 0;
            uint32_t cp = 0;
            if (ch >= 0xC2 && ch <= 0xDF) { need = 1; cp = ch & 0x1F; }
            else if (ch >= 0xE0 && ch <= 0xEF) { need = 2; cp = ch & 0x0F; }
            else if (ch >= 0xF0 && ch <= 0xF4) { need = 3; cp = ch & 0x07; }
            int ok = need > 0 && (size_t)(e - p) > need;
            for (size_t i = 1; ok && i <= need; i++) {
                if ((p[i] & 0xC0) != 0x80) ok = 0;
                else cp = (cp << 6) | (p[i] & 0x3F);
            }
            if (ok) {
                if ((need == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
                    (need == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
                    ok = 0;
            }
            if (ok) {
                ds_add(d, p, need + 1);
                p += need + 1;
            } else {
                char u[6] = {'\\', 'u', '0', '0', hex[ch >> 4], hex[ch & 15]};
                ds_add(d, u, 6);
                p++;
            }
        }
    }
    ds_addc(d, '"');
}

/* ------------------------------------------------------------------------ */
/* Minimal JSON scanning (top-level keys of an object)                        */

static const char *js_ws(const char *p, const char *e)
{
    while (p < e && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) p++;
    return p;
}

static const char *js_skip_string(const char *p, const char *e)
{
    p++; /* opening quote */
    while (p < e) {
        if (*p == '\\') { p += 2; continue; }
        if (*p == '"') return p + 1;
        p++;
    }
    return NULL;
}

static const char *js_skip_value(const char *p, const char *e, int depth)
{
    p = js_ws(p, e);
    if (p >= e) return NULL;
    if (*p == '"') return js_skip_string(p, e);
    if (*p == '{' || *p == '[') {
        char close = *p == '{' ? '}' : ']';
        if (depth > 64) return NULL;
        p++;
        for (;;) {
            p = js_ws(p, e);
            if (p >= e) return NULL;
            if (*p == close) return p + 1;
            if (close == '}') {
                if (*p != '"') return NULL;
                p = js_skip_string(p, e);
                if (!p) return NULL;
                p = js_ws(p, e);
                if (p >= e || *p != ':') return NULL;
                p++;
            }
            p = js_skip_value(p, e, depth + 1);
            if (!p) return NULL;
            p = js_ws(p, e);
            if (p >= e) return NULL;
            if (*p == ',') { p++; continue; }
            if (*p == close) return p + 1;
            return NULL;
        }
    }
    const char *s = p;
    while (p < e && (isalnum((unsigned char)*p) || *p == '-' || *p == '+' || *p == '.')) p++;
    return p > s ? p : NULL;
}

/* Finds top-level `key` in the JSON object s[0..n). Returns the raw value span. */
static int js_get(const char *s, size_t n, const char *key, const char **vs, size_t *vl)
{
    const char *p = s, *e = s + n;
    size_t kl = strlen(key);
    p = js_ws(p, e);
    if (p >= e || *p != '{') return 0;
    p++;
    for (;;) {
        p = js_ws(p, e);
        if (p >= e || *p != '"') return 0;
        const char *ks = p + 1;
        const char *ke = js_skip_string(p, e);
        if (!ke) return 0;
        size_t klen = (size_t)((ke - 1) - ks);
        p = js_ws(ke, e);
        if (p >= e || *p != ':') return 0;
        p = js_ws(p + 1, e);
        const char *ve = js_skip_value(p, e, 0);
        if (!ve) return 0;
        if (klen == kl && memcmp(ks, key, kl) == 0) {
            *vs = p;
            *vl = (size_t)(ve - p);
            return 1;
        }
        p = js_ws(ve, e);
        if (p < e && *p == ',') { p++; continue; }
        return 0;
    }
}

/* ------------------------------------------------------------------------ */
/* Connections                                                                */

typedef enum { ST_HEAD, ST_BODY, ST_RESP } cstate_t;
typedef enum { BODY_NONE, BODY_CL, BODY_CHUNKED } bodymode_t;
typedef enum { CK_SIZE, CK_DATA, CK_DATA_CRLF, CK_TRAILER } ckstate_t;
typedef enum { GK_NONE, GK_CHAT, GK_BYTES, GK_GZIP, GK_DRIP, GK_SSE } gkind_t;

enum {
    F_NONE, F_429, F_500, F_CLOSE, F_RESET, F_STALL, F_SLOWHDR, F_MALFORMED, F_ERROREVENT
};
enum { PH_RUN, PH_SLOW, PH_RESET };

typedef struct {
    char *name; /* lower-cased */
    char *value;
} hdr_t;

struct chat_st {
    long long tokens, interval, ttft, k, delay, prompt_tokens, created, i;
    int stream, fault, include_usage, fault_fired, phase, gate_passed;
    long long gate_at;  /* the token the gate holds back */
    uint64_t t0;
    char gate[GATE_NAME];
};
struct bytes_st {
    uint64_t remaining;
    size_t chunk;
    int raw, lie;
    char *trailer; /* one "Name: value" trailer field after the last chunk, or NULL */
};
struct gzip_st {
    z_stream zs;
    int inited, done;
    uint64_t remaining;
};
struct drip_st {
    char *data;
    size_t dlen;
    uint64_t n, i, t0;
    long long interval;
};
struct sse_st {
    char *data;
    size_t len, off, chunk;
    uint64_t piece, t0;
    long long interval;
    int close, gate_passed;
    char gate[GATE_NAME];
};

typedef struct conn conn_t;
struct conn {
    uv_tcp_t tcp;
    uv_timer_t timer;
    uv_shutdown_t shutdown_req;
    conn_t *prev, *next;   /* all connections */
    conn_t *rprev, *rnext; /* ready queue */
    int open_handles;
    unsigned closing : 1, shutting : 1, in_ready : 1, reading : 1, in_process : 1,
        waiting_drain : 1, is_head : 1, keepalive : 1, close_after_resp : 1, keep_body : 1;
    cstate_t state;

    char *rbuf;
    size_t rlen, rcap;

    /* current request */
    char *hblock;
    hdr_t *hdrs;
    int nhdrs;
    char *method, *path, *query;
    int http_minor;
    bodymode_t bmode;
    uint64_t body_remaining; /* BODY_CL */
    ckstate_t ck;
    uint64_t ck_remaining;
    size_t trailer_bytes;
    dstr body;

    /* response */
    size_t pending;     /* bytes handed to uv_write, callback not yet run */
    size_t drain_target;
    void (*pump)(conn_t *);
    gkind_t gkind;
    union {
        struct chat_st chat;
        struct bytes_st bytes;
        struct gzip_st gz;
        struct drip_st drip;
        struct sse_st sse;
    } g;
};

static uv_loop_t *loop;
static uv_tcp_t server;
static uv_signal_t sig_term, sig_int;
static uv_idle_t idle;
static conn_t *conns;
static conn_t *ready_head, *ready_tail;
static size_t ready_count;
static int shutting_down;
static char XBUF[XBUF_SIZE];
static uint64_t stat_connections, stat_requests; /* accepted / dispatched since start (/counters) */

static void process(conn_t *c);
static void finish_response(conn_t *c);

/* ---- ready queue: "run this connection's pump on the next loop turn" --- */

static void on_idle(uv_idle_t *h)
{
    (void)h;
    size_t n = ready_count;
    while (n-- > 0 && ready_head) {
        conn_t *c = ready_head;
        ready_head = c->rnext;
        if (ready_head) ready_head->rprev = NULL;
        else ready_tail = NULL;
        c->rnext = c->rprev = NULL;
        c->in_ready = 0;
        ready_count--;
        if (!c->closing && c->pump) c->pump(c);
    }
    if (!ready_head) uv_idle_stop(&idle);
}

static void ready_add(conn_t *c)
{
    if (c->in_ready || c->closing) return;
    c->in_ready = 1;
    c->rnext = NULL;
    c->rprev = ready_tail;
    if (ready_tail) ready_tail->rnext = c;
    else ready_head = c;
    ready_tail = c;
    ready_count++;
    if (!uv_is_active((uv_handle_t *)&idle)) uv_idle_start(&idle, on_idle);
}

static void ready_remove(conn_t *c)
{
    if (!c->in_ready) return;
    if (c->rprev) c->rprev->rnext = c->rnext;
    else ready_head = c->rnext;
    if (c->rnext) c->rnext->rprev = c->rprev;
    else ready_tail = c->rprev;
    c->rnext = c->rprev = NULL;
    c->in_ready = 0;
    ready_count--;
}

/* ---- gates: a stream given gate=NAME pauses after its first piece until
 * some connection asks for /open?gate=NAME (before or after; gates stay open) */

static char gates[GATE_MAX][GATE_NAME];
static int ngates;

static int gate_is_open(const char *name)
{
    for (int i = 0; i < ngates; i++)
        if (strcmp(gates[i], name) == 0) return 1;
    return 0;
}

/* 0: no room for another name */
static int gate_open(const char *name)
{
    if (gate_is_open(name)) return 1;
    if (ngates == GATE_MAX) return 0;
    snprintf(gates[ngates++], GATE_NAME, "%s", name);
    return 1;
}

static void on_timer(uv_timer_t *t)
{
    conn_t *c = t->data;
    if (!c->closing && c->pump) c->pump(c);
}

/* Run the pump after `delay` ms (0: next loop iteration, never inline). */
static void sched(conn_t *c, long long delay)
{
    if (c->closing) return;
    if (delay <= 0) ready_add(c);
    else uv_timer_start(&c->timer, on_timer, (uint64_t)delay, 0);
}

static void wait_drain(conn_t *c, size_t target)
{
    c->waiting_drain = 1;
    c->drain_target = target;
}

/* ---- lifetime ---------------------------------------------------------- */

static void gen_free(conn_t *c)
{
    switch (c->gkind) {
    case GK_GZIP:
        if (c->g.gz.inited) deflateEnd(&c->g.gz.zs);
        break;
    case GK_DRIP: free(c->g.drip.data); break;
    case GK_SSE: free(c->g.sse.data); break;
    case GK_BYTES: free(c->g.bytes.trailer); break;
    default: break;
    }
    c->gkind = GK_NONE;
    memset(&c->g, 0, sizeof c->g);
}

/* frees the parsed head and body once a long-running response no longer
 * needs them (keeps 10k streaming connections small) */
static void req_drop_data(conn_t *c)
{
    free(c->hblock);
    c->hblock = NULL;
    free(c->hdrs);
    c->hdrs = NULL;
    c->nhdrs = 0;
    c->method = c->path = c->query = NULL;
    ds_free(&c->body);
}

static void req_reset(conn_t *c)
{
    req_drop_data(c);
    c->bmode = BODY_NONE;
    c->body_remaining = 0;
    c->ck = CK_SIZE;
    c->ck_remaining = 0;
    c->trailer_bytes = 0;
    c->is_head = 0;
    c->keep_body = 0;
}

static void conn_free(conn_t *c)
{
    if (c->prev) c->prev->next = c->next;
    else conns = c->next;
    if (c->next) c->next->prev = c->prev;
    gen_free(c);
    req_reset(c);
    free(c->rbuf);
    free(c);
}

static void on_handle_closed(uv_handle_t *h)
{
    conn_t *c = h->data;
    if (--c->open_handles == 0) conn_free(c);
}

/* Immediate close; with rst=1 the peer gets a TCP RST (SO_LINGER {1,0}). */
static void conn_close(conn_t *c, int rst)
{
    if (c->closing) return;
    c->closing = 1;
    c->pump = NULL;
    ready_remove(c);
    if (rst) {
        uv_os_fd_t fd;
        if (uv_fileno((uv_handle_t *)&c->tcp, &fd) == 0) {
            struct linger l = {1, 0};
            setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
        }
    }
    uv_close((uv_handle_t *)&c->tcp, on_handle_closed);
    uv_close((uv_handle_t *)&c->timer, on_handle_closed);
}

static void on_shutdown(uv_shutdown_t *req, int status)
{
    (void)status;
    conn_close(req->data, 0);
}

/* Graceful end: flush queued writes, send FIN, then close. */
static void conn_end(conn_t *c)
{
    if (c->closing || c->shutting) return;
    c->shutting = 1;
    c->pump = NULL;
    c->waiting_drain = 0;
    ready_remove(c);
    uv_timer_stop(&c->timer);
    c->shutdown_req.data = c;
    if (uv_shutdown(&c->shutdown_req, (uv_stream_t *)&c->tcp, on_shutdown) < 0)
        conn_close(c, 0);
}

/* ---- writing ----------------------------------------------------------- */

typedef struct {
    uv_write_t req;
    conn_t *c;
    size_t len;
    char *own;
    char hdr[24];
    char inl[];
} wreq_t;

static void on_write(uv_write_t *r, int status)
{
    wreq_t *w = (wreq_t *)r;
    conn_t *c = w->c;
    c->pending -= w->len;
    free(w->own);
    free(w);
    if (status < 0) {
        conn_close(c, 0);
        return;
    }
    if (c->closing || c->shutting) return;
    if (c->waiting_drain && c->pending <= c->drain_target) {
        c->waiting_drain = 0;
        if (c->pump) c->pump(c);
    }
}

static int cw_submit(conn_t *c, wreq_t *w, uv_buf_t *bufs, unsigned nbufs)
{
    w->c = c;
    w->len = 0;
    for (unsigned i = 0; i < nbufs; i++) w->len += bufs[i].len;
    c->pending += w->len;
    int r = uv_write(&w->req, (uv_stream_t *)&c->tcp, bufs, nbufs, on_write);
    if (r < 0) {
        c->pending -= w->len;
        free(w->own);
        free(w);
        conn_close(c, 0);
        return -1;
    }
    return 0;
}

static int writable(conn_t *c) { return !c->closing && !c->shutting; }

/* copy `len` bytes (optionally framed as one chunk, optionally followed by
 * the terminating zero chunk) into one allocation and write it */
static int cw_copy_ex(conn_t *c, const void *data, size_t len, int chunked, int last)
{
    if (!writable(c)) return -1;
    char hdr[24];
    size_t hl = 0;
    if (chunked && len) hl = (size_t)snprintf(hdr, sizeof hdr, "%zx\r\n", len);
    size_t total = hl + len + (chunked && len ? 2 : 0) + (last ? 5 : 0);
    if (!total) return 0;
    wreq_t *w = xmalloc(sizeof *w + total);
    w->own = NULL;
    char *p = w->inl;
    memcpy(p, hdr, hl);
    p += hl;
    if (len) memcpy(p, data, len);
    p += len;
    if (chunked && len) { memcpy(p, "\r\n", 2); p += 2; }
    if (last) memcpy(p, "0\r\n\r\n", 5);
    uv_buf_t b = uv_buf_init(w->inl, (unsigned)total);
    return cw_submit(c, w, &b, 1);
}

static int cw_copy(conn_t *c, const void *data, size_t len) { return cw_copy_ex(c, data, len, 0, 0); }
static int cw_str(conn_t *c, const char *s) { return cw_copy(c, s, strlen(s)); }

/* write a dstr, taking ownership of its buffer */
static int cw_ds(conn_t *c, dstr *d)
{
    if (!writable(c) || d->len == 0) {
        ds_free(d);
        return writable(c) ? 0 : -1;
    }
    wreq_t *w = xmalloc(sizeof *w);
    w->own = d->p;
    uv_buf_t b = uv_buf_init(d->p, (unsigned)d->len);
    d->p = NULL;
    d->len = d->cap = 0;
    return cw_submit(c, w, &b, 1);
}

/* write static data (never freed), optionally as one chunk */
static int cw_static(conn_t *c, const char *data, size_t len, int chunked)
{
    if (!writable(c)) return -1;
    wreq_t *w = xmalloc(sizeof *w);
    w->own = NULL;
    uv_buf_t b[3];
    unsigned n = 0;
    if (chunked) {
        int hl = snprintf(w->hdr, sizeof w->hdr, "%zx\r\n", len);
        b[n++] = uv_buf_init(w->hdr, (unsigned)hl);
    }
    b[n++] = uv_buf_init((char *)data, (unsigned)len);
    if (chunked) b[n++] = uv_buf_init((char *)"\r\n", 2);
    return cw_submit(c, w, b, n);
}

/* ---- request helpers --------------------------------------------------- */

static const char *hdr_get(conn_t *c, const char *name)
{
    for (int i = 0; i < c->nhdrs; i++)
        if (strcmp(c->hdrs[i].name, name) == 0) return c->hdrs[i].value;
    return NULL;
}

/* does the comma-separated header value contain token `tok` (case-insensitive) */
static int has_token(const char *v, const char *tok)
{
    size_t tl = strlen(tok);
    while (v && *v) {
        while (*v == ' ' || *v == '\t' || *v == ',') v++;
        const char *s = v;
        while (*v && *v != ',') v++;
        const char *e = v;
        while (e > s && (e[-1] == ' ' || e[-1] == '\t')) e--;
        if ((size_t)(e - s) == tl && strncasecmp(s, tok, tl) == 0) return 1;
    }
    return 0;
}

static int hexval(int ch)
{
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
}

/* percent-decoding ('+' is a space); out needs n+1 bytes */
static size_t url_decode(const char *s, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        int hi, lo;
        if (s[i] == '%' && i + 2 < n && (hi = hexval((unsigned char)s[i + 1])) >= 0 &&
            (lo = hexval((unsigned char)s[i + 2])) >= 0) {
            out[o++] = (char)(hi * 16 + lo);
            i += 2;
        } else if (s[i] == '+') {
            out[o++] = ' ';
        } else {
            out[o++] = s[i];
        }
    }
    out[o] = 0;
    return o;
}

static int query_find(const char *q, const char *name, const char **vs, size_t *vl)
{
    size_t nl = strlen(name);
    const char *p = q ? q : "";
    while (*p) {
        const char *amp = strchr(p, '&');
        const char *end = amp ? amp : p + strlen(p);
        const char *eq = memchr(p, '=', (size_t)(end - p));
        const char *ke = eq ? eq : end;
        if ((size_t)(ke - p) == nl && memcmp(p, name, nl) == 0) {
            *vs = eq ? eq + 1 : end;
            *vl = (size_t)(end - *vs);
            return 1;
        }
        if (!amp) break;
        p = amp + 1;
    }
    return 0;
}

/* decoded query parameter in a new allocation (NULL if absent) */
static char *query_alloc(conn_t *c, const char *name, size_t *len)
{
    const char *v;
    size_t vl;
    if (!query_find(c->query, name, &v, &vl)) return NULL;
    char *out = xmalloc(vl + 1);
    *len = url_decode(v, vl, out);
    return out;
}

static int query_str(conn_t *c, const char *name, char *out, size_t outsz)
{
    size_t n;
    char *tmp = query_alloc(c, name, &n);
    if (!tmp) return 0;
    if (n >= outsz) n = outsz - 1;
    memcpy(out, tmp, n);
    out[n] = 0;
    free(tmp);
    return 1;
}

static long long parse_ll(const char *s, long long def)
{
    char *end;
    while (*s == ' ') s++;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (end == s || errno) return def;
    return v;
}

static long long clampll(long long v, long long lo, long long hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static long long query_int(conn_t *c, const char *name, long long def, long long lo, long long hi)
{
    char buf[64];
    if (!query_str(c, name, buf, sizeof buf)) return clampll(def, lo, hi);
    return clampll(parse_ll(buf, def), lo, hi);
}

static int truthy(const char *s)
{
    return !(s[0] == 0 || strcmp(s, "0") == 0 || strcasecmp(s, "false") == 0 ||
             strcasecmp(s, "no") == 0 || strcasecmp(s, "off") == 0);
}

/* ---- responses --------------------------------------------------------- */

static const char *reason(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 413: return "Content Too Large";
    case 417: return "Expectation Failed";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 505: return "HTTP Version Not Supported";
    default: return "Status";
    }
}

/* clen >= 0: Content-Length; -1: chunked; -2: no framing header */
static void add_head(conn_t *c, dstr *d, int status, const char *ctype, long long clen,
                     const char *extra)
{
    ds_printf(d, "HTTP/1.1 %d %s\r\nServer: loom-llm-server\r\n", status, reason(status));
    if (ctype) ds_printf(d, "Content-Type: %s\r\n", ctype);
    if (clen >= 0) ds_printf(d, "Content-Length: %lld\r\n", clen);
    else if (clen == -1) ds_adds(d, "Transfer-Encoding: chunked\r\n");
    if (c->close_after_resp) ds_adds(d, "Connection: close\r\n");
    else if (c->http_minor == 0) ds_adds(d, "Connection: keep-alive\r\n");
    if (extra) ds_adds(d, extra);
    ds_adds(d, "\r\n");
}

/* complete response with Content-Length; finishes the request */
static void send_simple(conn_t *c, int status, const char *ctype, const char *body, size_t blen,
                        const char *extra)
{
    dstr d = {0};
    int nobody = status == 204 || status == 304;
    add_head(c, &d, status, nobody ? NULL : ctype, nobody ? -2 : (long long)blen, extra);
    if (!nobody && !c->is_head && blen) ds_add(&d, body, blen);
    if (cw_ds(c, &d) < 0) return;
    finish_response(c);
}

static void send_text(conn_t *c, int status, const char *text, const char *extra)
{
    send_simple(c, status, "text/plain; charset=utf-8", text, strlen(text), extra);
}

/* protocol error: respond and close */
static void send_error(conn_t *c, int status, const char *msg)
{
    c->close_after_resp = 1;
    c->state = ST_RESP;
    char buf[256];
    snprintf(buf, sizeof buf, "%d %s: %s\n", status, reason(status), msg);
    send_text(c, status, buf, NULL);
}

/* headers of a chunked response; returns 0 if the caller must stop (HEAD
 * request already finished, or the connection went away) */
static int begin_chunked(conn_t *c, int status, const char *ctype, const char *extra)
{
    dstr d = {0};
    add_head(c, &d, status, ctype, -1, extra);
    if (cw_ds(c, &d) < 0) return 0;
    if (c->is_head) {
        finish_response(c);
        return 0;
    }
    return 1;
}

/* raw bytes then graceful close (for deliberately broken responses) */
static void send_raw_and_close(conn_t *c, const char *raw, size_t n)
{
    if (cw_copy(c, raw, n) < 0) return;
    conn_end(c);
}

/* ------------------------------------------------------------------------ */
/* Endpoint: /v1/chat/completions                                             */

static size_t put_lit(char *buf, size_t bl, const char *s, size_t n)
{
    memcpy(buf + bl, s, n);
    return bl + n;
}
#define PUT(buf, bl, lit) ((bl) = put_lit((buf), (bl), (lit), sizeof(lit) - 1))

static size_t put_u(char *buf, size_t bl, unsigned long long v)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n) buf[bl++] = tmp[--n];
    return bl;
}

/* knob from the query string, else from a top-level field of a JSON body */
static int chat_knob(conn_t *c, const char *name, char *out, size_t outsz)
{
    if (query_str(c, name, out, outsz)) return 1;
    const char *v;
    size_t vl;
    if (c->body.len && js_get(c->body.p, c->body.len, name, &v, &vl)) {
        if (vl >= 2 && v[0] == '"') {
            v++;
            vl -= 2;
        }
        if (vl >= outsz) vl = outsz - 1;
        memcpy(out, v, vl);
        out[vl] = 0;
        return 1;
    }
    return 0;
}

static long long chat_int(conn_t *c, const char *name, long long def, long long lo, long long hi)
{
    char buf[64];
    if (!chat_knob(c, name, buf, sizeof buf)) return clampll(def, lo, hi);
    return clampll(parse_ll(buf, def), lo, hi);
}

static size_t put_usage(char *buf, size_t bl, const struct chat_st *g)
{
    PUT(buf, bl, "\"usage\":{\"prompt_tokens\":");
    bl = put_u(buf, bl, (unsigned long long)g->prompt_tokens);
    PUT(buf, bl, ",\"completion_tokens\":");
    bl = put_u(buf, bl, (unsigned long long)g->tokens);
    PUT(buf, bl, ",\"total_tokens\":");
    bl = put_u(buf, bl, (unsigned long long)(g->tokens + g->prompt_tokens));
    PUT(buf, bl, "}");
    return bl;
}

static size_t put_event_prefix(char *buf, size_t bl, const struct chat_st *g)
{
    PUT(buf, bl, "data: {\"id\":\"chatcmpl-loom\",\"object\":\"chat.completion.chunk\",\"created\":");
    bl = put_u(buf, bl, (unsigned long long)g->created);
    PUT(buf, bl, ",\"model\":\"loom-mock\",\"choices\":[");
    return bl;
}

static void chat_nonstream(conn_t *c)
{
    struct chat_st *g = &c->g.chat;
    switch (g->fault) {
    case F_CLOSE: conn_end(c); return;
    case F_RESET: conn_close(c, 1); return;
    case F_STALL: c->pump = NULL; return;
    case F_MALFORMED: {
        static const char bad[] =
            "{\"id\":\"chatcmpl-loom\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
            "\"message\":{\"role\":\"assistant\",\"content\":\"t0 ";
        send_simple(c, 200, "application/json", bad, sizeof bad - 1, NULL);
        return;
    }
    case F_ERROREVENT: {
        static const char err[] =
            "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}";
        send_simple(c, 503, "application/json", err, sizeof err - 1, NULL);
        return;
    }
    default: break;
    }
    dstr d = {0};
    ds_printf(&d,
              "{\"id\":\"chatcmpl-loom\",\"object\":\"chat.completion\",\"created\":%lld,"
              "\"model\":\"loom-mock\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
              "\"assistant\",\"content\":\"",
              g->created);
    for (long long i = 0; i < g->tokens; i++) ds_printf(&d, "t%lld ", i);
    char tail[256];
    size_t tl = 0;
    PUT(tail, tl, "\"},\"finish_reason\":\"stop\"}],");
    tl = put_usage(tail, tl, g);
    PUT(tail, tl, "}");
    ds_add(&d, tail, tl);
    send_simple(c, 200, "application/json", d.p, d.len, NULL);
    ds_free(&d);
}

/* emits every token that is due (at most TOKEN_BATCH per call) and the
 * faults; token i is due at t0 + ttft + i * interval */
static void chat_stream(conn_t *c)
{
    struct chat_st *g = &c->g.chat;
    uint64_t now = uv_now(loop);
    char buf[24576];
    size_t bl = 0;
    int n = 0;
    int stream_fault = g->fault == F_CLOSE || g->fault == F_RESET || g->fault == F_STALL ||
                       g->fault == F_MALFORMED || g->fault == F_ERROREVENT;
    uint64_t due;
    for (;;) {
        if (g->gate[0] && !g->gate_passed && g->i == g->gate_at) {
            if (!gate_is_open(g->gate)) {
                if (bl && cw_copy_ex(c, buf, bl, 1, 0) < 0) return;
                sched(c, GATE_POLL_MS);
                return;
            }
            /* the schedule restarts at the opening: token gate_at is due now */
            g->gate_passed = 1;
            g->t0 = now - (uint64_t)g->ttft - (uint64_t)g->gate_at * (uint64_t)g->interval;
        }
        due = g->t0 + (uint64_t)g->ttft + (uint64_t)g->i * (uint64_t)g->interval;
        if (stream_fault && !g->fault_fired && g->i == g->k) {
            if (due > now) break;
            g->fault_fired = 1;
            switch (g->fault) {
            case F_CLOSE:
                if (bl && cw_copy_ex(c, buf, bl, 1, 0) < 0) return;
                conn_end(c); /* FIN without the terminating chunk */
                return;
            case F_RESET:
                if (bl && cw_copy_ex(c, buf, bl, 1, 0) < 0) return;
                g->phase = PH_RESET;
                if (c->pending) wait_drain(c, 0);
                else conn_close(c, 1);
                return;
            case F_STALL:
                if (bl) cw_copy_ex(c, buf, bl, 1, 0);
                c->pump = NULL;
                return;
            case F_MALFORMED:
                PUT(buf, bl, "data: {\"id\":\"chatcmpl-loom\",\"object\":\"chat.completion.chunk\","
                             "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"t\n\n");
                continue;
            case F_ERROREVENT:
                PUT(buf, bl, "data: {\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}\n\n");
                if (cw_copy_ex(c, buf, bl, 1, 1) < 0) return;
                finish_response(c);
                return;
            }
        }
        if (g->i >= g->tokens) {
            bl = put_event_prefix(buf, bl, g);
            PUT(buf, bl, "{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
            if (g->include_usage) {
                bl = put_event_prefix(buf, bl, g);
                PUT(buf, bl, "],");
                bl = put_usage(buf, bl, g);
                PUT(buf, bl, "}\n\n");
            }
            PUT(buf, bl, "data: [DONE]\n\n");
            if (cw_copy_ex(c, buf, bl, 1, 1) < 0) return;
            finish_response(c);
            return;
        }
        if (due > now) break;
        if (n >= TOKEN_BATCH || bl + 1024 > sizeof buf) {
            if (cw_copy_ex(c, buf, bl, 1, 0) < 0) return;
            sched(c, 0);
            return;
        }
        bl = put_event_prefix(buf, bl, g);
        PUT(buf, bl, "{\"index\":0,\"delta\":{");
        if (g->i == 0) PUT(buf, bl, "\"role\":\"assistant\",");
        PUT(buf, bl, "\"content\":\"t");
        bl = put_u(buf, bl, (unsigned long long)g->i);
        PUT(buf, bl, " \"},\"finish_reason\":null}]}\n\n");
        g->i++;
        n++;
    }
    if (bl && cw_copy_ex(c, buf, bl, 1, 0) < 0) return;
    sched(c, (long long)(due - now));
}

static void chat_start(conn_t *c)
{
    struct chat_st *g = &c->g.chat;
    g->t0 = uv_now(loop);
    if (g->stream) {
        if (!begin_chunked(c, 200, "text/event-stream", "Cache-Control: no-cache\r\n")) return;
        sched(c, g->ttft);
    } else {
        sched(c, g->ttft + (g->tokens > 0 ? (g->tokens - 1) * g->interval : 0));
    }
}

static void chat_pump(conn_t *c)
{
    struct chat_st *g = &c->g.chat;
    if (g->phase == PH_RESET) {
        if (c->pending) wait_drain(c, 0);
        else conn_close(c, 1);
        return;
    }
    if (c->pending > HIGH_WATER) {
        wait_drain(c, LOW_WATER);
        return;
    }
    if (g->phase == PH_SLOW) {
        g->phase = PH_RUN;
        chat_start(c);
        return;
    }
    if (g->stream) chat_stream(c);
    else chat_nonstream(c);
}

static void h_chat(conn_t *c)
{
    struct chat_st *g = &c->g.chat;
    char fault[64] = "";
    char sbuf[64];
    c->gkind = GK_CHAT;
    g->tokens = chat_int(c, "tokens", 50, 0, 10000000);
    g->interval = chat_int(c, "interval_ms", 20, 0, 3600000);
    g->ttft = chat_int(c, "ttft_ms", 200, 0, 3600000);
    g->delay = chat_int(c, "delay_ms", 1000, 0, 3600000);
    g->k = chat_int(c, "k", 5, 0, g->tokens);
    g->stream = chat_knob(c, "stream", sbuf, sizeof sbuf) ? truthy(sbuf) : 1;
    g->include_usage = chat_knob(c, "include_usage", sbuf, sizeof sbuf) ? truthy(sbuf) : 0;
    if (!g->include_usage && c->body.len) {
        const char *v;
        size_t vl;
        const char *u;
        size_t ul;
        if (js_get(c->body.p, c->body.len, "stream_options", &v, &vl) &&
            js_get(v, vl, "include_usage", &u, &ul) && ul == 4 && memcmp(u, "true", 4) == 0)
            g->include_usage = 1;
    }
    g->prompt_tokens = (long long)((c->body.len + 3) / 4);
    g->created = (long long)time(NULL);
    chat_knob(c, "fault", fault, sizeof fault);
    chat_knob(c, "gate", g->gate, sizeof g->gate);
    g->gate_at = chat_int(c, "gate_at", 1, 1, (long long)1 << 40);

    if (!fault[0]) g->fault = F_NONE;
    else if (!strcmp(fault, "429")) g->fault = F_429;
    else if (!strcmp(fault, "500")) g->fault = F_500;
    else if (!strcmp(fault, "close_after")) g->fault = F_CLOSE;
    else if (!strcmp(fault, "reset_after")) g->fault = F_RESET;
    else if (!strcmp(fault, "stall_after")) g->fault = F_STALL;
    else if (!strcmp(fault, "slow_headers")) g->fault = F_SLOWHDR;
    else if (!strcmp(fault, "malformed")) g->fault = F_MALFORMED;
    else if (!strcmp(fault, "error_event")) g->fault = F_ERROREVENT;
    else {
        send_text(c, 400, "unknown fault\n", NULL);
        return;
    }

    if (g->fault == F_429) {
        static const char body[] =
            "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_error\"}}";
        char extra[128];
        long long ra = chat_int(c, "retry_after", 1, 0, 1000000000);
        long long ram = chat_int(c, "retry_after_ms", -1, -1, 1000000000000LL);
        if (ram >= 0)
            snprintf(extra, sizeof extra, "Retry-After: %lld\r\nretry-after-ms: %lld\r\n", ra, ram);
        else
            snprintf(extra, sizeof extra, "Retry-After: %lld\r\n", ra);
        send_simple(c, 429, "application/json", body, sizeof body - 1, extra);
        return;
    }
    if (g->fault == F_500) {
        static const char body[] =
            "{\"error\":{\"message\":\"Internal server error\",\"type\":\"server_error\"}}";
        send_simple(c, 500, "application/json", body, sizeof body - 1, NULL);
        return;
    }
    c->pump = chat_pump;
    req_drop_data(c);
    if (g->fault == F_SLOWHDR) {
        g->phase = PH_SLOW;
        sched(c, g->delay);
        return;
    }
    g->phase = PH_RUN;
    chat_start(c);
}

/* ------------------------------------------------------------------------ */
/* Other endpoints                                                            */

static void h_echo(conn_t *c)
{
    dstr d = {0};
    ds_adds(&d, "{\"method\":");
    ds_json_str(&d, c->method, strlen(c->method));
    ds_adds(&d, ",\"path\":");
    ds_json_str(&d, c->path, strlen(c->path));
    ds_adds(&d, ",\"query\":");
    ds_json_str(&d, c->query, strlen(c->query));
    ds_adds(&d, ",\"headers\":{");
    int first = 1;
    for (int i = 0; i < c->nhdrs; i++) {
        int seen = 0;
        for (int j = 0; j < i && !seen; j++)
            if (!strcmp(c->hdrs[j].name, c->hdrs[i].name)) seen = 1;
        if (seen) continue;
        if (!first) ds_addc(&d, ',');
        first = 0;
        ds_json_str(&d, c->hdrs[i].name, strlen(c->hdrs[i].name));
        ds_addc(&d, ':');
        /* repeated fields are combined with ", " */
        dstr v = {0};
        ds_adds(&v, c->hdrs[i].value);
        for (int j = i + 1; j < c->nhdrs; j++)
            if (!strcmp(c->hdrs[j].name, c->hdrs[i].name)) {
                ds_adds(&v, ", ");
                ds_adds(&v, c->hdrs[j].value);
            }
        ds_json_str(&d, v.p, v.len);
        ds_free(&v);
    }
    ds_adds(&d, "},\"body\":");
    ds_json_str(&d, c->body.p ? c->body.p : "", c->body.len);
    ds_adds(&d, "}");
    send_simple(c, 200, "application/json", d.p, d.len, NULL);
    ds_free(&d);
}

static int parse_uint_strict(const char *s, long long max, long long *out)
{
    if (!*s) return 0;
    long long v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9') return 0;
        v = v * 10 + (*s - '0');
        if (v > max) return 0;
    }
    *out = v;
    return 1;
}

static void h_status(conn_t *c)
{
    long long code;
    if (!parse_uint_strict(c->path + 8, 999, &code) || code < 200 || code > 599) {
        send_text(c, 400, "status must be 200..599\n", NULL);
        return;
    }
    char body[64], extra[64] = "";
    snprintf(body, sizeof body, "%lld %s\n", code, reason((int)code));
    long long ra = query_int(c, "retry_after", -1, -1, 1000000000);
    if (ra >= 0) snprintf(extra, sizeof extra, "Retry-After: %lld\r\n", ra);
    send_text(c, (int)code, body, extra);
}

static int redirect_status(conn_t *c)
{
    long long st = query_int(c, "status", 302, 0, 999);
    return st >= 300 && st <= 399 ? (int)st : -1;
}

static void h_redirect(conn_t *c)
{
    long long n;
    int st = redirect_status(c);
    if (!parse_uint_strict(c->path + 10, 1000000, &n) || st < 0) {
        send_text(c, 400, "bad redirect\n", NULL);
        return;
    }
    dstr extra = {0};
    if (n > 0) ds_printf(&extra, "Location: /redirect/%lld", n - 1);
    else ds_adds(&extra, "Location: /echo");
    if (c->query[0]) ds_printf(&extra, "?%s", c->query);
    ds_adds(&extra, "\r\n");
    send_text(c, st, "redirecting\n", extra.p);
    ds_free(&extra);
}

static void h_redirect_to(conn_t *c)
{
    size_t ul = 0;
    char *url = query_alloc(c, "url", &ul);
    int st = redirect_status(c);
    int ok = url && ul > 0 && st > 0;
    for (size_t i = 0; ok && i < ul; i++)
        if ((unsigned char)url[i] < 0x20 || url[i] == 0x7f) ok = 0;
    if (!ok) {
        free(url);
        send_text(c, 400, "redirect-to needs url= (no control characters) and status=3xx\n", NULL);
        return;
    }
    dstr extra = {0};
    ds_printf(&extra, "Location: %s\r\n", url);
    free(url);
    send_text(c, st, "redirecting\n", extra.p);
    ds_free(&extra);
}

/* /bytes (chunked) and /length-lie (raw) */
static void bytes_pump(conn_t *c)
{
    struct bytes_st *g = &c->g.bytes;
    while (g->remaining > 0 && c->pending < HIGH_WATER) {
        if (g->raw || g->chunk >= 4096) {
            size_t lim = g->raw ? XBUF_SIZE : g->chunk;
            size_t take = g->remaining < lim ? (size_t)g->remaining : lim;
            if (cw_static(c, XBUF, take, !g->raw) < 0) return;
            g->remaining -= take;
        } else {
            /* many small chunks framed into one write */
            dstr d = {0};
            while (g->remaining > 0 && d.len < 65536) {
                size_t take = g->remaining < g->chunk ? (size_t)g->remaining : g->chunk;
                ds_printf(&d, "%zx\r\n", take);
                ds_add(&d, XBUF, take);
                ds_add(&d, "\r\n", 2);
                g->remaining -= take;
            }
            if (cw_ds(c, &d) < 0) return;
        }
    }
    if (g->remaining > 0) {
        wait_drain(c, LOW_WATER);
        return;
    }
    if (g->raw) {
        if (g->lie) conn_end(c);
        else finish_response(c);
        return;
    }
    if (g->trailer) {
        dstr d = {0};
        ds_adds(&d, "0\r\n");
        ds_adds(&d, g->trailer);
        ds_adds(&d, "\r\n\r\n");
        if (cw_ds(c, &d) < 0) return;
    } else if (cw_str(c, "0\r\n\r\n") < 0) {
        return;
    }
    finish_response(c);
}

static void h_bytes(conn_t *c)
{
    struct bytes_st *g = &c->g.bytes;
    c->gkind = GK_BYTES;
    g->remaining = (uint64_t)query_int(c, "n", 1024, 0, (long long)1 << 50);
    g->chunk = (size_t)query_int(c, "chunk", 16384, 1, (long long)XBUF_SIZE);
    size_t tl = 0;
    g->trailer = query_alloc(c, "trailer", &tl);
    dstr announce = {0};
    if (g->trailer) {
        /* one line only: CR, LF and NUL would let a test forge more than a trailer */
        for (size_t i = 0; i < tl; i++)
            if (g->trailer[i] == '\r' || g->trailer[i] == '\n' || g->trailer[i] == 0) g->trailer[i] = ' ';
        g->trailer[tl] = 0;
        const char *colon = strchr(g->trailer, ':');
        ds_adds(&announce, "Trailer: ");
        ds_add(&announce, g->trailer, colon ? (size_t)(colon - g->trailer) : tl);
        ds_adds(&announce, "\r\n");
    }
    int go = begin_chunked(c, 200, "application/octet-stream", announce.p);
    ds_free(&announce);
    if (!go) return;
    c->pump = bytes_pump;
    bytes_pump(c);
}

static void h_length_lie(conn_t *c)
{
    struct bytes_st *g = &c->g.bytes;
    long long n = query_int(c, "n", 10, 0, (long long)1 << 50);
    c->gkind = GK_BYTES;
    g->remaining = (uint64_t)n;
    g->raw = 1;
    g->lie = 1;
    dstr d = {0};
    add_head(c, &d, 200, "application/octet-stream", n * 2, NULL);
    if (cw_ds(c, &d) < 0) return;
    if (c->is_head) {
        finish_response(c);
        return;
    }
    c->pump = bytes_pump;
    bytes_pump(c);
}

static void gzip_pump(conn_t *c)
{
    static unsigned char zout[65536];
    struct gzip_st *g = &c->g.gz;
    uint64_t used = 0;
    if (c->pending >= HIGH_WATER) {
        wait_drain(c, LOW_WATER);
        return;
    }
    while (!g->done) {
        if (g->zs.avail_in == 0 && g->remaining > 0) {
            size_t take = g->remaining < XBUF_SIZE ? (size_t)g->remaining : XBUF_SIZE;
            g->zs.next_in = (const Bytef *)XBUF;
            g->zs.avail_in = (uInt)take;
            g->remaining -= take;
        }
        int flush = g->remaining == 0 ? Z_FINISH : Z_NO_FLUSH;
        uInt in_before = g->zs.avail_in;
        g->zs.next_out = zout;
        g->zs.avail_out = sizeof zout;
        int rc = deflate(&g->zs, flush);
        used += in_before - g->zs.avail_in;
        size_t produced = sizeof zout - g->zs.avail_out;
        if (produced && cw_copy_ex(c, zout, produced, 1, 0) < 0) return;
        if (rc == Z_STREAM_END) {
            g->done = 1;
            break;
        }
        if (rc != Z_OK && rc != Z_BUF_ERROR) {
            fprintf(stderr, "llm-server: deflate failed (%d)\n", rc);
            conn_close(c, 0);
            return;
        }
        if (used >= GZIP_BUDGET || c->pending >= HIGH_WATER) break;
    }
    if (g->done) {
        if (cw_str(c, "0\r\n\r\n") < 0) return;
        finish_response(c);
        return;
    }
    if (c->pending >= HIGH_WATER) wait_drain(c, LOW_WATER);
    else sched(c, 0); /* yield to other connections */
}

static void h_gzip(conn_t *c)
{
    struct gzip_st *g = &c->g.gz;
    c->gkind = GK_GZIP;
    g->remaining = (uint64_t)query_int(c, "n", 1024, 0, (long long)1 << 50);
    if (!begin_chunked(c, 200, "text/plain", "Content-Encoding: gzip\r\n")) return;
    if (deflateInit2(&g->zs, 6, Z_DEFLATED, 15 + 16, 8, Z_RLE) != Z_OK) {
        fprintf(stderr, "llm-server: deflateInit2 failed\n");
        conn_close(c, 0);
        return;
    }
    g->inited = 1;
    c->pump = gzip_pump;
    gzip_pump(c);
}

static void drip_pump(conn_t *c)
{
    struct drip_st *g = &c->g.drip;
    uint64_t now = uv_now(loop);
    char buf[4096];
    size_t bl = 0;
    if (c->pending >= HIGH_WATER) {
        wait_drain(c, LOW_WATER);
        return;
    }
    while (g->i < g->n && bl < sizeof buf &&
           g->t0 + g->i * (uint64_t)g->interval <= now) {
        buf[bl++] = g->data ? g->data[g->i % g->dlen] : 'x';
        g->i++;
    }
    if (bl && cw_copy_ex(c, buf, bl, 1, 0) < 0) return;
    if (g->i >= g->n) {
        if (cw_str(c, "0\r\n\r\n") < 0) return;
        finish_response(c);
        return;
    }
    uint64_t due = g->t0 + g->i * (uint64_t)g->interval;
    sched(c, due > now ? (long long)(due - now) : 0);
}

static void h_drip(conn_t *c)
{
    struct drip_st *g = &c->g.drip;
    c->gkind = GK_DRIP;
    size_t dl = 0;
    g->data = query_alloc(c, "body", &dl);
    if (g->data && dl == 0) {
        free(g->data);
        g->data = NULL;
    }
    g->dlen = dl;
    g->n = (uint64_t)query_int(c, "n", g->data ? (long long)dl : 10, 0, (long long)1 << 40);
    g->interval = query_int(c, "interval_ms", 100, 0, 3600000);
    if (!begin_chunked(c, 200, "application/octet-stream", NULL)) return;
    g->t0 = uv_now(loop);
    c->pump = drip_pump;
    drip_pump(c);
}

static void sse_pump(conn_t *c)
{
    struct sse_st *g = &c->g.sse;
    uint64_t now = uv_now(loop);
    int pieces = 0;
    if (c->pending >= HIGH_WATER) {
        wait_drain(c, LOW_WATER);
        return;
    }
    for (;;) {
        if (g->gate[0] && !g->gate_passed && g->piece == 1) {
            if (!gate_is_open(g->gate)) {
                sched(c, GATE_POLL_MS);
                return;
            }
            /* the schedule restarts at the opening: piece 1 is due now */
            g->gate_passed = 1;
            g->t0 = now - (uint64_t)g->interval;
        }
        if (g->off >= g->len) break;
        uint64_t due = g->t0 + g->piece * (uint64_t)g->interval;
        if (due > now) {
            sched(c, (long long)(due - now));
            return;
        }
        if (pieces >= PIECE_BATCH || c->pending >= HIGH_WATER) {
            sched(c, 0);
            return;
        }
        size_t take = g->len - g->off < g->chunk ? g->len - g->off : g->chunk;
        if (cw_copy_ex(c, g->data + g->off, take, 1, 0) < 0) return;
        g->off += take;
        g->piece++;
        pieces++;
    }
    if (g->close) {
        conn_end(c); /* no terminating chunk */
        return;
    }
    if (cw_str(c, "0\r\n\r\n") < 0) return;
    finish_response(c);
}

static void h_sse(conn_t *c)
{
    struct sse_st *g = &c->g.sse;
    c->gkind = GK_SSE;
    size_t dl = 0;
    g->data = query_alloc(c, "data", &dl);
    g->len = g->data ? dl : 0;
    g->chunk = (size_t)query_int(c, "chunk", 0, 0, (long long)1 << 40);
    if (g->chunk == 0) g->chunk = g->len ? g->len : 1;
    g->interval = query_int(c, "interval_ms", 0, 0, 3600000);
    g->close = query_int(c, "close", 0, 0, 1) == 1;
    query_str(c, "gate", g->gate, sizeof g->gate);
    if (!begin_chunked(c, 200, "text/event-stream", "Cache-Control: no-cache\r\n")) return;
    g->t0 = uv_now(loop);
    c->pump = sse_pump;
    sse_pump(c);
}

static void h_big_headers(conn_t *c)
{
    long long n = query_int(c, "n", 65536, 0, (long long)64 << 20);
    long long line = query_int(c, "line", 1024, 16, (long long)64 << 20);
    dstr extra = {0};
    long long left = n < 16 ? (n > 0 ? 16 : 0) : n;
    int idx = 0;
    /* lines "X-Big-NNNNN: vvv\r\n" of at most `line` bytes whose total length is exactly n (n >= 16) */
    while (left > 0) {
        long long len = left < line ? left : line;
        if (left - len > 0 && left - len < 16) len = left - 16;
        char name[24];
        int nl = snprintf(name, sizeof name, "X-Big-%05d: ", idx++ % 100000);
        long long vlen = len - nl - 2;
        ds_adds(&extra, name);
        for (long long i = 0; i < vlen; i++) ds_addc(&extra, 'a' + (char)(i % 26));
        ds_adds(&extra, "\r\n");
        left -= len;
    }
    send_text(c, 200, "ok", extra.p);
    ds_free(&extra);
}

static void h_json(conn_t *c)
{
    long long n = query_int(c, "n", 10, 0, 10000000);
    dstr d = {0};
    char tmp[32];
    ds_reserve(&d, (size_t)n * 8 + 16);
    ds_adds(&d, "{\"items\":[");
    for (long long i = 0; i < n; i++) {
        size_t tl = put_u(tmp, 0, (unsigned long long)i);
        if (i) ds_addc(&d, ',');
        ds_add(&d, tmp, tl);
    }
    ds_adds(&d, "]}");
    send_simple(c, 200, "application/json", d.p, d.len, NULL);
    ds_free(&d);
}

/* what the server saw: lets a test prove that a refused request never reached it */
static void h_counters(conn_t *c)
{
    uint64_t open = 0;
    for (conn_t *o = conns; o; o = o->next)
        if (!o->closing) open++;
    char buf[160];
    int n = snprintf(buf, sizeof buf, "{\"connections\":%llu,\"requests\":%llu,\"open\":%llu}",
                     (unsigned long long)stat_connections, (unsigned long long)stat_requests,
                     (unsigned long long)open);
    send_simple(c, 200, "application/json", buf, (size_t)n, NULL);
}

static void h_open(conn_t *c)
{
    char name[GATE_NAME + 1] = "";
    query_str(c, "gate", name, sizeof name);
    if (!name[0] || strlen(name) >= GATE_NAME) {
        send_text(c, 400, "gate must be 1-63 bytes\n", NULL);
        return;
    }
    if (!gate_open(name)) {
        send_text(c, 503, "too many gates\n", NULL);
        return;
    }
    send_text(c, 200, "open\n", NULL);
}

static int path_is(const char *p, const char *name)
{
    return strcmp(p, name) == 0;
}

static int path_under(const char *p, const char *prefix)
{
    return strncmp(p, prefix, strlen(prefix)) == 0;
}

static int wants_body(const char *path)
{
    return path_is(path, "/echo") || path_under(path, "/echo/") ||
           path_is(path, "/v1/chat/completions");
}

static void dispatch(conn_t *c)
{
    const char *p = c->path;
    stat_requests++;
    if (path_is(p, "/v1/chat/completions")) h_chat(c);
    else if (path_is(p, "/echo") || path_under(p, "/echo/")) h_echo(c);
    else if (path_under(p, "/status/")) h_status(c);
    else if (path_under(p, "/redirect/")) h_redirect(c);
    else if (path_is(p, "/redirect-to")) h_redirect_to(c);
    else if (path_is(p, "/bytes")) h_bytes(c);
    else if (path_is(p, "/gzip")) h_gzip(c);
    else if (path_is(p, "/drip")) h_drip(c);
    else if (path_is(p, "/length-lie")) h_length_lie(c);
    else if (path_is(p, "/sse")) h_sse(c);
    else if (path_is(p, "/stall")) begin_chunked(c, 200, "text/plain", NULL);
    else if (path_is(p, "/hang")) { /* never respond */ }
    else if (path_is(p, "/close")) conn_close(c, 0);
    else if (path_is(p, "/bad-status")) {
        static const char r[] = "HTTP/1.1 abc Bogus\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";
        send_raw_and_close(c, r, sizeof r - 1);
    } else if (path_is(p, "/dup-length")) {
        static const char r[] = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n"
                                "Content-Length: 7\r\nConnection: close\r\n\r\nhello";
        send_raw_and_close(c, r, sizeof r - 1);
    } else if (path_is(p, "/big-headers")) h_big_headers(c);
    else if (path_is(p, "/json")) h_json(c);
    else if (path_is(p, "/counters")) h_counters(c);
    else if (path_is(p, "/open")) h_open(c);
    else send_text(c, 404, "404 Not Found\n", NULL);
}

/* ------------------------------------------------------------------------ */
/* Request parsing                                                            */

static void consume(conn_t *c, size_t n)
{
    if (n >= c->rlen) {
        c->rlen = 0;
    } else {
        memmove(c->rbuf, c->rbuf + n, c->rlen - n);
        c->rlen -= n;
    }
    if (c->rlen == 0 && c->rcap) {
        free(c->rbuf);
        c->rbuf = NULL;
        c->rcap = 0;
    }
}

static int is_tchar(unsigned char ch)
{
    return isalnum(ch) || (ch && strchr("!#$%&'*+-.^_`|~", ch) != NULL);
}

/* returns 1 when a request head was parsed (state -> ST_BODY), 0 if more
 * input is needed, -1 after an error response */
static int parse_head(conn_t *c)
{
    size_t s = 0;
    while (s < c->rlen && (c->rbuf[s] == '\r' || c->rbuf[s] == '\n')) s++;
    if (s) consume(c, s);
    if (!c->rlen) return 0;

    size_t end = 0;
    for (size_t i = 0; i < c->rlen; i++) {
        if (c->rbuf[i] != '\n') continue;
        if (i + 1 < c->rlen && c->rbuf[i + 1] == '\n') { end = i + 2; break; }
        if (i + 2 < c->rlen && c->rbuf[i + 1] == '\r' && c->rbuf[i + 2] == '\n') { end = i + 3; break; }
    }
    if (!end) {
        if (c->rlen > MAX_HEAD) {
            send_error(c, 431, "request header block too large");
            return -1;
        }
        return 0;
    }
    if (end > MAX_HEAD) {
        send_error(c, 431, "request header block too large");
        return -1;
    }

    req_reset(c);
    c->close_after_resp = 0;
    c->hblock = xmalloc(end + 1);
    memcpy(c->hblock, c->rbuf, end);
    c->hblock[end] = 0;
    consume(c, end);
    if (memchr(c->hblock, 0, end)) {
        send_error(c, 400, "NUL byte in request head");
        return -1;
    }

    int lines = 0;
    for (size_t i = 0; i < end; i++)
        if (c->hblock[i] == '\n') lines++;
    if (lines - 1 > MAX_HEADERS) {
        send_error(c, 431, "too many header fields");
        return -1;
    }
    c->hdrs = xmalloc(sizeof(hdr_t) * (size_t)(lines > 0 ? lines : 1));

    char *line = c->hblock;
    int first = 1;
    while (*line) {
        char *nl = strchr(line, '\n');
        char *next = nl ? nl + 1 : line + strlen(line);
        if (nl) *nl = 0;
        size_t ll = strlen(line);
        if (ll && line[ll - 1] == '\r') line[--ll] = 0;
        if (strchr(line, '\r')) {
            send_error(c, 400, "bare CR in request head");
            return -1;
        }
        if (ll == 0) break; /* end of head */
        if (first) {
            first = 0;
            char *sp1 = strchr(line, ' ');
            char *sp2 = sp1 ? strchr(sp1 + 1, ' ') : NULL;
            if (!sp1 || !sp2 || strchr(sp2 + 1, ' ') || sp1 == line || sp2 == sp1 + 1) {
                send_error(c, 400, "malformed request line");
                return -1;
            }
            *sp1 = 0;
            *sp2 = 0;
            c->method = line;
            char *target = sp1 + 1, *version = sp2 + 1;
            if (strlen(c->method) > 32) {
                send_error(c, 400, "method too long");
                return -1;
            }
            for (char *m = c->method; *m; m++)
                if (!is_tchar((unsigned char)*m)) {
                    send_error(c, 400, "invalid method");
                    return -1;
                }
            for (unsigned char *t = (unsigned char *)target; *t; t++)
                if (*t <= 0x20 || *t == 0x7f) {
                    send_error(c, 400, "invalid request target");
                    return -1;
                }
            if (!strcmp(version, "HTTP/1.1")) c->http_minor = 1;
            else if (!strcmp(version, "HTTP/1.0")) c->http_minor = 0;
            else if (!strncmp(version, "HTTP/", 5) && isdigit((unsigned char)version[5]) &&
                     version[6] == '.' && isdigit((unsigned char)version[7]) && !version[8]) {
                c->http_minor = 1;
                send_error(c, 505, "only HTTP/1.0 and HTTP/1.1 are supported");
                return -1;
            } else {
                send_error(c, 400, "malformed HTTP version");
                return -1;
            }
            if (target[0] != '/') {
                if (!strncasecmp(target, "http://", 7) || !strncasecmp(target, "https://", 8)) {
                    char *slash = strchr(strstr(target, "://") + 3, '/');
                    target = slash ? slash : (char *)"/";
                } else if (!(target[0] == '*' && !target[1])) {
                    send_error(c, 400, "invalid request target");
                    return -1;
                }
            }
            char *hash = strchr(target, '#');
            if (hash) *hash = 0;
            char *q = strchr(target, '?');
            if (q) {
                *q = 0;
                c->query = q + 1;
            } else {
                c->query = (char *)"";
            }
            c->path = target;
        } else {
            if (line[0] == ' ' || line[0] == '\t') {
                send_error(c, 400, "obsolete header line folding");
                return -1;
            }
            char *colon = strchr(line, ':');
            if (!colon || colon == line) {
                send_error(c, 400, "malformed header field");
                return -1;
            }
            for (char *p = line; p < colon; p++) {
                if (!is_tchar((unsigned char)*p)) {
                    send_error(c, 400, "invalid header field name");
                    return -1;
                }
                *p = (char)tolower((unsigned char)*p);
            }
            *colon = 0;
            char *v = colon + 1;
            while (*v == ' ' || *v == '\t') v++;
            char *ve = v + strlen(v);
            while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t')) *--ve = 0;
            for (unsigned char *p = (unsigned char *)v; *p; p++)
                if ((*p < 0x20 && *p != '\t') || *p == 0x7f) {
                    send_error(c, 400, "invalid header field value");
                    return -1;
                }
            c->hdrs[c->nhdrs].name = line;
            c->hdrs[c->nhdrs].value = v;
            c->nhdrs++;
        }
        line = next;
    }
    if (first) {
        send_error(c, 400, "empty request");
        return -1;
    }

    c->is_head = !strcmp(c->method, "HEAD");
    const char *conn = hdr_get(c, "connection");
    if (c->http_minor == 1) c->keepalive = !has_token(conn, "close");
    else c->keepalive = has_token(conn, "keep-alive");
    c->close_after_resp = !c->keepalive;

    /* body framing */
    const char *te = NULL;
    int ncl = 0;
    uint64_t cl = 0;
    for (int i = 0; i < c->nhdrs; i++) {
        if (!strcmp(c->hdrs[i].name, "transfer-encoding")) {
            if (te) {
                send_error(c, 400, "repeated Transfer-Encoding");
                return -1;
            }
            te = c->hdrs[i].value;
        } else if (!strcmp(c->hdrs[i].name, "content-length")) {
            const char *v = c->hdrs[i].value;
            uint64_t x = 0;
            if (!*v) {
                send_error(c, 400, "invalid Content-Length");
                return -1;
            }
            for (; *v; v++) {
                if (*v < '0' || *v > '9' || x > (UINT64_MAX - 9) / 10) {
                    send_error(c, 400, "invalid Content-Length");
                    return -1;
                }
                x = x * 10 + (uint64_t)(*v - '0');
            }
            if (ncl++ && x != cl) {
                send_error(c, 400, "conflicting Content-Length");
                return -1;
            }
            cl = x;
        }
    }
    c->keep_body = wants_body(c->path);
    if (te) {
        if (ncl) {
            send_error(c, 400, "both Transfer-Encoding and Content-Length");
            return -1;
        }
        if (strcasecmp(te, "chunked") != 0) {
            send_error(c, 501, "unsupported Transfer-Encoding");
            return -1;
        }
        c->bmode = BODY_CHUNKED;
        c->ck = CK_SIZE;
    } else if (cl > 0) {
        if (c->keep_body && cl > MAX_BODY) {
            send_error(c, 413, "request body too large");
            return -1;
        }
        c->bmode = BODY_CL;
        c->body_remaining = cl;
    } else {
        c->bmode = BODY_NONE;
    }
    const char *expect = hdr_get(c, "expect");
    if (expect && c->bmode != BODY_NONE && !strcasecmp(expect, "100-continue")) {
        if (cw_str(c, "HTTP/1.1 100 Continue\r\n\r\n") < 0) return -1;
    }
    c->state = ST_BODY;
    return 1;
}

static int body_append(conn_t *c, const char *p, size_t n)
{
    if (!c->keep_body) return 0;
    if ((uint64_t)c->body.len + n > MAX_BODY) {
        send_error(c, 413, "request body too large");
        return -1;
    }
    ds_add(&c->body, p, n);
    return 0;
}

/* returns 1 when the body is complete, 0 if more input is needed, -1 on error */
static int read_body(conn_t *c)
{
    if (c->bmode == BODY_NONE) return 1;
    if (c->bmode == BODY_CL) {
        size_t take = c->rlen < c->body_remaining ? c->rlen : (size_t)c->body_remaining;
        if (body_append(c, c->rbuf, take) < 0) return -1;
        consume(c, take);
        c->body_remaining -= take;
        return c->body_remaining == 0;
    }
    size_t p = 0;
    int rc = 0;
    while (p < c->rlen) {
        char *b = c->rbuf + p;
        size_t avail = c->rlen - p;
        if (c->ck == CK_SIZE || c->ck == CK_TRAILER) {
            char *nl = memchr(b, '\n', avail);
            if (!nl) {
                if (avail > MAX_CHUNK_LINE) {
                    send_error(c, 400, "chunk line too long");
                    return -1;
                }
                break;
            }
            size_t ll = (size_t)(nl - b);
            p += ll + 1;
            if (ll && b[ll - 1] == '\r') ll--;
            if (c->ck == CK_TRAILER) {
                if (ll == 0) {
                    rc = 1;
                    break;
                }
                c->trailer_bytes += ll;
                if (c->trailer_bytes > MAX_TRAILERS) {
                    send_error(c, 431, "trailers too large");
                    return -1;
                }
                continue;
            }
            uint64_t size = 0;
            size_t i = 0;
            for (; i < ll && hexval((unsigned char)b[i]) >= 0; i++) {
                if (i >= 15) {
                    send_error(c, 400, "chunk size too large");
                    return -1;
                }
                size = size * 16 + (uint64_t)hexval((unsigned char)b[i]);
            }
            if (i == 0) {
                send_error(c, 400, "invalid chunk size");
                return -1;
            }
            while (i < ll && (b[i] == ' ' || b[i] == '\t')) i++;
            if (i < ll && b[i] != ';') {
                send_error(c, 400, "invalid chunk size line");
                return -1;
            }
            if (size == 0) c->ck = CK_TRAILER;
            else {
                c->ck = CK_DATA;
                c->ck_remaining = size;
            }
        } else if (c->ck == CK_DATA) {
            size_t take = avail < c->ck_remaining ? avail : (size_t)c->ck_remaining;
            if (body_append(c, b, take) < 0) return -1;
            p += take;
            c->ck_remaining -= take;
            if (c->ck_remaining == 0) c->ck = CK_DATA_CRLF;
        } else { /* CK_DATA_CRLF */
            if (b[0] == '\n') {
                p += 1;
                c->ck = CK_SIZE;
            } else if (b[0] == '\r') {
                if (avail < 2) break;
                if (b[1] != '\n') {
                    send_error(c, 400, "missing CRLF after chunk data");
                    return -1;
                }
                p += 2;
                c->ck = CK_SIZE;
            } else {
                send_error(c, 400, "missing CRLF after chunk data");
                return -1;
            }
        }
    }
    consume(c, p);
    return rc;
}

static void process(conn_t *c)
{
    if (c->in_process) return;
    c->in_process = 1;
    while (!c->closing && !c->shutting) {
        if (c->state == ST_HEAD) {
            if (parse_head(c) <= 0) break;
        }
        if (c->state == ST_BODY) {
            int r = read_body(c);
            if (r <= 0) break;
            c->state = ST_RESP;
            dispatch(c);
            continue; /* a synchronously finished response re-enters ST_HEAD */
        }
        if (c->state == ST_RESP) break;
    }
    c->in_process = 0;
}

static void on_read_start(conn_t *c);

static void finish_response(conn_t *c)
{
    int close_now = c->close_after_resp || shutting_down;
    gen_free(c);
    c->pump = NULL;
    c->waiting_drain = 0;
    uv_timer_stop(&c->timer);
    ready_remove(c);
    req_reset(c);
    if (close_now) {
        conn_end(c);
        return;
    }
    c->state = ST_HEAD;
    if (!c->reading) on_read_start(c);
    if (!c->in_process && c->rlen) process(c);
}

/* ------------------------------------------------------------------------ */
/* libuv plumbing                                                             */

static void on_alloc(uv_handle_t *h, size_t sz, uv_buf_t *b)
{
    /* one shared buffer: libuv calls alloc, read(2) and read_cb back to back */
    static char rb[65536];
    (void)h;
    (void)sz;
    b->base = rb;
    b->len = sizeof rb;
}

static void on_read(uv_stream_t *s, ssize_t n, const uv_buf_t *b)
{
    conn_t *c = s->data;
    if (n < 0) {
        conn_close(c, 0);
        return;
    }
    if (n == 0 || c->closing || c->shutting) return;
    if (c->rlen + (size_t)n > c->rcap) {
        size_t nc = c->rcap ? c->rcap : 1024;
        while (nc < c->rlen + (size_t)n) nc *= 2;
        c->rbuf = xrealloc(c->rbuf, nc);
        c->rcap = nc;
    }
    memcpy(c->rbuf + c->rlen, b->base, (size_t)n);
    c->rlen += (size_t)n;
    if (c->state == ST_RESP) {
        if (c->rlen > READ_PAUSE) {
            uv_read_stop(s);
            c->reading = 0;
        }
        return;
    }
    process(c);
}

static void on_read_start(conn_t *c)
{
    if (uv_read_start((uv_stream_t *)&c->tcp, on_alloc, on_read) == 0) c->reading = 1;
    else conn_close(c, 0);
}

static void on_connection(uv_stream_t *srv, int status)
{
    static uint64_t last_err_log;
    if (status < 0) {
        uint64_t now = uv_now(loop);
        if (now - last_err_log > 1000) {
            fprintf(stderr, "llm-server: accept: %s\n", uv_strerror(status));
            last_err_log = now;
        }
        return;
    }
    conn_t *c = calloc(1, sizeof *c);
    if (!c) die_oom();
    uv_tcp_init(loop, &c->tcp);
    uv_timer_init(loop, &c->timer);
    c->tcp.data = c;
    c->timer.data = c;
    c->open_handles = 2;
    c->state = ST_HEAD;
    c->http_minor = 1;
    c->next = conns;
    if (conns) conns->prev = c;
    conns = c;
    if (uv_accept(srv, (uv_stream_t *)&c->tcp) < 0) {
        conn_close(c, 0);
        return;
    }
    uv_tcp_nodelay(&c->tcp, 1);
    stat_connections++;
    on_read_start(c);
}

static void on_signal(uv_signal_t *s, int signum)
{
    (void)s;
    (void)signum;
    if (shutting_down) return;
    shutting_down = 1;
    uv_close((uv_handle_t *)&server, NULL);
    uv_close((uv_handle_t *)&sig_term, NULL);
    uv_close((uv_handle_t *)&sig_int, NULL);
    uv_close((uv_handle_t *)&idle, NULL);
    for (conn_t *c = conns; c; c = c->next) conn_close(c, 0);
}

static void usage(FILE *f)
{
    fprintf(f, "usage: llm-server [--host 127.0.0.1] [--port 0]\n");
}

int main(int argc, char **argv)
{
    const char *host = "127.0.0.1";
    int port = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = NULL;
        if (!strncmp(a, "--host=", 7)) { host = a + 7; continue; }
        if (!strncmp(a, "--port=", 7)) { port = atoi(a + 7); continue; }
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) { usage(stdout); return 0; }
        if ((!strcmp(a, "--host") || !strcmp(a, "--port")) && i + 1 < argc) val = argv[++i];
        if (!val) {
            usage(stderr);
            return 2;
        }
        if (!strcmp(a, "--host")) host = val;
        else port = atoi(val);
    }
    if (port < 0 || port > 65535) {
        fprintf(stderr, "llm-server: invalid port\n");
        return 2;
    }

    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rlim_t want = rl.rlim_max == RLIM_INFINITY ? (rlim_t)1 << 20 : rl.rlim_max;
        rl.rlim_cur = want;
        if (setrlimit(RLIMIT_NOFILE, &rl) != 0)
            fprintf(stderr, "llm-server: setrlimit(RLIMIT_NOFILE): %s\n", strerror(errno));
    }
    signal(SIGPIPE, SIG_IGN);
    memset(XBUF, 'x', sizeof XBUF);

    loop = uv_default_loop();
    struct sockaddr_storage ss;
    int is6 = 0;
    if (uv_ip4_addr(host, port, (struct sockaddr_in *)&ss) != 0) {
        if (uv_ip6_addr(host, port, (struct sockaddr_in6 *)&ss) != 0) {
            fprintf(stderr, "llm-server: invalid host address: %s\n", host);
            return 2;
        }
        is6 = 1;
    }
    uv_tcp_init(loop, &server);
    int r = uv_tcp_bind(&server, (const struct sockaddr *)&ss, 0);
    if (r == 0) r = uv_listen((uv_stream_t *)&server, LISTEN_BACKLOG, on_connection);
    if (r != 0) {
        fprintf(stderr, "llm-server: cannot listen on %s:%d: %s\n", host, port, uv_strerror(r));
        return 1;
    }
    struct sockaddr_storage bound;
    int blen = sizeof bound;
    uv_tcp_getsockname(&server, (struct sockaddr *)&bound, &blen);
    int bport = is6 ? ntohs(((struct sockaddr_in6 *)&bound)->sin6_port)
                    : ntohs(((struct sockaddr_in *)&bound)->sin_port);

    uv_idle_init(loop, &idle);
    uv_signal_init(loop, &sig_term);
    uv_signal_init(loop, &sig_int);
    uv_signal_start(&sig_term, on_signal, SIGTERM);
    uv_signal_start(&sig_int, on_signal, SIGINT);

    if (is6) printf("LISTENING [%s]:%d\n", host, bport);
    else printf("LISTENING %s:%d\n", host, bport);
    fflush(stdout);

    uv_run(loop, UV_RUN_DEFAULT);
    r = uv_loop_close(loop);
    if (r != 0) fprintf(stderr, "llm-server: loop not empty at exit: %s\n", uv_strerror(r));
    return 0;
}
