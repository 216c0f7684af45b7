using System.Net;
using Emulator.Api.Hosting;
using Xunit;

namespace Emulator.Api.Tests;

/// <summary>A warm data dir starts without generating keys: the CA and serving certificate on disk are reused.</summary>
public sealed class PkiTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("pki-test").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void A_warm_data_dir_reuses_its_ca_and_serving_certificate()
    {
        var first = Pki.LoadOrCreate(dir, [IPAddress.Loopback]);
        var caPem = File.ReadAllText(Path.Combine(dir, "ca.crt"));
        var servingPem = File.ReadAllText(Path.Combine(dir, "apiserver.crt"));

        var second = Pki.LoadOrCreate(dir, [IPAddress.Loopback]);

        Assert.Equal(first.Ca.Thumbprint, second.Ca.Thumbprint);
        Assert.Equal(first.Serving.Thumbprint, second.Serving.Thumbprint);
        Assert.Equal(caPem, File.ReadAllText(Path.Combine(dir, "ca.crt")));
        Assert.Equal(servingPem, File.ReadAllText(Path.Combine(dir, "apiserver.crt")));
    }

    [Fact]
    public void A_new_bind_address_reissues_only_the_serving_certificate()
    {
        var first = Pki.LoadOrCreate(dir, [IPAddress.Loopback]);

        var second = Pki.LoadOrCreate(dir, [IPAddress.Parse("127.0.0.2")]);

        Assert.Equal(first.Ca.Thumbprint, second.Ca.Thumbprint);
        Assert.NotEqual(first.Serving.Thumbprint, second.Serving.Thumbprint);
    }
}
