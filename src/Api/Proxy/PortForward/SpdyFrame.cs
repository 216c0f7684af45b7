namespace Emulator.Api.Proxy.PortForward;

/// <summary>
/// One SPDY/3.1 frame as read off the wire. Control frames: header <c>0x8003, type, flags|length</c>; data frames:
/// <c>streamId, flags|length</c>. <see cref="StreamId"/> is the data frame's stream, or the first word of a control
/// frame's payload for the types that carry one.
/// </summary>
public sealed record SpdyFrame(bool Control, ushort Type, byte Flags, uint StreamId, byte[] Payload)
{
    public const ushort SynStream = 1;
    public const ushort SynReply = 2;
    public const ushort RstStream = 3;
    public const ushort Settings = 4;
    public const ushort Ping = 6;
    public const ushort GoAway = 7;
    public const ushort Headers = 8;
    public const ushort WindowUpdate = 9;
    public const byte FlagFin = 0x01;

    public bool Fin => (Flags & FlagFin) != 0;
}
