--TEST--
Meta: every ext/**/*.stub.php has an *_arginfo.h generated from its current content
--DESCRIPTION--
gen_stub.php records sha1 of the stub in the "Stub hash" line of the arginfo header it writes; a stub
edited without re-running scripts/gen-stubs.sh leaves a stale hash behind. (scripts/check-stubs.sh,
run by CI, goes further and regenerates the headers to catch hand edits too.)
--SKIPIF--
<?php
$ext = dirname(__DIR__, 2) . '/ext';
if (!is_dir($ext)) die('skip no ext/ source tree next to tests/');
?>
--FILE--
<?php
$ext = dirname(__DIR__, 2) . '/ext';
$it = new RecursiveIteratorIterator(new RecursiveDirectoryIterator($ext, FilesystemIterator::SKIP_DOTS));
$stubs = [];
foreach ($it as $file) {
    if (str_ends_with($file->getFilename(), '.stub.php')) {
        $stubs[] = $file->getPathname();
    }
}
sort($stubs);
echo count($stubs) > 0 ? "found stubs\n" : "no stubs found\n";

$stale = 0;
foreach ($stubs as $stub) {
    $rel = substr($stub, strlen($ext) + 1);
    $arginfo = substr($stub, 0, -strlen('.stub.php')) . '_arginfo.h';
    if (!is_file($arginfo)) {
        echo "$rel: no ", basename($arginfo), "\n";
        $stale++;
        continue;
    }
    $want = sha1(str_replace("\r\n", "\n", file_get_contents($stub)));
    if (!preg_match('/\* Stub hash: ([0-9a-f]+) \*/', file_get_contents($arginfo), $m)) {
        echo "$rel: ", basename($arginfo), " has no stub hash\n";
        $stale++;
    } elseif ($m[1] !== $want) {
        echo "$rel: ", basename($arginfo), " is stale (run scripts/gen-stubs.sh)\n";
        $stale++;
    }
}
echo $stale === 0 ? "all fresh\n" : "$stale stale\n";
?>
--EXPECT--
found stubs
all fresh
