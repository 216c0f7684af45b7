using Emulator.Domain.Security;

namespace Emulator.Domain.Tests.Rbac;

public sealed class TokenFileTests
{
    [Fact]
    public void Parses_kube_apiserver_token_auth_file_lines()
    {
        var file = TokenFile.Parse("# comment\nt1,jane,u1,\"viewers,devs\"\n\nt2,bob,u2\n");

        var jane = file.Find("t1")!;
        Assert.Equal(("jane", "u1"), (jane.Name, jane.Uid));
        Assert.Equal(["viewers", "devs", "system:authenticated"], jane.Groups);
        Assert.Equal(["system:authenticated"], file.Find("t2")!.Groups);
        Assert.Null(file.Find("t3"));
    }

    [Fact]
    public void A_line_with_fewer_than_three_columns_is_an_error()
    {
        Assert.Throws<FormatException>(() => TokenFile.Parse("t1,jane\n"));
    }
}
