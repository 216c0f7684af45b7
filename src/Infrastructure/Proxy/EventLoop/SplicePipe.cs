namespace Emulator.Infrastructure.Proxy.EventLoop;

/// <summary>A non-blocking pipe a bulk flow splices through, grown to the size unprivileged processes may set.</summary>
internal sealed unsafe class SplicePipe : IDisposable
{
    // /proc/sys/fs/pipe-max-size defaults to 1 MiB; bigger pipes mean fewer splice calls per MB. When the per-user
    // pipe budget is spent the resize fails and the pipe keeps its default 64 KiB.
    private const int WantedCapacity = 1024 * 1024;
    private const int DefaultCapacity = 64 * 1024;

    private SplicePipe(int readFd, int writeFd, int capacity)
    {
        ReadFd = readFd;
        WriteFd = writeFd;
        Capacity = capacity;
    }

    public int ReadFd { get; }

    public int WriteFd { get; }

    public int Capacity { get; }

    /// <summary>Bytes in the pipe, not yet spliced out.</summary>
    public int Pending { get; set; }

    public static SplicePipe? TryCreate()
    {
        var fds = stackalloc int[2];
        if (Libc.pipe2(fds, Libc.ONonBlock | Libc.OCloExec) < 0) return null;
        var capacity = Libc.fcntl(fds[1], Libc.FSetPipeSize, WantedCapacity);
        return new SplicePipe(fds[0], fds[1], capacity > 0 ? capacity : DefaultCapacity);
    }

    public void Dispose()
    {
        Libc.close(ReadFd);
        Libc.close(WriteFd);
    }
}
