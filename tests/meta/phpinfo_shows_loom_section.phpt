--TEST--
Meta: phpinfo() shows the Loom section with version, libuv and libcurl versions and ini values
--SKIPIF--
<?php if (!extension_loaded('loom')) die('skip loom not loaded'); ?>
--INI--
loom.shutdown=drain
loom.shutdown_timeout=30
loom.keep_connections=1
--FILE--
<?php
ob_start();
phpinfo(INFO_MODULES);
$info = ob_get_clean();

// Loom's own block (heading, table, ini directives), exactly as phpinfo() prints it; it must
// appear verbatim in phpinfo()'s output, and the checks below look only inside it.
ob_start();
(new ReflectionExtension('loom'))->info();
$section = ob_get_clean();

echo 'section in phpinfo(): ', ($section !== '' && str_contains($info, $section)) ? 'ok' : 'MISSING', "\n";

$checks = [
    'heading'          => '/^loom$/m',
    'support'          => '/^Loom support => enabled$/m',
    'version'          => '/^Version => 0\.1\.0$/m',
    'phpversion()'     => '/^Version => ' . preg_quote((string) phpversion('loom'), '/') . '$/m',
    'libuv version'    => '/^libuv version => 1\.\d+\.\d+/m',
    'libcurl version'  => '/^libcurl version => \d+\.\d+\.\d+/m',
    'loom.shutdown'    => '/^loom\.shutdown => drain => drain$/m',
    'shutdown_timeout' => '/^loom\.shutdown_timeout => 30 => 30$/m',
    'keep_connections' => '/^loom\.keep_connections => On => On$/m',
];
$bad = false;
foreach ($checks as $what => $re) {
    $ok = preg_match($re, $section) === 1;
    $bad = $bad || !$ok;
    echo $what, ': ', $ok ? 'ok' : 'MISSING', "\n";
}
if ($bad) {
    echo "--- Loom section ---\n", $section, "--- end ---\n";
}
?>
--EXPECT--
section in phpinfo(): ok
heading: ok
support: ok
version: ok
phpversion(): ok
libuv version: ok
libcurl version: ok
loom.shutdown: ok
shutdown_timeout: ok
keep_connections: ok
