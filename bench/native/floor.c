/*
 * floor.c: the native floor for Loom's streaming benchmark.
 *
 * N concurrent OpenAI-style SSE streams over libcurl's multi-socket API,
 * driven by a libuv loop; no PHP. Parsing is minimal on purpose: split the
 * body into lines, count the `data:` lines that carry a delta "content"
 * (so the final `finish_reason` chunk and `data: [DONE]` are not tokens).
 * It prints one JSON line in the same shape as the PHP clients.
 *
 *   cc -O2 -o floor floor.c -lcurl -luv
 *   ./floor --url URL --n N [--tokens 50] [--body JSON] [--maxconnects K]
 *
 * --maxconnects sets CURLMOPT_MAXCONNECTS (default: libcurl's own), to test how
 * the size of libcurl's connection cache changes the cost of many streams.
 */
#define _GNU_SOURCE
#include <curl/curl.h>
#include <uv.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

typedef struct stream {
    CURL *easy;
    char line[8192]; /* the current, unfinished line */
    size_t line_len;
    int tokens;
    int done;         /* saw data: [DONE] */
    double first_ms;  /* first token, ms after t0; < 0 while none */
} stream_t;

typedef struct sock {
    uv_poll_t poll;
    curl_socket_t fd;
} sock_t;

static uv_loop_t *loop;
static CURLM *multi;
static uv_timer_t curl_timer;
static sock_t **socks;   /* by fd */
static size_t socks_cap;
static uint64_t t0_ns;
static int remaining;
static int failures;
static char first_error[256];
static int want_tokens = 50;

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void note_failure(const char *msg)
{
    failures++;
    if (first_error[0] == '\0') {
        snprintf(first_error, sizeof first_error, "%s", msg);
    }
}

static void on_line(stream_t *s, const char *p, size_t n)
{
    if (n > 0 && p[n - 1] == '\r') {
        n--;
    }
    if (n < 5 || memcmp(p, "data:", 5) != 0) {
        return;
    }
    p += 5;
    n -= 5;
    if (n > 0 && *p == ' ') {
        p++;
        n--;
    }
    if (n == 6 && memcmp(p, "[DONE]", 6) == 0) {
        s->done = 1;
        return;
    }
    if (memmem(p, n, "\"content\"", 9) != NULL) {
        if (s->tokens == 0) {
            s->first_ms = (double)(now_ns() - t0_ns) / 1e6;
        }
        s->tokens++;
    }
}

static size_t on_write(char *data, size_t size, size_t nmemb, void *userp)
{
    stream_t *s = userp;
    size_t len = size * nmemb;
    size_t i = 0;
    while (i < len) {
        char *nl = memchr(data + i, '\n', len - i);
        size_t take = nl ? (size_t)(nl - (data + i)) : len - i;
        if (s->line_len == 0 && nl) {
            on_line(s, data + i, take); /* whole line in the buffer: no copy */
        } else {
            size_t room = sizeof s->line - s->line_len;
            size_t copy = take < room ? take : room; /* over-long lines are cut */
            memcpy(s->line + s->line_len, data + i, copy);
            s->line_len += copy;
            if (nl) {
                on_line(s, s->line, s->line_len);
                s->line_len = 0;
            }
        }
        i += take + (nl ? 1 : 0);
    }
    return len;
}

static void check_done(void)
{
    CURLMsg *msg;
    int left;
    while ((msg = curl_multi_info_read(multi, &left)) != NULL) {
        if (msg->msg != CURLMSG_DONE) {
            continue;
        }
        CURL *easy = msg->easy_handle;
        stream_t *s = NULL;
        long status = 0;
        curl_easy_getinfo(easy, CURLINFO_PRIVATE, (char **)&s);
        curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
        char buf[256];
        if (msg->data.result != CURLE_OK) {
            snprintf(buf, sizeof buf, "curl error %d: %s", (int)msg->data.result,
                     curl_easy_strerror(msg->data.result));
            note_failure(buf);
        } else if (status != 200) {
            snprintf(buf, sizeof buf, "HTTP status %ld", status);
            note_failure(buf);
        } else if (s->tokens != want_tokens || !s->done) {
            snprintf(buf, sizeof buf, "stream had %d tokens, done=%d", s->tokens, s->done);
            note_failure(buf);
        }
        curl_multi_remove_handle(multi, easy);
        curl_easy_cleanup(easy);
        s->easy = NULL;
        remaining--;
    }
    if (remaining == 0) {
        uv_timer_stop(&curl_timer);
        uv_stop(loop); /* idle kept-alive sockets must not keep the loop alive */
    }
}

static void on_poll(uv_poll_t *h, int status, int events)
{
    sock_t *k = h->data;
    int flags = 0;
    if (status < 0) {
        flags = CURL_CSELECT_ERR;
    } else {
        if (events & UV_READABLE) flags |= CURL_CSELECT_IN;
        if (events & UV_WRITABLE) flags |= CURL_CSELECT_OUT;
    }
    int running;
    curl_multi_socket_action(multi, k->fd, flags, &running);
    check_done();
}

static void on_timer(uv_timer_t *t)
{
    int running;
    curl_multi_socket_action(multi, CURL_SOCKET_TIMEOUT, 0, &running);
    check_done();
}

static int timer_cb(CURLM *m, long timeout_ms, void *userp)
{
    if (timeout_ms < 0) {
        uv_timer_stop(&curl_timer);
    } else {
        /* never call back into curl from inside this callback: 0 becomes 1 ms */
        uv_timer_start(&curl_timer, on_timer, timeout_ms == 0 ? 1 : (uint64_t)timeout_ms, 0);
    }
    return 0;
}

static void free_sock(uv_handle_t *h)
{
    free(h->data);
}

static int socket_cb(CURL *easy, curl_socket_t fd, int what, void *userp, void *sockp)
{
    if ((size_t)fd >= socks_cap) {
        return -1;
    }
    sock_t *k = socks[fd];
    if (what == CURL_POLL_REMOVE) {
        if (k) {
            uv_poll_stop(&k->poll); /* the fd stays open: we own its close */
        }
        return 0;
    }
    if (!k) {
        k = calloc(1, sizeof *k);
        k->fd = fd;
        k->poll.data = k;
        uv_poll_init_socket(loop, &k->poll, fd);
        socks[fd] = k;
    }
    int ev = 0;
    if (what & CURL_POLL_IN) ev |= UV_READABLE;
    if (what & CURL_POLL_OUT) ev |= UV_WRITABLE;
    uv_poll_start(&k->poll, ev, on_poll);
    return 0;
}

static int close_socket_cb(void *clientp, curl_socket_t fd)
{
    if ((size_t)fd < socks_cap && socks[fd]) {
        sock_t *k = socks[fd];
        socks[fd] = NULL;
        uv_poll_stop(&k->poll);
        uv_close((uv_handle_t *)&k->poll, free_sock);
    }
    return close(fd);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double pct(const double *v, int n, double p)
{
    if (n == 0) return -1;
    int i = (int)(p * (n - 1) + 0.5);
    return v[i];
}

int main(int argc, char **argv)
{
    const char *url = NULL;
    const char *body = "{\"model\":\"loom-mock\",\"stream\":true,"
                       "\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]}";
    int n = 1;
    long maxconnects = -1;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--url")) url = argv[i + 1];
        else if (!strcmp(argv[i], "--n")) n = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--tokens")) want_tokens = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--body")) body = argv[i + 1];
        else if (!strcmp(argv[i], "--maxconnects")) maxconnects = atol(argv[i + 1]);
    }
    if (!url || n < 1) {
        fprintf(stderr, "usage: %s --url URL --n N [--tokens 50] [--body JSON] [--maxconnects K]\n", argv[0]);
        return 2;
    }

    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
        socks_cap = rl.rlim_cur > 16 ? (size_t)rl.rlim_cur : 1024;
    } else {
        socks_cap = 65536;
    }
    socks = calloc(socks_cap, sizeof *socks);

    curl_global_init(CURL_GLOBAL_DEFAULT);
    loop = uv_default_loop();
    uv_timer_init(loop, &curl_timer);
    multi = curl_multi_init();
    curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, socket_cb);
    curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, timer_cb);
    if (maxconnects >= 0) {
        curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, maxconnects);
    }

    struct curl_slist *hdrs = NULL;
    hdrs = curl_slist_append(hdrs, "Content-Type: application/json");
    hdrs = curl_slist_append(hdrs, "Accept: text/event-stream");

    stream_t *streams = calloc((size_t)n, sizeof *streams);
    struct rusage ru0;
    getrusage(RUSAGE_SELF, &ru0);
    t0_ns = now_ns();
    for (int i = 0; i < n; i++) {
        stream_t *s = &streams[i];
        s->first_ms = -1;
        CURL *e = curl_easy_init();
        s->easy = e;
        curl_easy_setopt(e, CURLOPT_URL, url);
        curl_easy_setopt(e, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(e, CURLOPT_HTTPHEADER, hdrs);
        curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_write);
        curl_easy_setopt(e, CURLOPT_WRITEDATA, s);
        curl_easy_setopt(e, CURLOPT_PRIVATE, (char *)s);
        curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(e, CURLOPT_CLOSESOCKETFUNCTION, close_socket_cb);
        curl_multi_add_handle(multi, e);
    }
    remaining = n;
    uv_run(loop, UV_RUN_DEFAULT);
    double wall = (double)(now_ns() - t0_ns) / 1e9;
    struct rusage ru1;
    getrusage(RUSAGE_SELF, &ru1);
    double cpu = (double)(ru1.ru_utime.tv_sec - ru0.ru_utime.tv_sec)
               + (double)(ru1.ru_utime.tv_usec - ru0.ru_utime.tv_usec) / 1e6
               + (double)(ru1.ru_stime.tv_sec - ru0.ru_stime.tv_sec)
               + (double)(ru1.ru_stime.tv_usec - ru0.ru_stime.tv_usec) / 1e6;

    long total = 0;
    int nt = 0;
    double *ttft = calloc((size_t)n, sizeof *ttft);
    for (int i = 0; i < n; i++) {
        total += streams[i].tokens;
        if (streams[i].first_ms >= 0) ttft[nt++] = streams[i].first_ms;
    }
    qsort(ttft, (size_t)nt, sizeof *ttft, cmp_double);

    char err[300] = "";
    for (size_t i = 0, j = 0; first_error[i] && j + 2 < sizeof err; i++) {
        char c = first_error[i];
        if (c == '"' || c == '\\') err[j++] = '\\';
        err[j++] = (c >= 32) ? c : ' ';
    }
    printf("{\"client\":\"floor\",\"n\":%d,\"tokens\":%ld,\"expected\":%ld,\"failures\":%d,"
           "\"error\":\"%s\",\"wall_s\":%.6f,\"work_cpu_s\":%.6f,\"ttft_p50_ms\":%.3f,"
           "\"ttft_p99_ms\":%.3f}\n",
           n, total, (long)n * want_tokens, failures, err, wall, cpu,
           pct(ttft, nt, 0.50), pct(ttft, nt, 0.99));

    curl_slist_free_all(hdrs);
    curl_multi_cleanup(multi);
    uv_close((uv_handle_t *)&curl_timer, NULL);
    uv_run(loop, UV_RUN_DEFAULT);
    uv_loop_close(loop);
    curl_global_cleanup();
    free(ttft);
    free(streams);
    free(socks);
    return failures ? 1 : 0;
}
