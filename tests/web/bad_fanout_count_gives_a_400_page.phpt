--TEST--
Web: a fan-out count that is not a whole number from 1 to 50 gets a clear 400, from the page and from the relay
--SKIPIF--
<?php
require __DIR__ . '/../inc/fpm.inc';
loom_fpm_skipif();
if (loom_fpm_nginx_binary() === null) die('skip nginx not installed');
?>
--FILE--
<?php
require __DIR__ . '/web.inc';
$web = web_start(['max_children' => 1]);
$before = web_counters($web['up'])['requests'];
foreach (['0', '51', '-3', '2.5', 'ten', ''] as $n) {
    foreach (['index.php', 'stream.php'] as $page) {
        [$status, $body] = web_get("{$web['nginx']['url']}/$page?" . http_build_query(['prompt' => 'Hi', 'n' => $n]));
        $shown = $page === 'index.php' && preg_match('#<div class="error-page"[^>]*>(.*?)</div>#s', $body, $m)
            ? preg_replace('/\s+/', ' ', trim(strip_tags($m[1]))) : trim($body);
        printf("%-10s n=%-5s %s | %s\n", $page, json_encode($n), $status, $shown);
    }
}
echo "stream.php n[]=1: ", web_get("{$web['nginx']['url']}/stream.php?n[]=1")[0], "\n";
[$status, $body] = web_get("{$web['nginx']['url']}/index.php");
echo "index.php without n: $status, the form", str_contains($body, 'EventSource') ? ' and a stream' : ' only', "\n";
echo "requests that reached the model: ", web_counters($web['up'])['requests'] - $before - 1, "\n";
?>
--EXPECTF--
index.php  n="0"   HTTP/1.1 400 Bad Request | 400 Bad Request The fan-out count must be a whole number from 1 to 50; got “0”.
stream.php n="0"   HTTP/1.1 400 Bad Request | Bad fan-out count: n must be a whole number from 1 to 50.
index.php  n="51"  HTTP/1.1 400 Bad Request | 400 Bad Request The fan-out count must be a whole number from 1 to 50; got “51”.
stream.php n="51"  HTTP/1.1 400 Bad Request | Bad fan-out count: n must be a whole number from 1 to 50.
index.php  n="-3"  HTTP/1.1 400 Bad Request | 400 Bad Request The fan-out count must be a whole number from 1 to 50; got “-3”.
stream.php n="-3"  HTTP/1.1 400 Bad Request | Bad fan-out count: n must be a whole number from 1 to 50.
index.php  n="2.5" HTTP/1.1 400 Bad Request | 400 Bad Request The fan-out count must be a whole number from 1 to 50; got “2.5”.
stream.php n="2.5" HTTP/1.1 400 Bad Request | Bad fan-out count: n must be a whole number from 1 to 50.
index.php  n="ten" HTTP/1.1 400 Bad Request | 400 Bad Request The fan-out count must be a whole number from 1 to 50; got “ten”.
stream.php n="ten" HTTP/1.1 400 Bad Request | Bad fan-out count: n must be a whole number from 1 to 50.
index.php  n=""    HTTP/1.1 400 Bad Request | 400 Bad Request The fan-out count must be a whole number from 1 to 50; got “”.
stream.php n=""    HTTP/1.1 400 Bad Request | Bad fan-out count: n must be a whole number from 1 to 50.
stream.php n[]=1: HTTP/1.1 400 Bad Request
index.php without n: HTTP/1.1 200 OK, the form only
requests that reached the model: 0
