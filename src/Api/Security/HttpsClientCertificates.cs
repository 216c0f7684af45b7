using Emulator.Api.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Emulator.Api.Security;

/// <summary>
/// The HTTPS listener's TLS settings: the serving certificate, and client certificates asked for but not required
/// (kube-apiserver's --client-ca-file). The chain is checked against the emulator's CA by <see cref="ClientCertificates"/>,
/// so a certificate from elsewhere is simply not an identity (401), never a handshake failure.
/// </summary>
public static class HttpsClientCertificates
{
    public static HttpsConnectionAdapterOptions Options(Pki pki) => new()
    {
        ServerCertificate = pki.Serving,
        ClientCertificateMode = ClientCertificateMode.AllowCertificate,
        ClientCertificateValidation = (_, _, _) => true,
        CheckCertificateRevocation = false,
    };
}
