using System.Net;
using Emulator.Infrastructure.Registry;

namespace Emulator.Infrastructure.Services;

/// <summary>
/// One request's allocations, as the apiserver's metaTransaction / PortAllocationOperation: values are taken at
/// once (so a concurrent request cannot take them too), released again on revert; values the request gives up are
/// released only on commit. A dry run takes values to compute the answer and gives them all back at the end.
/// </summary>
public sealed class AllocationOperation(ServiceAllocators allocators, bool dryRun) : IHookTransaction
{
    private readonly List<IPAddress> _takenIps = [];
    private readonly List<int> _takenPorts = [];
    private readonly List<IPAddress> _releaseIps = [];
    private readonly List<int> _releasePorts = [];

    public void AllocateIp(IPAddress ip)
    {
        lock (allocators.Gate) allocators.Ips.Allocate(ip);
        _takenIps.Add(ip);
    }

    public IPAddress AllocateNextIp()
    {
        IPAddress ip;
        lock (allocators.Gate) ip = allocators.Ips.AllocateNext();
        _takenIps.Add(ip);
        return ip;
    }

    public void AllocatePort(int port)
    {
        lock (allocators.Gate) allocators.Ports.Allocate(port);
        _takenPorts.Add(port);
    }

    public int AllocateNextPort()
    {
        int port;
        lock (allocators.Gate) port = allocators.Ports.AllocateNext();
        _takenPorts.Add(port);
        return port;
    }

    public void ReleaseIpDeferred(IPAddress ip) => _releaseIps.Add(ip);

    public void ReleasePortDeferred(int port) => _releasePorts.Add(port);

    public void Commit()
    {
        if (dryRun)
        {
            Revert();
            return;
        }
        lock (allocators.Gate)
        {
            foreach (var ip in _releaseIps) allocators.Ips.Release(ip);
            foreach (var port in _releasePorts) allocators.Ports.Release(port);
        }
        Clear();
    }

    public void Revert()
    {
        lock (allocators.Gate)
        {
            foreach (var ip in _takenIps) allocators.Ips.Release(ip);
            foreach (var port in _takenPorts) allocators.Ports.Release(port);
        }
        Clear();
    }

    private void Clear()
    {
        _takenIps.Clear();
        _takenPorts.Clear();
        _releaseIps.Clear();
        _releasePorts.Clear();
    }
}
