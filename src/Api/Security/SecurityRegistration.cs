using Emulator.Api.Endpoints;
using Emulator.Api.Hosting;
using Emulator.Domain.Security;
using Emulator.Infrastructure.Security;

namespace Emulator.Api.Security;

/// <summary>DI registrations of authentication, impersonation, authorization and the token/review endpoints.</summary>
public static class SecurityRegistration
{
    public static IServiceCollection AddSecurity(this IServiceCollection services, EmulatorOptions options)
    {
        RequestAuthorizer.Validate(options);
        services.AddSecurityInfrastructure(options.Controllers);
        // Read at start-up so a missing or malformed file stops the server, as kube-apiserver refuses to start.
        services.AddSingleton(options.TokenAuthFile is { Length: > 0 } path ? LoadTokenFile(path) : TokenFile.Empty);
        services.AddSingleton<ClientCertificates>();
        services.AddSingleton<Authenticator>();
        services.AddSingleton<RequestAuthorizer>();
        services.AddSingleton<ISubresourceHandler, TokenRequestHandler>();
        services.AddHttpContextAccessor();
        services.AddSingleton<Emulator.Infrastructure.Registry.IAdmissionHook, RbacEscalationHook>();
        return services;
    }

    /// <summary>tokenfile.NewCSV's errors, which kube-apiserver prints before it exits: the os.Open/read error or the column count.</summary>
    private static TokenFile LoadTokenFile(string path)
    {
        string text;
        try
        {
            if (Directory.Exists(path)) throw new StartupException($"read {path}: is a directory");
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new StartupException($"open {path}: no such file or directory");
        }
        catch (UnauthorizedAccessException)
        {
            throw new StartupException($"open {path}: permission denied");
        }
        catch (IOException e)
        {
            throw new StartupException($"read {path}: {e.Message}");
        }
        try
        {
            return TokenFile.Parse(text, path);
        }
        catch (FormatException e)
        {
            throw new StartupException(e.Message);
        }
    }
}
