<?php
/*
 * Regenerates the <contents> block of package.xml (the PECL package description) from `git ls-files`,
 * so the file list never goes stale.
 *
 *   php scripts/gen-package-xml.php           rewrite <contents> in package.xml (only if it changed)
 *   php scripts/gen-package-xml.php --check   exit 1 if package.xml is stale, or if config.m4,
 *                                             config.w32, package.xml and ext/php_loom.h disagree
 *                                             (sources, version)
 *
 * Only files git tracks (the index) are listed, never untracked ones: a clean clone is what gets packaged.
 * Roles:
 *   src   config.m4, config.w32, and C/C++ sources, headers, *.stub.php and *_arginfo.h under ext/
 *   doc   README*, LICENSE*, CHANGELOG*, NEWS, CREDITS, and everything under examples/ and docs/
 *   test  everything under tests/ except dot-files (.gitignore)
 * Anything else (scripts/, .ci/, .clang-format, package.xml, build by-products that slipped into git...)
 * is not packaged; files under ext/ that are left out are reported on stderr.
 */

declare(strict_types=1);

const SRC_EXTENSIONS = ['c', 'cc', 'cpp', 'cxx', 'h', 'hh', 'hpp', 'hxx', 'inc', 'def'];
const ROOT_DOCS = '/^(README|LICENSE|COPYING|CHANGELOG|NEWS|CREDITS|UPGRADING)(\.[A-Za-z0-9]+)?$/';

$root = dirname(__DIR__);
$packageXml = "$root/package.xml";

function fail(string $msg): never
{
    fwrite(STDERR, "gen-package-xml: $msg\n");
    exit(1);
}

/** @return list<string> tracked paths, sorted bytewise */
function trackedFiles(string $root): array
{
    $cmd = 'git -C ' . escapeshellarg($root) . ' ls-files -z';
    $out = shell_exec($cmd);
    if (!is_string($out)) {
        fail("`git ls-files` failed; run this inside the git checkout");
    }
    $files = array_values(array_filter(explode("\0", $out), static fn (string $f): bool => $f !== ''));
    sort($files, SORT_STRING);
    return $files;
}

/** Role for a tracked path, or null when it is not part of the package. */
function roleFor(string $path): ?string
{
    $base = basename($path);
    if ($path === 'config.m4' || $path === 'config.w32') {
        return 'src';
    }
    if (!str_contains($path, '/') && preg_match(ROOT_DOCS, $base)) {
        return 'doc';
    }
    if (str_starts_with($path, 'examples/') || str_starts_with($path, 'docs/')) {
        return $base[0] === '.' ? null : 'doc';
    }
    if (str_starts_with($path, 'tests/')) {
        return $base[0] === '.' ? null : 'test';
    }
    if (str_starts_with($path, 'ext/')) {
        if (str_ends_with($base, '.stub.php')) {
            return 'src';
        }
        $ext = strtolower(pathinfo($base, PATHINFO_EXTENSION));
        return in_array($ext, SRC_EXTENSIONS, true) ? 'src' : null;
    }
    return null;
}

/** @return array{0: array<string,string>, 1: list<string>} [path => role], ext/ files left out */
function packagedFiles(string $root): array
{
    $files = [];
    $skippedExt = [];
    foreach (trackedFiles($root) as $path) {
        $role = roleFor($path);
        if ($role !== null) {
            $files[$path] = $role;
        } elseif (str_starts_with($path, 'ext/')) {
            $skippedExt[] = $path;
        }
    }
    return [$files, $skippedExt];
}

function contentsBlock(array $files, string $indent): string
{
    $lines = ["$indent<contents>", "$indent <dir name=\"/\">"];
    foreach ($files as $path => $role) {
        $name = htmlspecialchars($path, ENT_XML1 | ENT_QUOTES, 'UTF-8');
        $lines[] = "$indent  <file role=\"$role\" name=\"$name\"/>";
    }
    $lines[] = "$indent </dir>";
    $lines[] = "$indent</contents>";
    return implode("\n", $lines);
}

function renderPackageXml(string $xml, array $files): string
{
    $re = '#^([ \t]*)<contents>.*?</contents>#ms';
    if (!preg_match($re, $xml, $m)) {
        fail("package.xml has no <contents>...</contents> block");
    }
    return preg_replace_callback($re, static fn (array $m): string => contentsBlock($files, $m[1]), $xml, 1);
}

/** Source files named in config.m4's LOOM_SOURCES. @return list<string> */
function m4Sources(string $root): array
{
    $m4 = @file_get_contents("$root/config.m4");
    if ($m4 === false) {
        fail("cannot read config.m4");
    }
    if (!preg_match('/LOOM_SOURCES="([^"]*)"/s', $m4, $m)) {
        fail('config.m4 has no LOOM_SOURCES="..." assignment');
    }
    $parts = preg_split('/[\s\\\\]+/', $m[1], -1, PREG_SPLIT_NO_EMPTY);
    return array_values(array_filter($parts, static fn (string $p): bool => (bool) preg_match('/\.(c|cc|cpp|cxx)$/', $p)));
}

/** Source files named (as "dir/file.cc" string literals) in config.w32. @return list<string> */
function w32Sources(string $root): array
{
    $w32 = @file_get_contents("$root/config.w32");
    if ($w32 === false) {
        fail("cannot read config.w32");
    }
    // Ignore // comments so a commented-out entry does not count.
    $w32 = preg_replace('#//[^\n]*#', '', $w32);
    preg_match_all('/"([A-Za-z0-9_\/.-]+\.(?:c|cc|cpp|cxx))"/', $w32, $m);
    return $m[1];
}

function check(string $root, string $packageXml, array $files, string $current, string $fresh): int
{
    $problems = [];

    if ($current !== $fresh) {
        $old = [];
        if (preg_match_all('#<file\b[^>]*\bname="([^"]*)"#', $current, $m)) {
            $old = array_map(static fn (string $n): string => html_entity_decode($n, ENT_XML1 | ENT_QUOTES), $m[1]);
        }
        $added = array_diff(array_keys($files), $old);
        $removed = array_diff($old, array_keys($files));
        $msg = "package.xml <contents> is stale; run `php scripts/gen-package-xml.php` and commit package.xml";
        foreach ($added as $f) {
            $msg .= "\n    missing: $f";
        }
        foreach ($removed as $f) {
            $msg .= "\n    no longer tracked: $f";
        }
        if (!$added && !$removed) {
            $msg .= "\n    (roles, order or formatting differ)";
        }
        $problems[] = $msg;
    }

    $m4 = m4Sources($root);
    $w32 = w32Sources($root);
    foreach (array_diff($m4, $w32) as $src) {
        $problems[] = "config.w32 does not build $src (listed in config.m4's LOOM_SOURCES)";
    }
    foreach (array_diff($w32, $m4) as $src) {
        $problems[] = "config.w32 builds $src, which config.m4's LOOM_SOURCES does not list";
    }
    foreach ($m4 as $src) {
        if (($files[$src] ?? null) !== 'src') {
            $problems[] = "$src (in LOOM_SOURCES) would not be in the package: is it committed?";
        }
    }

    $header = @file_get_contents("$root/ext/php_loom.h");
    if ($header !== false && preg_match('/#define\s+PHP_LOOM_VERSION\s+"([^"]+)"/', $header, $hm)) {
        if (!preg_match('#<version>\s*<release>([^<]+)</release>#', $current, $pm)) {
            $problems[] = "package.xml has no <version><release>";
        } elseif (trim($pm[1]) !== $hm[1]) {
            $problems[] = "package.xml release version {$pm[1]} != PHP_LOOM_VERSION {$hm[1]} in ext/php_loom.h";
        }
    }

    if ($problems) {
        foreach ($problems as $p) {
            fwrite(STDERR, "gen-package-xml: $p\n");
        }
        return 1;
    }
    $counts = array_count_values($files);
    ksort($counts);
    $summary = implode(', ', array_map(static fn ($r, $n) => "$n $r", array_keys($counts), $counts));
    echo "gen-package-xml: package.xml is up to date (" . count($files) . " files: $summary); "
        . "config.w32 builds the " . count($m4) . " sources of config.m4\n";
    return 0;
}

$args = array_slice($argv, 1);
$checkMode = false;
foreach ($args as $a) {
    if ($a === '--check') {
        $checkMode = true;
    } elseif ($a === '-h' || $a === '--help') {
        echo "usage: php scripts/gen-package-xml.php [--check]\n";
        exit(0);
    } else {
        fail("unknown argument $a (usage: php scripts/gen-package-xml.php [--check])");
    }
}

$current = @file_get_contents($packageXml);
if ($current === false) {
    fail("cannot read $packageXml");
}
[$files, $skippedExt] = packagedFiles($root);
if ($skippedExt) {
    fwrite(STDERR, "gen-package-xml: note: tracked but not packaged: " . implode(' ', $skippedExt) . "\n");
}
$fresh = renderPackageXml($current, $files);

if ($checkMode) {
    exit(check($root, $packageXml, $files, $current, $fresh));
}

if ($fresh === $current) {
    exit(0);
}
$tmp = "$packageXml.tmp." . getmypid();
if (file_put_contents($tmp, $fresh) === false || !rename($tmp, $packageXml)) {
    @unlink($tmp);
    fail("cannot write $packageXml");
}
echo "updated package.xml (" . count($files) . " files)\n";
