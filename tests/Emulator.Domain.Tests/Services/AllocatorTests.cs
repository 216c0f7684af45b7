using System.Net;
using Emulator.Domain.Allocation;

namespace Emulator.Domain.Tests.Services;

public sealed class AllocatorTests
{
    [Theory]
    [InlineData("127.96.0.0/12", 256, "127.96.0.1", "127.111.255.254")]
    [InlineData("10.0.0.0/24", 16, "10.0.0.1", "10.0.0.254")]
    [InlineData("10.0.0.0/28", 0, "10.0.0.1", "10.0.0.14")]
    [InlineData("10.0.0.0/27", 16, "10.0.0.1", "10.0.0.30")]
    public void Service_cidr_bands_and_usable_addresses_match_the_bitmap_allocator(string cidr, int band, string first, string last)
    {
        var range = IpRange.Parse(cidr);
        Assert.Equal(band, range.StaticBand);
        Assert.Equal(first, range.At(0).ToString());
        Assert.Equal(last, range.At(range.Usable - 1).ToString());
        Assert.Null(range.IndexOf(range.Network));
    }

    [Theory]
    [InlineData("30000-32767", 86)]
    [InlineData("30000-30015", 0)]
    [InlineData("30000-30099", 16)]
    [InlineData("1-65535", 128)]
    public void Node_port_static_band_is_min_max_16_size_over_32_128(string range, int band) =>
        Assert.Equal(band, NodePortAllocator.StaticBand(PortRange.Parse(range).Size));

    [Fact]
    public void Dynamic_ips_come_from_the_upper_band_until_it_is_full_then_the_lower()
    {
        var allocator = new ClusterIpAllocator(IpRange.Parse("10.0.0.0/24"), new Random(1));
        var band = allocator.Range.StaticBand;
        var upper = allocator.Range.Usable - band;
        var first = Enumerable.Range(0, upper).Select(_ => allocator.Range.IndexOf(allocator.AllocateNext())!.Value).ToList();
        Assert.All(first, i => Assert.True(i >= band));
        Assert.Equal(upper, first.Distinct().Count());
        var lower = Enumerable.Range(0, band).Select(_ => allocator.Range.IndexOf(allocator.AllocateNext())!.Value).ToList();
        Assert.All(lower, i => Assert.True(i < band));
        var full = Assert.Throws<AllocationException>(() => allocator.AllocateNext());
        Assert.Equal(AllocationFailure.Full, full.Failure);
        Assert.Equal("range is full", full.Message);
    }

    [Fact]
    public void Requested_ip_is_refused_when_taken_or_out_of_range_with_the_real_texts()
    {
        var allocator = new ClusterIpAllocator(IpRange.Parse("127.96.0.0/12"));
        allocator.Allocate(IPAddress.Parse("127.96.0.1"));
        var taken = Assert.Throws<AllocationException>(() => allocator.Allocate(IPAddress.Parse("127.96.0.1")));
        Assert.Equal("provided IP is already allocated", taken.Message);
        var outside = Assert.Throws<AllocationException>(() => allocator.Allocate(IPAddress.Parse("1.1.1.1")));
        Assert.Equal("the provided IP (1.1.1.1) is not in the valid range. The range of valid IPs is 127.96.0.0/12", outside.Message);
        var network = Assert.Throws<AllocationException>(() => allocator.Allocate(IPAddress.Parse("127.96.0.0")));
        Assert.Equal(AllocationFailure.NotInRange, network.Failure);
        allocator.Release(IPAddress.Parse("127.96.0.1"));
        allocator.Allocate(IPAddress.Parse("127.96.0.1"));
    }

    [Fact]
    public void Node_ports_static_values_anywhere_in_range_dynamic_above_the_band()
    {
        var allocator = new NodePortAllocator(PortRange.Parse("30000-32767"), new Random(7));
        allocator.Allocate(30000);
        allocator.Allocate(32767);
        for (var i = 0; i < 500; i++) Assert.InRange(allocator.AllocateNext(), 30086, 32767);
        Assert.Equal("provided port is already allocated", Assert.Throws<AllocationException>(() => allocator.Allocate(30000)).Message);
        Assert.Equal("provided port is not in the valid range. The range of valid ports is 30000-32767",
            Assert.Throws<AllocationException>(() => allocator.Allocate(80)).Message);
    }

    [Fact]
    public void Every_value_of_a_small_range_is_handed_out_once()
    {
        var allocator = new NodePortAllocator(PortRange.Parse("30000-30099"));
        var all = Enumerable.Range(0, 100).Select(_ => allocator.AllocateNext()).ToList();
        Assert.Equal(Enumerable.Range(30000, 100), all.Order());
        Assert.Equal(AllocationFailure.Full, Assert.Throws<AllocationException>(() => allocator.AllocateNext()).Failure);
    }
}
