--TEST--
Adapters: under php-fpm, a Guzzle handler or PSR-18 client made afresh in each request still reuses the worker's kept-alive upstream connection: ten requests, alternating adapters, one upstream connection
--SKIPIF--
<?php
require __DIR__ . '/adapters.inc';
loom_adapters_skipif();
require __DIR__ . '/../inc/fpm.inc';
loom_fpm_skipif();
?>
--FILE--
<?php
require __DIR__ . '/adapters.inc';
require __DIR__ . '/../inc/fpm.inc';
$fpm = loom_fpm_start(['max_children' => 1]);
$up = loom_fpm_counting_upstream_start();
$autoload = var_export(loom_fpm_copy_tree($fpm, loom_adapters_vendor(), 'vendor') . '/autoload.php', true);
loom_fpm_page($fpm, 'adapters.php', <<<PAGE
<?php
require $autoload;
\$url = \$_GET['url'] . '/anything';
if (\$_GET['via'] === 'guzzle') {
    \$guzzle = new GuzzleHttp\\Client(['handler' => GuzzleHttp\\HandlerStack::create(new Loom\\Guzzle\\Handler())]);
    \$body = (string)\$guzzle->get(\$url)->getBody();
} else {
    \$psr18 = new Loom\\Psr18\\Client();
    \$body = (string)\$psr18->sendRequest(new GuzzleHttp\\Psr7\\Request('GET', \$url))->getBody();
}
\$reply = json_decode(\$body, true);
echo json_encode(['pid' => getmypid(), 'conn' => \$reply['conn'], 'accepted' => \$reply['accepted']]);
PAGE);
$pages = [];
for ($i = 0; $i < 10; $i++) {
    $r = loom_fpm_request($fpm, 'adapters.php', ['query' => ['url' => $up['url'], 'via' => $i % 2 ? 'psr18' : 'guzzle']]);
    $pages[] = json_decode($r["body"], true) ?? ["error" => json_encode($r)];
}
echo "one worker served all: ", count(array_unique(array_column($pages, 'pid'))) === 1 ? 'yes' : 'no', "\n";
echo "connection that carried each request: ", implode(' ', array_column($pages, 'conn')), "\n";
echo "connections the upstream accepted for 10 requests: ", end($pages)['accepted'] ?? json_encode($pages), "\n";
?>
--EXPECT--
one worker served all: yes
connection that carried each request: 1 1 1 1 1 1 1 1 1 1
connections the upstream accepted for 10 requests: 1
