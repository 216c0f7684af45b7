using Emulator.Api.Http;

namespace Emulator.Api.Endpoints;

/// <summary>
/// Serves a subresource other than status/finalize (scale, log, portforward, proxy...). Registered in DI; the
/// resource dispatcher hands the request to the first handler that claims it, else answers 404.
/// </summary>
public interface ISubresourceHandler
{
    bool Handles(RequestTarget target, string method);

    Task HandleAsync(HttpContext context, RequestTarget target);
}
