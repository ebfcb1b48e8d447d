<?php
/* Finds PSR-17 factories for Loom\Psr18\Client: php-http/discovery, else guzzlehttp/psr7, else nyholm/psr7. */

declare(strict_types=1);

namespace Loom\Psr18;

use Psr\Http\Message\ResponseFactoryInterface;
use Psr\Http\Message\StreamFactoryInterface;

/** @internal */
final class Factories
{
    public static function responseFactory(): ResponseFactoryInterface
    {
        if (class_exists(\Http\Discovery\Psr17FactoryDiscovery::class)) {
            return \Http\Discovery\Psr17FactoryDiscovery::findResponseFactory();
        }
        return self::fallback();
    }

    public static function streamFactory(): StreamFactoryInterface
    {
        if (class_exists(\Http\Discovery\Psr17FactoryDiscovery::class)) {
            return \Http\Discovery\Psr17FactoryDiscovery::findStreamFactory();
        }
        return self::fallback();
    }

    private static function fallback(): ResponseFactoryInterface&StreamFactoryInterface
    {
        if (class_exists(\GuzzleHttp\Psr7\HttpFactory::class)) {
            return new \GuzzleHttp\Psr7\HttpFactory();
        }
        if (class_exists(\Nyholm\Psr7\Factory\Psr17Factory::class)) {
            return new \Nyholm\Psr7\Factory\Psr17Factory();
        }
        throw new \LogicException(
            'Loom\Psr18\Client needs PSR-17 response and stream factories: pass them to the constructor, or install '
            . 'php-http/discovery, guzzlehttp/psr7 or nyholm/psr7'
        );
    }
}
