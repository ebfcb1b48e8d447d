<?php
/* PSR-18: the request itself is invalid (a bad URL or scheme, CR/LF/NUL in a header, an unsupported protocol version). */

declare(strict_types=1);

namespace Loom\Psr18;

use Psr\Http\Client\RequestExceptionInterface;
use Psr\Http\Message\RequestInterface;

final class RequestException extends \InvalidArgumentException implements RequestExceptionInterface
{
    public function __construct(string $message, private readonly RequestInterface $request, ?\Throwable $previous = null)
    {
        parent::__construct($message, 0, $previous);
    }

    public function getRequest(): RequestInterface
    {
        return $this->request;
    }
}
