namespace Emulator.Infrastructure.Proxy;

/// <summary>One open frontend socket (TCP or UDP) forwarding to whatever its current binding says.</summary>
public interface IFrontendListener : IDisposable
{
    FrontendBinding Binding { get; set; }
}
