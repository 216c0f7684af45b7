using System.Globalization;
using System.Text.Json.Nodes;

namespace Emulator.Domain.Kubelet.Exec;

/// <summary>
/// The metav1.Status the kubelet writes on the error stream when an exec or attach ends (k/k
/// pkg/kubelet/cri/streaming/remotecommand/exec.go): Success; Failure with reason NonZeroExitCode and a cause of type
/// ExitCode carrying the code, which client-go's errorDecoderV4 turns into "command terminated with exit code N" and
/// kubectl into its own exit code; or an InternalError whose message kubectl prints after "error: ".
/// </summary>
public static class ExecStatus
{
    public static JsonObject Success() => new() { ["metadata"] = new JsonObject(), ["status"] = "Success" };

    public static JsonObject ExitCode(int code, IReadOnlyList<string> argv) => new()
    {
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = $"command terminated with non-zero exit code: error executing command [{string.Join(" ", argv)}], exit code {code}",
        ["reason"] = "NonZeroExitCode",
        ["details"] = new JsonObject
        {
            ["causes"] = new JsonArray(new JsonObject { ["reason"] = "ExitCode", ["message"] = code.ToString(CultureInfo.InvariantCulture) }),
        },
    };

    public static JsonObject InternalError(string message) => new()
    {
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = $"Internal error occurred: {message}",
        ["reason"] = "InternalError",
        ["details"] = new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["message"] = message }) },
        ["code"] = 500,
    };

    public static JsonObject Of(int exitCode, IReadOnlyList<string> argv) => exitCode == 0 ? Success() : ExitCode(exitCode, argv);
}
