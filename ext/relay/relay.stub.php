<?php

/**
 * Loom\Relay: hand a long upstream stream off php-fpm to one Loom relay process.
 * @generate-class-entries
 * @generate-legacy-arginfo 80100
 */

namespace Loom\Relay {

/**
 * Registers the upstream call with the relay at ini loom.relay_socket, answers the browser with
 * X-Accel-Redirect to the relay location carrying a one-time token, and ends the request.
 * $options are Loom\Http\Client request options. $url and $options may carry API keys: relay_minit() marks
 * them #[\SensitiveParameter] (gen_stub.php 8.2 misspells namespaced function names in that code).
 */
function handoff(string $method, string $url, array $options = [], array $relay = []): never {}

/** The relay process's main loop: returns after SIGTERM/SIGINT once running streams are drained. */
function serve(string $socket, array $options = []): void {}

}
