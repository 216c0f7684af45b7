namespace Emulator.E2E.Tests.Harness;

/// <summary>The loopback ports one emulator listens on; a restart reuses them so kubeconfig and clients stay valid.</summary>
public sealed record EmulatorPorts(int Api, int Http, int Dns);
