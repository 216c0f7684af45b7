using System.Text;

namespace Emulator.Domain.Kubelet.Exec;

/// <summary>
/// The line discipline between kubectl's stdin and an interactive shell. kubectl in raw mode (-t) sends keystrokes as
/// they are typed: the terminal of the container echoes them, Enter arrives as CR, Backspace (DEL) erases, Ctrl-C drops
/// the line and Ctrl-D on an empty line ends the input; output newlines become CRLF (ONLCR). Without a terminal the
/// bytes are plain lines, nothing is echoed.
/// </summary>
public sealed class TerminalInput(bool tty)
{
    private readonly StringBuilder _line = new();
    private readonly Decoder _utf8 = Encoding.UTF8.GetDecoder();

    public bool Tty { get; } = tty;

    public bool Ended { get; private set; }

    /// <summary>Consumes bytes from stdin: the complete lines, what the terminal echoes, whether Ctrl-C was typed.</summary>
    public (List<string> Lines, string Echo, bool Interrupted) Feed(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[_utf8.GetCharCount(bytes, flush: false)];
        _utf8.GetChars(bytes, chars, flush: false);
        var lines = new List<string>();
        var echo = new StringBuilder();
        var interrupted = false;
        foreach (var c in chars)
        {
            if (Ended) break;
            if (!Tty)
            {
                if (c == '\n') { lines.Add(_line.ToString()); _line.Clear(); }
                else _line.Append(c);
                continue;
            }
            switch (c)
            {
                case '\r' or '\n':
                    lines.Add(_line.ToString());
                    _line.Clear();
                    echo.Append("\r\n");
                    break;
                case '\x7f' or '\b':
                    if (_line.Length > 0) { _line.Length--; echo.Append("\b \b"); }
                    break;
                case '\x03':
                    _line.Clear();
                    echo.Append("^C\r\n");
                    interrupted = true;
                    break;
                case '\x04':
                    if (_line.Length == 0) Ended = true;
                    break;
                default:
                    if (!char.IsControl(c) || c == '\t') { _line.Append(c); echo.Append(c); }
                    break;
            }
        }
        return (lines, echo.ToString(), interrupted);
    }

    /// <summary>End of stdin: a last line without its newline still counts.</summary>
    public List<string> End()
    {
        Ended = true;
        if (_line.Length == 0) return [];
        var last = _line.ToString();
        _line.Clear();
        return [last];
    }

    /// <summary>Output as the terminal shows it: LF becomes CRLF under a tty.</summary>
    public string Display(string output) => Tty ? output.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal) : output;
}
