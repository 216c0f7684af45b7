using System.Runtime.InteropServices;

namespace Emulator.Infrastructure.Proxy.EventLoop;

/// <summary>
/// The few Linux system calls the event-loop relay makes on raw descriptors: epoll, non-blocking accept/connect,
/// recv/send. Values are Linux x86-64's (the only platform <see cref="RelayLoops.IsSupported"/> accepts).
/// </summary>
internal static unsafe partial class Libc
{
    public const int AfInet = 2;
    public const int SockStream = 1;
    public const int SockNonBlock = 0x800;
    public const int SockCloExec = 0x80000;

    public const int EIntr = 4;
    public const int EAgain = 11;
    public const int EInProgress = 115;
    public const int EConnAborted = 103;

    public const int EpollCtlAdd = 1;
    public const int EpollCtlDel = 2;
    public const int EpollCtlMod = 3;
    public const uint EpollIn = 0x1;
    public const uint EpollOut = 0x4;
    public const uint EpollErr = 0x8;
    public const uint EpollHup = 0x10;

    public const short PollOut = 0x4;

    public const int SolSocket = 1;
    public const int SoError = 4;
    public const int SoLinger = 13;
    public const int IpProtoTcp = 6;
    public const int TcpNoDelay = 1;
    public const int ShutWr = 1;
    public const int MsgNoSignal = 0x4000;

    public const int ONonBlock = 0x800;
    public const int OCloExec = 0x80000;

    /// <summary>struct epoll_event, which x86-64 packs to 12 bytes.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 1)]
    public struct EpollEvent
    {
        public uint Events;
        public ulong Data;
    }

    /// <summary>struct sockaddr_in: family in host order, port and address in network order.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct SockAddrIn
    {
        public ushort Family;
        public ushort Port;
        public uint Address;
        public ulong Zero;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct Linger
    {
        public int OnOff;
        public int Seconds;
    }

    public static int Errno => Marshal.GetLastPInvokeError();

    [LibraryImport("libc", SetLastError = true)]
    public static partial int epoll_create1(int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int epoll_ctl(int epfd, int op, int fd, EpollEvent* ev);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int epoll_wait(int epfd, EpollEvent* events, int maxEvents, int timeout);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int accept4(int fd, SockAddrIn* address, int* length, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int socket(int domain, int type, int protocol);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int connect(int fd, SockAddrIn* address, int length);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint recv(int fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint send(int fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int shutdown(int fd, int how);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int setsockopt(int fd, int level, int name, void* value, int length);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int getsockopt(int fd, int level, int name, void* value, int* length);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int poll(PollFd* fds, nuint count, int timeout);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int eventfd(uint initial, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint read(int fd, void* buffer, nint count);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint write(int fd, void* buffer, nint count);

    [LibraryImport("libc")]
    public static partial int sched_yield();

    public static void SetNoDelay(int fd)
    {
        var one = 1;
        setsockopt(fd, IpProtoTcp, TcpNoDelay, &one, sizeof(int));
    }

    /// <summary>
    /// Whether a non-blocking connect has finished, without waiting: null while in progress, else whether it
    /// succeeded. On loopback the handshake usually completes inside connect() itself.
    /// </summary>
    public static bool? ConnectOutcome(int fd)
    {
        var entry = new PollFd { Fd = fd, Events = PollOut };
        if (poll(&entry, 1, 0) <= 0) return null;
        int error = 0, length = sizeof(int);
        getsockopt(fd, SolSocket, SoError, &error, &length);
        return error == 0;
    }

    /// <summary>Closes with SO_LINGER 0, so the peer gets an RST at once.</summary>
    public static void Reset(int fd)
    {
        var linger = new Linger { OnOff = 1, Seconds = 0 };
        setsockopt(fd, SolSocket, SoLinger, &linger, sizeof(Linger));
        close(fd);
    }
}
