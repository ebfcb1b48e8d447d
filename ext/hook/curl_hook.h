// The curl hook: existing curl_exec() / curl_multi_exec() / curl_multi_select() code (Guzzle, Symfony
// HttpClient, SDKs) suspends only the calling task, fiber or top-level code instead of blocking the
// process. Loom replaces the three functions' handlers at MINIT (ini loom.hook_curl, system) and keeps
// ext/curl's classes and objects as they are; the originals run where no fiber switch is possible.
#ifndef LOOM_HOOK_CURL_HOOK_H
#define LOOM_HOOK_CURL_HOOK_H

#include <cstddef>

namespace loom::hook {

void curl_hook_minit();      // after the ini entries are registered
void curl_hook_mshutdown();  // restores ext/curl's handlers, frees the helper multis
void curl_hook_rshutdown();  // before the scheduler frees its waiters
void curl_hook_minfo();      // one phpinfo() row: hooked, off, or why not

// Hooked transfers in progress (curl_exec waits), for Loom\stats()['curl_handles'].
size_t curl_hook_transfers();

// Why the calling context must not suspend because the curl hook runs a curl callback on its stack
// (a WRITEFUNCTION that calls Loom\sleep()), or null.
const char* curl_hook_suspend_veto();

}  // namespace loom::hook

#endif
