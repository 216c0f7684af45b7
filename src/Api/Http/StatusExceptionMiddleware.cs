using Emulator.Domain.Errors;

namespace Emulator.Api.Http;

/// <summary>Turns every failure into a Status answer: domain refusals keep their code, anything else is a 500 InternalError.</summary>
public sealed partial class StatusExceptionMiddleware(RequestDelegate next, ILogger<StatusExceptionMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (StatusException e) when (!context.Response.HasStarted)
        {
            await StatusWriter.WriteAsync(context, e);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            var status = e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? StatusException.RequestEntityTooLarge("the server has received a request that is too large")
                : StatusException.BadRequest(e.Message);
            await StatusWriter.WriteAsync(context, status);
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            LogUnhandled(logger, e, context.Request.Method, context.Request.Path);
            await StatusWriter.WriteAsync(context, StatusException.Internal(e.Message));
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Unhandled error serving {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception e, string method, string path);
}
